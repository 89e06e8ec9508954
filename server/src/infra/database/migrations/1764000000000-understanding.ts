import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 3: what the server understands of the stream. Incidents remember who filed them (a
// one-way key), what they were about and why they joined their event; events keep the state the
// correlator and the rules work on; silences mute alerts for a while; settings hold choices made
// at run time (the peak-season profile switched on by hand).
export class Understanding1764000000000 implements MigrationInterface {
  name = 'Understanding1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('incidents', [
      new TableColumn({ name: 'person_key', type: 'varchar', length: '32', isNullable: true }),
      new TableColumn({ name: 'subject_key', type: 'varchar', length: '240', isNullable: true }),
      new TableColumn({ name: 'join_reason', type: 'varchar', length: '300', isNullable: true }),
      new TableColumn({ name: 'overdue_at', type: 'bigint', isNullable: true }),
    ]);
    await q.createIndex('incidents', new TableIndex({ name: 'ix_incidents_person', columnNames: ['person_key', 'occurred_at'] }));
    await q.createIndex('incidents', new TableIndex({ name: 'ix_incidents_due', columnNames: ['channel', 'due_at'] }));
    await q.addColumns('events', [
      new TableColumn({ name: 'subject', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'place', type: 'varchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'state', type: 'text', default: "'{}'" }),
    ]);
    await q.createIndex('events', new TableIndex({ name: 'ix_events_last', columnNames: ['last_at'] }));
    await q.createTable(
      new Table({
        name: 'silences',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'rule', type: 'varchar', length: '64', isNullable: true },
          { name: 'reason', type: 'text' },
          { name: 'created_by', type: 'varchar', length: '64' },
          { name: 'starts_at', type: 'bigint' },
          { name: 'ends_at', type: 'bigint' },
          { name: 'cancelled_at', type: 'bigint', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'ix_silences_ends', columnNames: ['ends_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'settings',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'text' },
          { name: 'updated_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('settings');
    await q.dropTable('silences');
    await q.dropIndex('events', 'ix_events_last');
    for (const c of ['state', 'place', 'subject']) await q.dropColumn('events', c);
    await q.dropIndex('incidents', 'ix_incidents_due');
    await q.dropIndex('incidents', 'ix_incidents_person');
    for (const c of ['overdue_at', 'join_reason', 'subject_key', 'person_key']) await q.dropColumn('incidents', c);
  }
}
