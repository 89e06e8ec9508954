import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// Issue 4: an alert's response timeline, append-only. Each row is something that happened to one
// alert (raised, severity raised, acknowledged, dispatched, a team's step, escalated, resolved);
// `detail` holds what the kind needs (rule, teams, note …) as JSON. `once_key` makes a kind that
// may happen only once per alert (escalated) a unique row, so two instances, or one after a
// restart, never record or push it twice; it is null for the others (NULLs never collide).
export class AlertHistory1764300000000 implements MigrationInterface {
  name = 'AlertHistory1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'alert_history',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'alert_id', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'at', type: 'bigint' },
          { name: 'actor', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', default: "'{}'" },
          { name: 'once_key', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'ix_alert_history_alert', columnNames: ['alert_id', 'at'] }),
          new TableIndex({ name: 'uq_alert_history_once', columnNames: ['alert_id', 'once_key'], isUnique: true }),
          new TableIndex({ name: 'ix_alert_history_kind', columnNames: ['kind', 'alert_id'] }),
        ],
      }),
    );
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('alert_history');
  }
}

type Row = Record<string, unknown>;
const n = (v: unknown) => (v == null ? null : Number(v));

// Alerts from before this table get what the alerts and dispatches rows still tell: when each was
// raised, each dispatch and its steps, and the resolution. Who acknowledged is not kept there.
async function backfill(q: QueryRunner): Promise<void> {
  const pg = q.connection.options.type === 'postgres';
  const insert = async (rows: Array<[string, string, number, string | null, string]>) => {
    for (let i = 0; i < rows.length; i += 100) {
      const chunk = rows.slice(i, i + 100);
      let k = 0;
      const values = chunk.map(() => `(${[1, 2, 3, 4, 5].map(() => (pg ? `$${++k}` : '?')).join(', ')})`).join(', ');
      await q.query(`INSERT INTO alert_history (alert_id, kind, at, actor, detail) VALUES ${values}`, chunk.flat());
    }
  };
  const alerts = (await q.query(
    `SELECT id, rule, severity, created_at, acknowledged_at, resolved_at, resolution_note, status FROM alerts`,
  )) as Row[];
  const dispatches = (await q.query(
    `SELECT id, alert_id, team_id, note, dispatched_by, created_at, acked_at, contacted_at, onsite_at, resolved_at, result_note FROM dispatches`,
  )) as Row[];
  const rows: Array<[string, string, number, string | null, string]> = [];
  const dispatchedAt = new Map<string, number>();
  for (const d of dispatches) {
    const alertId = String(d.alert_id);
    const created = n(d.created_at)!;
    dispatchedAt.set(alertId, Math.min(dispatchedAt.get(alertId) ?? Infinity, created));
    rows.push([
      alertId,
      'dispatched',
      created,
      String(d.dispatched_by),
      JSON.stringify({ teamIds: [String(d.team_id)], note: d.note ?? null }),
    ]);
    const steps: Array<[string, unknown]> = [
      ['ack', d.acked_at],
      ['contacted', d.contacted_at],
      ['onsite', d.onsite_at],
      ['resolve', d.resolved_at],
    ];
    for (const [step, at] of steps) {
      if (at == null) continue;
      const note = step === 'resolve' ? (d.result_note ?? null) : null;
      rows.push([alertId, 'step', n(at)!, null, JSON.stringify({ dispatchId: String(d.id), teamId: String(d.team_id), step, note })]);
    }
  }
  for (const a of alerts) {
    const id = String(a.id);
    rows.push([id, 'raised', n(a.created_at)!, null, JSON.stringify({ rule: String(a.rule), severity: String(a.severity) })]);
    const acked = n(a.acknowledged_at);
    const resolved = n(a.resolved_at);
    // acknowledged_at is also set by a dispatch or a resolve: only an earlier one was a 签收
    if (acked !== null && acked < (dispatchedAt.get(id) ?? Infinity) && acked < (resolved ?? Infinity)) {
      rows.push([id, 'acknowledged', acked, null, '{}']);
    }
    if (resolved !== null && String(a.status) === 'resolved') {
      rows.push([id, 'resolved', resolved, null, JSON.stringify({ note: a.resolution_note ?? null })]);
    }
  }
  rows.sort((x, y) => x[2] - y[2]);
  await insert(rows);
}
