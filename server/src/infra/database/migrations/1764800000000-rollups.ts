import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// The orders' rates over months read running counts instead of the orders (docs/rates.md): per
// city day of the order's creation and unit, the counts every order contributes
// (server/src/orders/rates.ts countsOf), kept by the transactions that write orders
// (server/src/orders/order-rollups.ts); and orders received per day by first-level category.
// The latest follow-up goes on the order row (the satisfaction and resolution rates count it),
// filled here from the follow-up steps stored. Days are the epoch ms of the city's midnight (UTC+8,
// as incident_counts_day).
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** The rollup's count columns and, for the fill, what each counts of one order (countsOf, in SQL). */
export const ROLLUP_COLUMNS: ReadonlyArray<[column: string, sql: string]> = [
  ['received', '1 = 1'],
  ['sign_decided', 'signed_at IS NOT NULL OR sign_late = TRUE'],
  ['sign_on_time', 'signed_at IS NOT NULL AND sign_late = FALSE'],
  [
    'first_check_decided',
    'first_check_by IS NOT NULL AND (contacted_at IS NOT NULL OR replied_at IS NOT NULL OR first_check_overdue = TRUE)',
  ],
  [
    'first_check_on_time',
    'first_check_by IS NOT NULL AND (contacted_at IS NOT NULL OR replied_at IS NOT NULL) AND first_check_overdue = FALSE',
  ],
  ['due_decided', 'replied_at IS NOT NULL OR due_overdue = TRUE'],
  ['due_on_time', 'replied_at IS NOT NULL AND due_overdue = FALSE'],
  ['replied', 'result IS NOT NULL'],
  ['untrue', `result = '不属实'`],
  ['followed_up', 'satisfaction IS NOT NULL'],
  ['satisfied', `satisfaction IN ('满意', '基本满意')`],
  ['resolved', 'satisfaction IS NOT NULL AND followup_resolved = TRUE'],
  ['overdue', 'first_check_overdue = TRUE OR due_overdue = TRUE'],
  ['open', `status IN ('new', 'signed', 'returned')`],
];

/**
 * Fills both rollups from the orders stored, replacing what they held (also a rebuild: the e2e
 * test compares it with the running counts).
 */
export async function fillOrderRollups(query: (sql: string) => Promise<unknown>, postgres: boolean): Promise<void> {
  // created_at is a positive integer: % and / are integer arithmetic on both databases
  const day = `(created_at + ${OFFSET} - (created_at + ${OFFSET}) % ${DAY} - ${OFFSET})`;
  await query('DELETE FROM order_rollups_day');
  await query('DELETE FROM order_categories_day');
  await query(
    `INSERT INTO order_rollups_day (day, department_id, ${ROLLUP_COLUMNS.map(([c]) => c).join(', ')})
     SELECT ${day}, department_id, ${ROLLUP_COLUMNS.map(([, sql]) => `SUM(CASE WHEN ${sql} THEN 1 ELSE 0 END)`).join(', ')}
       FROM orders GROUP BY ${day}, department_id`,
  );
  const top = postgres
    ? `split_part(COALESCE(category, ''), '>', 1)`
    : `CASE WHEN instr(COALESCE(category, ''), '>') > 0 THEN substr(category, 1, instr(category, '>') - 1) ELSE COALESCE(category, '') END`;
  await query(`INSERT INTO order_categories_day (day, category, n) SELECT ${day}, ${top}, COUNT(*) FROM orders GROUP BY ${day}, ${top}`);
}

/**
 * Sets each order's latest follow-up (satisfaction, resolved) from its follow-up steps, and the
 * sign-late mark of an order without a first check that passed its handling deadline unsigned.
 */
export async function backfillFollowups(query: (sql: string) => Promise<unknown>, pg: boolean): Promise<void> {
  // the latest follow-up of each order (step ids sort in the order they were written)
  const field = (k: string) => (pg ? `(s.data::json ->> '${k}')` : `json_extract(s.data, '$.${k}')`);
  const resolved = pg ? `(${field('resolved')})::boolean` : `${field('resolved')}`;
  await query(
    `UPDATE orders SET
         satisfaction = (SELECT ${field('satisfaction')} FROM order_steps s
                          WHERE s.order_id = orders.id AND s.action = 'followup' ORDER BY s.at DESC, s.id DESC LIMIT 1),
         followup_resolved = (SELECT ${resolved} FROM order_steps s
                          WHERE s.order_id = orders.id AND s.action = 'followup' ORDER BY s.at DESC, s.id DESC LIMIT 1)
       WHERE id IN (SELECT order_id FROM order_steps WHERE action = 'followup')`,
  );
  // an order without a first check passed its handling deadline unsigned: its sign limit passed
  // too (the sweep now marks it so)
  await query(`UPDATE orders SET sign_late = TRUE WHERE first_check_by IS NULL AND signed_at IS NULL AND due_overdue = TRUE`);
}

export class Rollups1764800000000 implements MigrationInterface {
  name = 'Rollups1764800000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    await q.addColumns('orders', [
      new TableColumn({ name: 'satisfaction', type: 'varchar', length: '8', isNullable: true }),
      new TableColumn({ name: 'followup_resolved', type: 'boolean', isNullable: true }),
    ]);
    await backfillFollowups((sql) => q.query(sql), pg);
    const count = (name: string) => ({ name, type: 'integer', default: 0 });
    await q.createTable(
      new Table({
        name: 'order_rollups_day',
        columns: [
          { name: 'day', type: 'bigint', isPrimary: true },
          { name: 'department_id', type: 'varchar', length: '64', isPrimary: true },
          ...ROLLUP_COLUMNS.map(([c]) => count(c)),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'order_categories_day',
        columns: [
          { name: 'day', type: 'bigint', isPrimary: true },
          // the first level of the category path ('' when the order has none)
          { name: 'category', type: 'varchar', length: '200', isPrimary: true },
          count('n'),
        ],
      }),
    );
    await fillOrderRollups((sql) => q.query(sql), pg);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('order_categories_day');
    await q.dropTable('order_rollups_day');
    await q.dropColumn('orders', 'followup_resolved');
    await q.dropColumn('orders', 'satisfaction');
  }
}
