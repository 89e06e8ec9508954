import { Inject, Injectable } from '@nestjs/common';
import { CHANNELS, type Channel, type StatsOverview, type StatsSeries } from '@jointduty/shared';
import { AlertsRepository } from '../alerts/alerts.repository';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db, num } from '../infra/database/db';
import { DAY_MS, localDayOf, MINUTE_MS } from '../incidents/incident-counts';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { OrderFiguresService } from '../orders/order-figures.service';
import { ProfilesService } from '../profiles/profiles.service';
import { rosterOnDuty } from './roster';

const MINUTE = MINUTE_MS;
const DAY = DAY_MS;
const WEEK = 7 * DAY;

@Injectable()
export class StatsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly alerts: AlertsRepository,
    private readonly profiles: ProfilesService,
    private readonly orders: OrderFiguresService,
  ) {}

  async overview(now = Date.now()): Promise<StatsOverview> {
    const since = localDayOf(now);
    const [{ byChannel: byChannelRaw, byDistrict, byCategory }, openAlerts, response, orders] = await Promise.all([
      this.incidents.countsOfDay(since),
      this.alerts.openBySeverity(),
      this.alerts.responseSince(since),
      this.orders.figures(now),
    ]);
    const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, byChannelRaw[c] ?? 0])) as Record<Channel, number>;
    return {
      date: new Date(since + 8 * 3600_000).toISOString().slice(0, 10),
      generatedAt: new Date(now).toISOString(),
      total: Object.values(byChannel).reduce((a, b) => a + b, 0),
      byChannel,
      byDistrict,
      byCategory,
      openAlerts,
      responseRate: response.raised > 0 ? response.answered / response.raised : null,
      // work orders handled within their deadline (docs/metrics.md), not dispatches
      onTimeRate: orders.onTimeRate,
      orders,
      simulatorOn: this.config.env.simulator,
      profile: this.activeProfile(now),
      roster: rosterOnDuty(this.config.roster, this.profiles.active(now)?.profile.roster ?? [], now, this.config.city.timezone),
    };
  }

  /** Incidents per minute per channel over the last `minutes`, beside the same minutes a week before. */
  async series(minutes: number, now = Date.now()): Promise<StatsSeries> {
    const end = Math.floor(now / MINUTE) * MINUTE + MINUTE;
    const start = end - minutes * MINUTE;
    const [current, lastWeek, hot] = await Promise.all([
      this.perMinute(start, end, minutes),
      this.perMinute(start - WEEK, end - WEEK, minutes),
      this.db.query<{ id: unknown; subject: unknown; n: unknown; district: unknown }>(
        `SELECT id, subject, incident_count AS n, district FROM events WHERE subject IS NOT NULL AND last_at >= ? ORDER BY incident_count DESC, last_at DESC LIMIT 10`,
        [now - DAY],
      ),
    ]);
    return {
      start: new Date(start).toISOString(),
      minutes,
      byChannel: current,
      lastWeek,
      hotMerchants: hot.map((r) => ({
        name: String(r.subject),
        incidents: num(r.n),
        eventId: String(r.id),
        district: r.district == null ? null : String(r.district),
      })),
    };
  }

  private async perMinute(start: number, end: number, minutes: number): Promise<Record<Channel, number[]>> {
    const out = Object.fromEntries(CHANNELS.map((c) => [c, new Array<number>(minutes).fill(0)])) as Record<Channel, number[]>;
    for (const r of await this.incidents.countsPerMinute(start, end)) {
      const i = Math.floor((r.minute - start) / MINUTE);
      if (i >= 0 && i < minutes && r.channel in out) out[r.channel][i] += r.n;
    }
    return out;
  }

  private activeProfile(now: number): StatsOverview['profile'] {
    const active = this.profiles.active(now);
    if (!active) return null;
    const p = active.profile;
    return { id: p.id, name: p.name, manual: active.manual, watchAreas: p.watchAreas.map((w) => w.name), roster: p.roster };
  }
}
