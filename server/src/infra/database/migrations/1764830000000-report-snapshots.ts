import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// The reports (CONTRACT §8): the duty report drafted at each shift's end, kept as it stood
// (report_snapshots; one per shift, its key unique so that a second instance or a restart never
// drafts it twice), and the indexes the reports read their period through: orders by their first
// check deadline and by the day they were replied and closed, the day's alerts, dispatches and
// leader instructions by their creation time.
const INDEXES: Array<[table: string, name: string, columns: string[]]> = [
  ['orders', 'ix_orders_first_check', ['first_check_by']],
  ['orders', 'ix_orders_replied', ['replied_at']],
  ['orders', 'ix_orders_closed', ['closed_at']],
  ['alerts', 'ix_alerts_created', ['created_at']],
  ['dispatches', 'ix_dispatches_created', ['created_at']],
  ['event_notes', 'ix_event_notes_kind_created', ['kind', 'created_at']],
];

export class ReportSnapshots1764830000000 implements MigrationInterface {
  name = 'ReportSnapshots1764830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'report_snapshots',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '16' },
          // the report's city date, 'YYYY-MM-DD'
          { name: 'date', type: 'varchar', length: '10' },
          // the shift whose end drafted it: '2026-12-05 08:00-20:00'
          { name: 'shift_key', type: 'varchar', length: '40' },
          { name: 'created_at', type: 'bigint' },
          { name: 'body', type: 'text' },
        ],
        indices: [
          new TableIndex({ name: 'uq_report_snapshots_shift', columnNames: ['kind', 'shift_key'], isUnique: true }),
          new TableIndex({ name: 'ix_report_snapshots_date', columnNames: ['date', 'created_at'] }),
        ],
      }),
    );
    for (const [table, name, columnNames] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.dropIndex(table, name);
    await q.dropTable('report_snapshots');
  }
}
