import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db, num } from '../infra/database/db';

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: unknown;
}

// Who did what to which record, and when. Personal-data reads land here too.
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(actor: string, action: string, targetType: string, targetId: string, detail?: unknown): Promise<void> {
    await this.db.execute(
      `INSERT INTO audit_log (id, at, actor, action, target_type, target_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [randomUUID(), Date.now(), actor, action, targetType, targetId, detail === undefined ? null : JSON.stringify(detail)],
    );
  }

  async list(limit: number, targetId?: string): Promise<AuditEntry[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT id, at, actor, action, target_type, target_id, detail FROM audit_log ${targetId ? 'WHERE target_id = ?' : ''} ORDER BY at DESC LIMIT ?`,
      targetId ? [targetId, limit] : [limit],
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
