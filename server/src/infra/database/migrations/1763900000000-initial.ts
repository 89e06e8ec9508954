import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

// Written with TypeORM's schema builder so one migration serves SQLite and PostgreSQL.
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const txt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const int = (name: string, dflt = 0): TableColumnOptions => ({ name, type: 'integer', default: dflt });
const dbl = (name: string): TableColumnOptions => ({ name, type: 'double precision', isNullable: true });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
const pk = (name = 'id', length = 36): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true });

export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'incidents',
        columns: [
          pk(),
          str('channel', 16),
          str('external_id', 128),
          ms('occurred_at'),
          ms('received_at'),
          str('kind', 32),
          str('title', 200),
          txt('content'),
          str('address', 500, true),
          str('district', 32, true),
          dbl('lng'),
          dbl('lat'),
          str('category', 200, true),
          str('department', 100, true),
          str('event_id', 36, true),
          { name: 'flags', type: 'varchar', length: '200', default: "''" },
          str('reporter_name', 64, true),
          str('reporter_phone', 32, true),
          str('merchant_name', 200, true),
          str('merchant_uscc', 18, true),
          str('merchant_address', 500, true),
          ms('due_at', true),
          txt('facts'),
          bool('simulated'),
          txt('raw'),
        ],
        indices: [
          new TableIndex({ name: 'uq_incidents_channel_external', columnNames: ['channel', 'external_id'], isUnique: true }),
          new TableIndex({ name: 'ix_incidents_received', columnNames: ['received_at'] }),
          new TableIndex({ name: 'ix_incidents_district_received', columnNames: ['district', 'received_at'] }),
          new TableIndex({ name: 'ix_incidents_event', columnNames: ['event_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'events',
        columns: [
          pk(),
          str('title', 200),
          str('district', 32, true),
          str('category', 200, true),
          { name: 'channels', type: 'varchar', length: '100', default: "''" },
          int('incident_count'),
          ms('first_at'),
          ms('last_at'),
          { name: 'reasons', type: 'text', default: "'[]'" },
          ms('created_at'),
          ms('updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alerts',
        columns: [
          pk(),
          ms('seq'),
          str('event_id', 36),
          str('rule', 64),
          str('severity', 16),
          str('title', 200),
          txt('summary'),
          str('channels', 100),
          str('district', 32, true),
          str('category', 200, true),
          int('incident_count'),
          str('status', 16),
          bool('simulated'),
          ms('created_at'),
          ms('updated_at'),
          ms('acknowledged_at', true),
          ms('resolved_at', true),
          txt('resolution_note', true),
        ],
        indices: [
          new TableIndex({ name: 'uq_alerts_event_rule', columnNames: ['event_id', 'rule'], isUnique: true }),
          new TableIndex({ name: 'ix_alerts_seq', columnNames: ['seq'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alert_changes',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          str('alert_id', 36),
          str('kind', 16),
          str('actor', 64, true),
          txt('payload'),
          ms('created_at'),
        ],
        indices: [new TableIndex({ name: 'ix_alert_changes_alert', columnNames: ['alert_id'] })],
      }),
    );
    await q.createTable(new Table({ name: 'counters', columns: [pk('name', 32), ms('value')] }));
    await q.query(`INSERT INTO counters (name, value) VALUES ('alert_seq', 0)`);
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          pk(),
          str('username', 64),
          str('password_hash', 100),
          str('role', 16),
          str('team_id', 64, true),
          str('display_name', 100),
          ms('created_at'),
        ],
        indices: [new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dispatches',
        columns: [
          pk(),
          str('alert_id', 36),
          str('team_id', 64),
          str('status', 16),
          txt('note', true),
          str('dispatched_by', 64),
          ms('created_at'),
          ms('acked_at', true),
          ms('contacted_at', true),
          ms('onsite_at', true),
          ms('resolved_at', true),
          txt('result_note', true),
        ],
        indices: [
          new TableIndex({ name: 'ix_dispatches_alert', columnNames: ['alert_id'] }),
          new TableIndex({ name: 'ix_dispatches_team', columnNames: ['team_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [pk(), ms('at'), str('actor', 64), str('action', 64), str('target_type', 32), str('target_id', 128), txt('detail', true)],
        indices: [new TableIndex({ name: 'ix_audit_at', columnNames: ['at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'dispatches', 'users', 'counters', 'alert_changes', 'alerts', 'events', 'incidents']) {
      await q.dropTable(t);
    }
  }
}
