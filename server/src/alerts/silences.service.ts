import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db, num, type Row } from '../infra/database/db';
import type { Silence } from '@jointduty/shared';

export type { Silence };

export interface NewSilence {
  eventId?: unknown;
  rule?: unknown;
  minutes?: unknown;
  reason?: unknown;
}

const MAX_MINUTES = 7 * 24 * 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fromRow(r: Row): Silence {
  return {
    id: String(r.id),
    eventId: r.event_id == null ? null : String(r.event_id),
    rule: r.rule == null ? null : String(r.rule),
    reason: String(r.reason),
    createdBy: String(r.created_by),
    startsAt: new Date(num(r.starts_at)).toISOString(),
    endsAt: new Date(num(r.ends_at)).toISOString(),
    cancelledAt: r.cancelled_at == null ? null : new Date(num(r.cancelled_at)).toISOString(),
  };
}

// Silences (as in Alertmanager): a duty officer mutes one event, one rule, or one rule on one
// event for a while. Muted matches raise and update nothing; the silence and its end are audited.
@Injectable()
export class SilencesService implements OnModuleInit {
  private active: Array<{ id: string; eventId: string | null; rule: string | null; endsAt: number }> = [];
  private readonly ruleIds: Set<string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {
    this.ruleIds = new Set(config.rules.map((r) => r.id));
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  mutes(eventId: string, rule: string, now = Date.now()): boolean {
    return this.active.some((s) => s.endsAt > now && (s.eventId === null || s.eventId === eventId) && (s.rule === null || s.rule === rule));
  }

  async list(includeEnded: boolean): Promise<Silence[]> {
    const rows = await this.db.query(
      includeEnded
        ? `SELECT * FROM silences ORDER BY starts_at DESC LIMIT 200`
        : `SELECT * FROM silences WHERE ends_at > ? AND cancelled_at IS NULL ORDER BY starts_at DESC`,
      includeEnded ? [] : [Date.now()],
    );
    return rows.map(fromRow);
  }

  async create(actor: string, body: NewSilence): Promise<Silence> {
    const errors: string[] = [];
    const eventId = body.eventId ?? null;
    const rule = body.rule ?? null;
    if (eventId !== null && (typeof eventId !== 'string' || !UUID.test(eventId))) errors.push('eventId: must be an event id');
    if (rule !== null && (typeof rule !== 'string' || !this.ruleIds.has(rule)))
      errors.push(`rule: must be one of ${[...this.ruleIds].join(', ')}`);
    if (eventId === null && rule === null) errors.push('eventId: give an event, a rule, or both (a silence of everything is refused)');
    const minutes = body.minutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES)
      errors.push(`minutes: a whole number from 1 to ${MAX_MINUTES}`);
    const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
    if (reason.length === 0 || reason.length > 500) errors.push('reason: required, at most 500 characters');
    if (errors.length > 0) throw new AppException('request.invalid_body', errors.join('; '));
    if (typeof eventId === 'string') {
      const found = await this.db.query(`SELECT id FROM events WHERE id = ?`, [eventId]);
      if (found.length === 0) throw new AppException('event.not_found', `eventId: event ${eventId} not found`);
    }
    const now = Date.now();
    const s = {
      id: randomUUID(),
      eventId: eventId as string | null,
      rule: rule as string | null,
      reason,
      createdBy: actor,
      startsAt: now,
      endsAt: now + (minutes as number) * 60_000,
    };
    await this.db.execute(
      `INSERT INTO silences (id, event_id, rule, reason, created_by, starts_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [s.id, s.eventId, s.rule, s.reason, s.createdBy, s.startsAt, s.endsAt],
    );
    const created = fromRow({
      id: s.id,
      event_id: s.eventId,
      rule: s.rule,
      reason,
      created_by: actor,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      cancelled_at: null,
    });
    await this.audit.record(actor, 'silence.create', 'silence', s.id, { before: null, after: created, minutes });
    await this.reload();
    return created;
  }

  async cancel(actor: string, id: string): Promise<Silence> {
    const rows = await this.db.query(`SELECT * FROM silences WHERE id = ?`, [id]);
    if (!rows[0]) throw new AppException('silence.not_found', `silence ${id.slice(0, 64)} not found`);
    const now = Date.now();
    await this.db.execute(
      `UPDATE silences SET cancelled_at = ?, ends_at = CASE WHEN ends_at > ? THEN ? ELSE ends_at END WHERE id = ? AND cancelled_at IS NULL`,
      [now, now, now, id],
    );
    const before = fromRow(rows[0]);
    const after = fromRow((await this.db.query(`SELECT * FROM silences WHERE id = ?`, [id]))[0]!);
    await this.audit.record(actor, 'silence.cancel', 'silence', id, {
      before: { endsAt: before.endsAt, cancelledAt: before.cancelledAt },
      after: { endsAt: after.endsAt, cancelledAt: after.cancelledAt },
      eventId: before.eventId,
      rule: before.rule,
    });
    await this.reload();
    return after;
  }

  private async reload(): Promise<void> {
    const rows = await this.db.query(`SELECT id, event_id, rule, ends_at FROM silences WHERE ends_at > ? AND cancelled_at IS NULL`, [
      Date.now(),
    ]);
    this.active = rows.map((r) => ({
      id: String(r.id),
      eventId: r.event_id == null ? null : String(r.event_id),
      rule: r.rule == null ? null : String(r.rule),
      endsAt: num(r.ends_at),
    }));
  }
}
