import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 4: what leaders leave on an event, 已阅 (read) and 批示 (instruction), kept in its history.
export class EventNotes1764100000000 implements MigrationInterface {
  name = 'EventNotes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'event_notes',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'event_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'actor', type: 'varchar', length: '64' },
          { name: 'actor_name', type: 'varchar', length: '100' },
          { name: 'text', type: 'text', isNullable: true },
          { name: 'created_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'ix_event_notes_event', columnNames: ['event_id', 'created_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_notes');
  }
}
