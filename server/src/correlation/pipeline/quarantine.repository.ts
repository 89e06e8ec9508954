import { Injectable } from '@nestjs/common';
import { maskText, type Channel, type QuarantinedRecord } from '@jointduty/shared';
import { Db, num, type Queryable } from '../../infra/database/db';

/** The longest reason kept: the error's first line, as the understanding threw it. */
const REASON_MAX = 500;

// Records set aside from correlation (migration 1764500000000). A quarantined record is still
// stored with its raw text; it only stops waiting in the queue. Its row goes when staff release
// it, and a quarantined record someone has since put in an event (a move) is no longer listed.
@Injectable()
export class QuarantineRepository {
  constructor(private readonly db: Db) {}

  async add(tx: Queryable, incidentId: string, reason: string, attempts: number, at: number): Promise<void> {
    const text = (reason.split('\n')[0] ?? '').slice(0, REASON_MAX) || 'unknown error';
    await tx.execute(`DELETE FROM correlation_quarantine WHERE incident_id = ?`, [incidentId]);
    await tx.execute(`INSERT INTO correlation_quarantine (incident_id, reason, attempts, quarantined_at) VALUES (?, ?, ?, ?)`, [
      incidentId,
      text,
      attempts,
      at,
    ]);
  }

  /** The records waiting for staff, newest first (no personal data: no names, no phones). */
  async list(limit = 200): Promise<QuarantinedRecord[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT q.incident_id, q.reason, q.attempts, q.quarantined_at, i.channel, i.external_id, i.received_at, i.title, i.district
         FROM correlation_quarantine q JOIN incidents i ON i.id = q.incident_id
        WHERE i.event_id IS NULL
        ORDER BY q.quarantined_at DESC, q.incident_id
        LIMIT ?`,
      [limit],
    );
    return rows.map((r) => ({
      incidentId: String(r.incident_id),
      channel: String(r.channel) as Channel,
      externalId: String(r.external_id),
      title: maskText(String(r.title)),
      district: r.district == null ? null : String(r.district),
      receivedAt: new Date(num(r.received_at)).toISOString(),
      reason: String(r.reason),
      attempts: num(r.attempts),
      quarantinedAt: new Date(num(r.quarantined_at)).toISOString(),
    }));
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>(
      `SELECT COUNT(*) AS n FROM correlation_quarantine q JOIN incidents i ON i.id = q.incident_id WHERE i.event_id IS NULL`,
    );
    return num(rows[0]?.n ?? 0);
  }

  /** Sends a record back to the queue: what it was set aside with, or null when it was not. */
  async release(tx: Queryable, incidentId: string): Promise<{ reason: string; attempts: number } | null> {
    const rows = await tx.query<{ reason: unknown; attempts: unknown }>(
      `SELECT reason, attempts FROM correlation_quarantine WHERE incident_id = ?`,
      [incidentId],
    );
    if (rows.length === 0) return null;
    await tx.execute(`DELETE FROM correlation_quarantine WHERE incident_id = ?`, [incidentId]);
    return { reason: String(rows[0]!.reason), attempts: num(rows[0]!.attempts) };
  }
}
