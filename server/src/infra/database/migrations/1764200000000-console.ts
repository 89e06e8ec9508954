import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 4, the duty console: the incident queue filters by channel, category and department
// (newest first), and the audit log by actor, action and target (newest first).
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['incidents', 'ix_incidents_channel_received', ['channel', 'received_at']],
  ['incidents', 'ix_incidents_category_received', ['category', 'received_at']],
  ['incidents', 'ix_incidents_department_received', ['department', 'received_at']],
  ['audit_log', 'ix_audit_actor_at', ['actor', 'at']],
  ['audit_log', 'ix_audit_action_at', ['action', 'at']],
  ['audit_log', 'ix_audit_target_at', ['target_id', 'at']],
];

export class Console1764200000000 implements MigrationInterface {
  name = 'Console1764200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
  }
}
