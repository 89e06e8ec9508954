import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 5: a stored record that understanding fails on, again and again, on its own. It stays
// stored (nothing accepted is lost) but leaves the correlation queue, so it no longer holds up
// every record behind it. Staff see it in the console and send it back once the cause is fixed.
export class Quarantine1764500000000 implements MigrationInterface {
  name = 'Quarantine1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'correlation_quarantine',
        columns: [
          { name: 'incident_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'attempts', type: 'integer' },
          { name: 'quarantined_at', type: 'bigint' },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('correlation_quarantine');
  }
}
