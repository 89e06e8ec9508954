import { Inject, Injectable } from '@nestjs/common';
import type { OrderFigures } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db, num } from '../infra/database/db';
import { OrdersService } from './orders.service';

const DAY = 86_400_000;
/** the on-time rates look at the orders received in this many days */
const RATE_DAYS = 30;
const CACHE_MS = 2_000;

const rate = (met: number, all: number) => (all === 0 ? null : Math.round((met / all) * 1000) / 1000);

// The orders' figures for the wall and the console. Each count reads an index range: due today
// and overdue by the next owed deadline of open orders, the ledger by its flag, today's intake by
// creation time. The on-time rates (docs/metrics.md) read the orders received in the last 30 days.
@Injectable()
export class OrderFiguresService {
  private cached: { at: number; figures: OrderFigures } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly orders: OrdersService,
  ) {}

  async figures(now = Date.now()): Promise<OrderFigures> {
    if (this.cached && now - this.cached.at < CACHE_MS && now >= this.cached.at) return this.cached.figures;
    const cal = this.orders.calendar;
    const today = cal.dayOf(now);
    const dayStart = cal.startOfDay(today);
    const dayEnd = cal.endOfDay(today);
    const monthStart = cal.startOfDay(`${today.slice(0, 8)}01`);
    const one = async (sql: string, params: Array<string | number | boolean>) =>
      num((await this.db.query<{ n: unknown }>(sql, params))[0]?.n ?? 0);
    const [dueTodayLeft, dueTodayAll, overdue, returned, extensionRequests, ledgerOpen, ledgerClosedThisMonth, receivedToday, rates] =
      await Promise.all([
        one(`SELECT COUNT(*) AS n FROM orders WHERE open = ? AND next_deadline_at >= ? AND next_deadline_at <= ?`, [true, now, dayEnd]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE due_by >= ? AND due_by <= ?`, [dayStart, dayEnd]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE open = ? AND next_deadline_at < ?`, [true, now]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE status = ?`, ['returned']),
        one(`SELECT COUNT(*) AS n FROM orders WHERE extension_pending = ?`, [true]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE ledger = ? AND ledger_closed_at IS NULL`, [true]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE ledger = ? AND ledger_closed_at >= ?`, [true, monthStart]),
        one(`SELECT COUNT(*) AS n FROM orders WHERE created_at >= ?`, [dayStart]),
        this.rates(now),
      ]);
    const figures: OrderFigures = {
      dueToday: Math.max(dueTodayAll, dueTodayLeft),
      dueTodayLeft,
      overdue,
      returned,
      extensionRequests,
      ledgerOpen,
      ledgerClosedThisMonth,
      receivedToday,
      ...rates,
      clearingHour: this.config.orders.clearingHour,
    };
    this.cached = { at: now, figures };
    return figures;
  }

  /**
   * Of the orders received in the last 30 days: signed in time, first-checked in time, handled in
   * time, each among those whose deadline has passed or whose step is done (an order still inside
   * its limit counts for neither side yet).
   */
  private async rates(now: number): Promise<Pick<OrderFigures, 'onTimeSignRate' | 'onTimeFirstCheckRate' | 'onTimeRate'>> {
    const since = now - RATE_DAYS * DAY;
    const t = (b: string) => `CASE WHEN ${b} THEN 1 ELSE 0 END`;
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT
         SUM(${t('signed_at IS NOT NULL OR sign_late = ?')}) AS sign_all, SUM(${t('signed_at IS NOT NULL AND sign_late = ?')}) AS sign_met,
         SUM(${t('first_check_by IS NOT NULL AND (contacted_at IS NOT NULL OR replied_at IS NOT NULL OR first_check_overdue = ?)')}) AS fc_all,
         SUM(${t('first_check_by IS NOT NULL AND (contacted_at IS NOT NULL OR replied_at IS NOT NULL) AND first_check_overdue = ?')}) AS fc_met,
         SUM(${t('replied_at IS NOT NULL OR due_overdue = ?')}) AS due_all,
         SUM(${t('replied_at IS NOT NULL AND due_overdue = ?')}) AS due_met
       FROM orders WHERE created_at >= ?`,
      [true, false, true, false, true, false, since],
    );
    const r = rows[0] ?? {};
    return {
      onTimeSignRate: rate(num(r.sign_met ?? 0), num(r.sign_all ?? 0)),
      onTimeFirstCheckRate: rate(num(r.fc_met ?? 0), num(r.fc_all ?? 0)),
      onTimeRate: rate(num(r.due_met ?? 0), num(r.due_all ?? 0)),
    };
  }
}
