import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// The shift handover (交接班): one row per shift handed over, with the draft as it stood and the
// notes; and the done mark (已落实) on a leader's instruction.
export class Handover1764820000000 implements MigrationInterface {
  name = 'Handover1764820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'handovers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          // '2026-12-05 08:00-20:00': one handover per shift
          { name: 'shift_key', type: 'varchar', length: '40', isUnique: true },
          { name: 'shift_start', type: 'bigint' },
          { name: 'shift_end', type: 'bigint' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'from_user', type: 'varchar', length: '64' },
          { name: 'from_name', type: 'varchar', length: '100' },
          { name: 'handed_at', type: 'bigint' },
          { name: 'to_user', type: 'varchar', length: '64', isNullable: true },
          { name: 'to_name', type: 'varchar', length: '100', isNullable: true },
          { name: 'accepted_at', type: 'bigint', isNullable: true },
          { name: 'notes', type: 'text' },
          // the HandoverDraft as JSON
          { name: 'draft', type: 'text' },
        ],
        indices: [new TableIndex({ name: 'ix_handovers_shift_start', columnNames: ['shift_start'] })],
      }),
    );
    await q.addColumns('event_notes', [
      new TableColumn({ name: 'done_at', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'done_by', type: 'varchar', length: '64', isNullable: true }),
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('event_notes', 'done_by');
    await q.dropColumn('event_notes', 'done_at');
    await q.dropTable('handovers');
  }
}
