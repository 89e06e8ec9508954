import { Inject, Injectable } from '@nestjs/common';
import type { OrderFigures, Rate } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db, num } from '../infra/database/db';
import { localDayOf } from '../incidents/incident-counts';
import { dayKey } from './order-rollups';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';
import { cityFigures } from './ranking';

const DAY = 86_400_000;
/** the on-time rates look at the orders received in this many days */
const RATE_DAYS = 30;
const CACHE_MS = 2_000;

const round = (r: Rate) => (r.value === null ? null : Math.round(r.value * 1000) / 1000);

// The orders' figures for the wall and the console. Each count reads an index range: due today
// and overdue by the next owed deadline of open orders, the ledger by its flag, today's intake by
// creation time. The on-time rates (docs/rates.md) sum the rollups of the last 30 city days.
@Injectable()
export class OrderFiguresService {
  private cached: { at: number; figures: OrderFigures } | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly orders: OrdersService,
    private readonly repo: OrdersRepository,
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
   * Of the orders received in the last 30 city days (today and the 29 before): signed in time,
   * first-checked in time, handled in time, from the rollups (docs/rates.md; an order still inside
   * its limit counts for neither side yet).
   */
  private async rates(now: number): Promise<Pick<OrderFigures, 'onTimeSignRate' | 'onTimeFirstCheckRate' | 'onTimeRate'>> {
    const today = localDayOf(now);
    const units = await this.repo.sumCounts(dayKey(today - (RATE_DAYS - 1) * DAY), dayKey(today), 'unit');
    const r = cityFigures(units, {}).rates;
    return { onTimeSignRate: round(r.sign), onTimeFirstCheckRate: round(r.firstCheck), onTimeRate: round(r.onTime) };
  }
}
