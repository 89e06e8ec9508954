import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 5, several instances. An incident is stored at intake with no event; the instance that
// holds the correlation lease joins it to an event later, in its own transaction. So "event_id IS
// NULL" is the queue of records still to understand, kept in the database: a crash or a takeover
// loses none of it. The partial index keeps that queue cheap to read however large the table.
//
// `pipeline_lease` has one row per lease. `epoch` rises each time an instance takes the lease; the
// holder checks it inside every transaction it writes, so an instance that lost the lease without
// knowing (a stalled process) can never commit after the new holder. `version` rises when anyone
// changes events outside the holder (an event move on another instance): the holder then
// rebuilds its memory from the database before it goes on.
export class Pipeline1764400000000 implements MigrationInterface {
  name = 'Pipeline1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'pipeline_lease',
        columns: [
          { name: 'name', type: 'varchar', length: '32', isPrimary: true },
          { name: 'epoch', type: 'bigint', default: 0 },
          { name: 'version', type: 'bigint', default: 0 },
          { name: 'holder', type: 'varchar', length: '128', isNullable: true },
          { name: 'updated_at', type: 'bigint', default: 0 },
        ],
      }),
    );
    await q.query(`INSERT INTO pipeline_lease (name, epoch, version, holder, updated_at) VALUES ('correlation', 0, 0, NULL, 0)`);
    await q.createIndex(
      'incidents',
      new TableIndex({ name: 'ix_incidents_pending', columnNames: ['received_at'], where: 'event_id IS NULL' }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('incidents', 'ix_incidents_pending');
    await q.dropTable('pipeline_lease');
  }
}
