import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Work orders (CONTRACT §7): one per 12345 and 12315 record, and per record duty opens one for;
// their steps, their reminders, and the department a user belongs to. Times are epoch ms.
// Lists read from indexes only: a unit's inbox (department, created), the boards by the next
// deadline still owed (open, next_deadline_at), the ledger newest first (ledger, created), the
// ledger's counts (ledger, ledger_closed_at), and the reminder sweep by next_reminder_at, so none
// of them grows with the number of orders stored.
export class Orders1764700000000 implements MigrationInterface {
  name = 'Orders1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const ms = (name: string, nullable = true) => ({ name, type: 'bigint', isNullable: nullable });
    const flag = (name: string) => ({ name, type: 'boolean', default: false });
    await q.createTable(
      new Table({
        name: 'orders',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'incident_id', type: 'varchar', length: '36', isUnique: true },
          { name: 'channel', type: 'varchar', length: '16' },
          { name: 'external_id', type: 'varchar', length: '128' },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'title', type: 'varchar', length: '200' },
          { name: 'district', type: 'varchar', length: '32', isNullable: true },
          { name: 'category', type: 'varchar', length: '200', isNullable: true },
          { name: 'department_id', type: 'varchar', length: '64' },
          { name: 'status', type: 'varchar', length: '16' },
          flag('urgent'),
          flag('open'),
          ms('created_at', false),
          ms('updated_at', false),
          ms('first_check_by'),
          ms('due_by', false),
          ms('next_deadline_at'),
          ms('signed_at'),
          ms('contacted_at'),
          ms('replied_at'),
          ms('closed_at'),
          ms('returned_at'),
          { name: 'result', type: 'varchar', length: '16', isNullable: true },
          flag('first_check_overdue'),
          flag('due_overdue'),
          flag('sign_late'),
          flag('ledger'),
          ms('ledger_at'),
          { name: 'ledger_reason', type: 'varchar', length: '16', isNullable: true },
          { name: 'ledger_of', type: 'varchar', length: '36', isNullable: true },
          ms('ledger_closed_at'),
          { name: 'reopened', type: 'integer', default: 0 },
          { name: 'extension', type: 'text', isNullable: true },
          flag('extension_pending'),
          ms('next_reminder_at'),
          { name: 'version', type: 'integer', default: 0 },
        ],
      }),
    );
    await q.createIndices('orders', [
      new TableIndex({ name: 'ix_orders_department_created', columnNames: ['department_id', 'created_at'] }),
      new TableIndex({ name: 'ix_orders_created', columnNames: ['created_at'] }),
      new TableIndex({ name: 'ix_orders_open_deadline', columnNames: ['open', 'next_deadline_at'] }),
      new TableIndex({ name: 'ix_orders_department_open_deadline', columnNames: ['department_id', 'open', 'next_deadline_at'] }),
      new TableIndex({ name: 'ix_orders_status_created', columnNames: ['status', 'created_at'] }),
      new TableIndex({ name: 'ix_orders_ledger', columnNames: ['ledger', 'created_at'] }),
      new TableIndex({ name: 'ix_orders_ledger_closed', columnNames: ['ledger', 'ledger_closed_at'] }),
      new TableIndex({ name: 'ix_orders_extension', columnNames: ['extension_pending', 'created_at'] }),
      new TableIndex({ name: 'ix_orders_next_reminder', columnNames: ['next_reminder_at'] }),
      new TableIndex({ name: 'ix_orders_ledger_of', columnNames: ['ledger_of'] }),
      new TableIndex({ name: 'ix_orders_due', columnNames: ['due_by'] }),
      // the overdue-order rule: open orders past their handling deadline
      new TableIndex({ name: 'ix_orders_open_due', columnNames: ['open', 'due_by'] }),
    ]);
    await q.createTable(
      new Table({
        name: 'order_steps',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'order_id', type: 'varchar', length: '36' },
          ms('at', false),
          { name: 'actor', type: 'varchar', length: '64', isNullable: true },
          { name: 'action', type: 'varchar', length: '16' },
          { name: 'note', type: 'text', isNullable: true },
          { name: 'data', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'ix_order_steps_order', columnNames: ['order_id', 'at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'order_reminders',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'order_id', type: 'varchar', length: '36' },
          { name: 'deadline', type: 'varchar', length: '16' },
          ms('deadline_at', false),
          { name: 'level', type: 'varchar', length: '16' },
          ms('at', false),
          { name: 'via', type: 'varchar', length: '100' },
          { name: 'actor', type: 'varchar', length: '64', isNullable: true },
          { name: 'note', type: 'text', isNullable: true },
          // an automatic level fires once per deadline; a manual 催办 has its own id as key
          { name: 'once_key', type: 'varchar', length: '120', isUnique: true },
        ],
        indices: [{ name: 'ix_order_reminders_order', columnNames: ['order_id', 'at'] }],
      }),
    );
    await q.addColumn('users', new TableColumn({ name: 'department_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'department_id');
    await q.dropTable('order_reminders');
    await q.dropTable('order_steps');
    await q.dropTable('orders');
  }
}
