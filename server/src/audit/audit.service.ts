import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditQueryParsed } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { Db, num, type Param, type Queryable } from '../infra/database/db';

export type { AuditEntry };

const DEFAULT_LIMIT = 100;

// Who did what to which record, and when. Every duty action writes `detail` as
// `{ before, after, … }`: what the record was, and what it became. Personal-data reads land here too.
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  /** Writes one entry; `tx` keeps it in the action's own transaction when given. */
  async record(actor: string, action: string, targetType: string, targetId: string, detail?: unknown, tx?: Queryable): Promise<void> {
    await (tx ?? this.db).execute(
      `INSERT INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        Date.now(),
        actor.slice(0, 64),
        action.slice(0, 64),
        targetType.slice(0, 32),
        targetId.slice(0, 128),
        detail === undefined ? null : JSON.stringify(detail),
      ],
    );
  }

  /** Newest first; every filter narrows; `before` pages to older entries. */
  async list(q: AuditQueryParsed): Promise<AuditEntry[]> {
    if (q.since !== undefined && q.until !== undefined && q.until <= q.since) {
      throw new AppException('request.invalid_query', 'until: must be later than since');
    }
    const clauses: string[] = [];
    const params: Param[] = [];
    const eq = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      clauses.push(`${column} = ?`);
      params.push(value);
    };
    eq('actor', q.actor);
    eq('action', q.action);
    eq('target_type', q.targetType);
    eq('target_id', q.targetId);
    if (q.since !== undefined) {
      clauses.push('at >= ?');
      params.push(q.since);
    }
    if (q.until !== undefined) {
      clauses.push('at < ?');
      params.push(q.until);
    }
    if (q.before) {
      clauses.push('(at < ? OR (at = ? AND id < ?))');
      params.push(q.before.at, q.before.at, q.before.id);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, at, actor, action, target_type, target_id, detail FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT ?`,
      [...params, q.limit ?? DEFAULT_LIMIT],
    );
    return rows.map((r) => ({
      id: String(r.id),
      at: new Date(num(r.at)).toISOString(),
      actor: String(r.actor),
      action: String(r.action),
      targetType: String(r.target_type),
      targetId: String(r.target_id),
      detail: r.detail == null ? null : (JSON.parse(String(r.detail)) as unknown),
    }));
  }
}
