import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Information reports (信息报送, CONTRACT §10): one per major alert (a unique alert_id), its
// submissions (首报 续报 终报) and the late marks the sweep sets. Times are epoch ms. A step is
// submitted once per number (a unique key), and the report row carries a version, so two
// submissions of the same step at the same moment cannot both be stored. A late mark is stored
// once per step and number, so neither a second instance nor a restart announces it twice.
export class InfoReports1764810000000 implements MigrationInterface {
  name = 'InfoReports1764810000000';

  async up(q: QueryRunner): Promise<void> {
    const ms = (name: string, nullable = true) => ({ name, type: 'bigint', isNullable: nullable });
    await q.createTable(
      new Table({
        name: 'info_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'alert_id', type: 'varchar', length: '36', isUnique: true },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'severity', type: 'varchar', length: '16' },
          { name: 'district', type: 'varchar', length: '32', isNullable: true },
          { name: 'simulated', type: 'boolean', default: false },
          { name: 'status', type: 'varchar', length: '16' },
          ms('opened_at', false),
          // when the initial was submitted, and the last submission (the update clock counts from it)
          ms('initial_at'),
          ms('last_submitted_at'),
          { name: 'updates', type: 'integer', default: 0 },
          ms('closed_at'),
          { name: 'version', type: 'integer', default: 0 },
        ],
        indices: [
          new TableIndex({ name: 'ix_info_reports_status_opened', columnNames: ['status', 'opened_at'] }),
          new TableIndex({ name: 'ix_info_reports_closed', columnNames: ['closed_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'info_report_submissions',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'report_id', type: 'varchar', length: '36' },
          { name: 'step', type: 'varchar', length: '16' },
          { name: 'number', type: 'integer' },
          { name: 'text', type: 'text' },
          { name: 'submitted_by', type: 'varchar', length: '64' },
          ms('submitted_at', false),
          ms('due_at'),
          { name: 'late', type: 'boolean', default: false },
        ],
        indices: [
          new TableIndex({ name: 'uq_info_report_submissions_step', columnNames: ['report_id', 'step', 'number'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'info_report_late',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'report_id', type: 'varchar', length: '36' },
          { name: 'step', type: 'varchar', length: '16' },
          { name: 'number', type: 'integer' },
          ms('due_at', false),
          ms('marked_at', false),
        ],
        indices: [new TableIndex({ name: 'uq_info_report_late_step', columnNames: ['report_id', 'step', 'number'], isUnique: true })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('info_report_late');
    await q.dropTable('info_report_submissions');
    await q.dropTable('info_reports');
  }
}
