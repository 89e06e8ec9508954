import { Inject, Injectable } from '@nestjs/common';
import { CHANNELS, type Channel, type StatsOverview } from '@jointduty/shared';
import { AlertsRepository } from '../alerts/alerts.repository';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db, num } from '../infra/database/db';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { ProfilesService } from '../profiles/profiles.service';

/** Start of today in the city's time zone (China has no DST: a fixed +08:00 offset). */
export function startOfLocalDay(now: number, offsetMinutes = 480): number {
  const shifted = now + offsetMinutes * 60_000;
  return shifted - (shifted % 86_400_000) - offsetMinutes * 60_000;
}

@Injectable()
export class StatsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly alerts: AlertsRepository,
    private readonly profiles: ProfilesService,
  ) {}

  async overview(now = Date.now()): Promise<StatsOverview> {
    const since = startOfLocalDay(now);
    const [byChannelRaw, byDistrict, byCategory, openAlerts, response, onTime] = await Promise.all([
      this.incidents.countBy('channel', since),
      this.incidents.countBy('district', since),
      this.incidents.countBy('category', since),
      this.alerts.openBySeverity(),
      this.alerts.responseSince(since),
      this.onTime(since),
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
      onTimeRate: onTime,
      simulatorOn: this.config.env.simulator,
      profile: this.activeProfile(now),
    };
  }

  private activeProfile(now: number): StatsOverview['profile'] {
    const active = this.profiles.active(now);
    if (!active) return null;
    const p = active.profile;
    return { id: p.id, name: p.name, manual: active.manual, watchAreas: p.watchAreas.map((w) => w.name), roster: p.roster };
  }

  // Dispatches resolved today: the share resolved within the response time the hotline's rule
  // allows for on-site work (24 h) — the ranking figure until work-order follow-up arrives.
  private async onTime(since: number): Promise<number | null> {
    const rows = await this.db.query<{ done: unknown; ontime: unknown }>(
      `SELECT COUNT(*) AS done, SUM(CASE WHEN resolved_at - created_at <= 86400000 THEN 1 ELSE 0 END) AS ontime
       FROM dispatches WHERE resolved_at IS NOT NULL AND resolved_at >= ?`,
      [since],
    );
    const done = num(rows[0]?.done ?? 0);
    return done > 0 ? num(rows[0]?.ontime ?? 0) / done : null;
  }
}
