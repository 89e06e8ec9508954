import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 5: the overview and the wall's chart read running counts instead of counting `incidents`
// (server/src/incidents/incident-counts.ts), kept in the transactions that store incidents and
// change their category. Filled here from what is stored already. Days are local (UTC+8) days,
// as the epoch milliseconds of their midnight; a missing district or category is ''.
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

export class IncidentCounts1764600000000 implements MigrationInterface {
  name = 'IncidentCounts1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'incident_counts_day',
        columns: [
          { name: 'day', type: 'bigint', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '16', isPrimary: true },
          { name: 'district', type: 'varchar', length: '32', isPrimary: true },
          { name: 'category', type: 'varchar', length: '200', isPrimary: true },
          { name: 'n', type: 'bigint' },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'incident_counts_minute',
        columns: [
          { name: 'minute', type: 'bigint', isPrimary: true },
          { name: 'channel', type: 'varchar', length: '16', isPrimary: true },
          { name: 'n', type: 'bigint' },
        ],
      }),
    );
    // received_at is a positive integer: % and / are integer arithmetic on both databases
    const day = `(received_at + ${OFFSET} - (received_at + ${OFFSET}) % ${DAY} - ${OFFSET})`;
    await q.query(
      `INSERT INTO incident_counts_day (day, channel, district, category, n)
       SELECT ${day}, channel, COALESCE(district, ''), COALESCE(category, ''), COUNT(*) FROM incidents
       GROUP BY ${day}, channel, COALESCE(district, ''), COALESCE(category, '')`,
    );
    await q.query(
      `INSERT INTO incident_counts_minute (minute, channel, n)
       SELECT received_at - received_at % 60000, channel, COUNT(*) FROM incidents GROUP BY received_at - received_at % 60000, channel`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('incident_counts_minute');
    await q.dropTable('incident_counts_day');
  }
}
