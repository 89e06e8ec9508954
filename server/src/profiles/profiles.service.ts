import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig, Profile } from '../config/config.schema';
import { Db } from '../infra/database/db';

export interface ActiveProfile {
  profile: Profile;
  /** switched on by a duty officer rather than by its dates */
  manual: boolean;
}

export interface ProfileView {
  id: string;
  name: string;
  from: string | null;
  to: string | null;
  watchAreas: string[];
  roster: Profile['roster'];
  active: boolean;
}

const SETTING = 'profile';

// Peak-season profiles (config/profiles.yaml): active on their dates, or switched by hand. A hand
// choice ("beer-festival", or "none") holds until a duty officer goes back to automatic.
@Injectable()
export class ProfilesService implements OnModuleInit {
  private manual: { id: string | null } | null = null;
  private readonly dateFormat: Intl.DateTimeFormat;
  // the local date of the last minute asked about: every record asks, the date changes once a day
  private dateCache = { minute: -1, date: '' };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {
    this.dateFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: config.city.timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
  }

  async onModuleInit(): Promise<void> {
    const rows = await this.db.query<{ value: string }>(`SELECT value FROM settings WHERE name = ?`, [SETTING]);
    if (!rows[0]) return;
    const saved = JSON.parse(rows[0].value) as { id: string | null };
    // a profile removed from config since is forgotten, not an error
    if (saved.id === null || this.config.profiles.some((p) => p.id === saved.id)) this.manual = saved;
  }

  active(now = Date.now()): ActiveProfile | null {
    if (this.manual) {
      const p = this.config.profiles.find((x) => x.id === this.manual!.id);
      return p ? { profile: p, manual: true } : null;
    }
    const today = this.localDate(now);
    const p = this.config.profiles.find((x) => x.from !== undefined && x.to !== undefined && x.from <= today && today <= x.to);
    return p ? { profile: p, manual: false } : null;
  }

  private localDate(now: number): string {
    const minute = Math.floor(now / 60_000);
    if (minute !== this.dateCache.minute) this.dateCache = { minute, date: this.dateFormat.format(now) };
    return this.dateCache.date;
  }

  list(now = Date.now()): { profiles: ProfileView[]; active: string | null; manual: boolean } {
    const active = this.active(now);
    return {
      profiles: this.config.profiles.map((p) => ({
        id: p.id,
        name: p.name,
        from: p.from ?? null,
        to: p.to ?? null,
        watchAreas: p.watchAreas.map((w) => w.name),
        roster: p.roster,
        active: active?.profile.id === p.id,
      })),
      active: active?.profile.id ?? null,
      manual: this.manual !== null,
    };
  }

  /** `id` switches a profile on by hand, null switches every profile off, 'auto' goes back to the dates. */
  async choose(actor: string, choice: string | null): Promise<ReturnType<ProfilesService['list']>> {
    if (choice !== null && choice !== 'auto' && !this.config.profiles.some((p) => p.id === choice)) {
      throw new AppException(
        'profile.unknown',
        `id: ${String(choice).slice(0, 64)} is not a profile of config/profiles.yaml (or use null, or "auto")`,
      );
    }
    const before = this.active()?.profile.id ?? null;
    const next = choice === 'auto' ? null : { id: choice };
    await this.db.transaction(async (tx) => {
      await tx.execute(`DELETE FROM settings WHERE name = ?`, [SETTING]);
      if (next)
        await tx.execute(`INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)`, [SETTING, JSON.stringify(next), Date.now()]);
    });
    this.manual = next;
    await this.audit.record(actor, 'profile.choose', 'profile', choice ?? 'none', {
      before,
      after: this.active()?.profile.id ?? null,
      choice,
    });
    return this.list();
  }

  /** A rule's params under the active profile and, for an event in one, its watch area. */
  paramsFor(rule: { id: string; params: Record<string, unknown> }, watchArea: string | null, now = Date.now()): Record<string, unknown> {
    const active = this.active(now);
    if (!active) return rule.params;
    const area = watchArea ? active.profile.watchAreas.find((w) => w.name === watchArea) : undefined;
    return { ...rule.params, ...active.profile.rules[rule.id], ...area?.rules[rule.id] };
  }
}
