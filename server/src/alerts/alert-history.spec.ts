import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource, MIGRATIONS } from '../infra/database/data-source';
import { Db } from '../infra/database/db';
import { AlertHistory1764300000000 } from '../infra/database/migrations/1764300000000-alert-history';
import { AlertHistoryRepository } from './alert-history.repository';

// The alert_history migration: alerts from before it get the history their rows still tell, and
// an entry with a once-key is written once per alert, however often it is tried. On SQLite, and on
// PostgreSQL too when TEST_DATABASE_URL names one (its public schema is emptied, as the e2e harness does).
const pgUrl = process.env.TEST_DATABASE_URL ?? null;
const dialects: Array<[string, string | null]> = pgUrl
  ? [
      ['SQLite', null],
      ['PostgreSQL', pgUrl],
    ]
  : [['SQLite', null]];

describe.each(dialects)('alert history storage on %s', (_name, databaseUrl) => {
  let dir: string;
  let ds: DataSource;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointduty-history-'));
    if (databaseUrl) {
      const reset = createDataSource({ databaseUrl, dataDir: dir });
      await reset.initialize();
      await reset.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      await reset.destroy();
    }
  });
  afterEach(async () => {
    if (ds?.isInitialized) await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(migrations: Array<new () => unknown>): Promise<DataSource> {
    const base = createDataSource({ databaseUrl, dataDir: dir });
    const d = new DataSource({ ...base.options, migrations } as typeof base.options);
    await d.initialize();
    await d.runMigrations({ transaction: 'each' });
    return d;
  }

  it('backfills raised, 签收, dispatches with their steps, and 办结 for alerts that were there before', async () => {
    // the database as it was before this migration (its class name ends in its timestamp)
    ds = await open(
      MIGRATIONS.filter((m) => Number(/\d{13}$/.exec(m.name)?.[0]) < Number(/\d{13}$/.exec(AlertHistory1764300000000.name)![0])),
    );
    const t = Date.parse('2026-07-20T12:00:00Z');
    const old = new Db(ds);
    const alert = (id: string, status: string, acked: number | null, resolved: number | null, note: string | null) =>
      old.execute(
        `INSERT INTO alerts (id, seq, event_id, rule, severity, title, summary, channels, incident_count, status, simulated, created_at, updated_at, acknowledged_at, resolved_at, resolution_note)
         VALUES (?, 1, ?, 'mass-casualty', 'major', 't', 's', '110', 1, ?, ?, ?, ?, ?, ?, ?)`,
        [id, `e-${id}`, status, false, t, t, acked, resolved, note],
      );
    await alert('acked', 'resolved', t + 60_000, t + 600_000, '已处置');
    await alert('sent', 'dispatched', t + 120_000, null, null);
    await old.execute(
      `INSERT INTO dispatches (id, alert_id, team_id, status, note, dispatched_by, created_at, acked_at, contacted_at, onsite_at, resolved_at, result_note)
       VALUES ('d1', 'sent', 'shinan-1', 'onsite', '速去', 'duty', ?, ?, NULL, ?, NULL, NULL)`,
      [t + 120_000, t + 180_000, t + 300_000],
    );
    await ds.destroy();

    ds = await open(MIGRATIONS);
    const repo = new AlertHistoryRepository(new Db(ds));
    const acked = await repo.list('acked');
    expect(acked.map((h) => [h.kind, h.at - t])).toEqual([
      ['raised', 0],
      ['acknowledged', 60_000],
      ['resolved', 600_000],
    ]);
    expect(acked[2]!.detail.note).toBe('已处置');
    const sent = await repo.list('sent');
    // acknowledged_at equal to the dispatch time was the dispatch, not a 签收
    expect(sent.map((h) => [h.kind, h.detail.step ?? null, h.at - t])).toEqual([
      ['raised', null, 0],
      ['dispatched', null, 120_000],
      ['step', 'ack', 180_000],
      ['step', 'onsite', 300_000],
    ]);
    expect(sent[1]).toMatchObject({ actor: 'duty', detail: { teamIds: ['shinan-1'], note: '速去' } });
  });

  it('writes an entry with a once-key once per alert', async () => {
    ds = await open(MIGRATIONS);
    const db = new Db(ds);
    const repo = new AlertHistoryRepository(db);
    const entry = { alertId: 'a1', kind: 'escalated' as const, at: 1, actor: null, detail: {} };
    expect(await repo.add(db, entry, 'escalated')).toBe(true);
    expect(await repo.add(db, { ...entry, at: 2 }, 'escalated')).toBe(false);
    expect(await repo.add(db, { ...entry, alertId: 'a2' }, 'escalated')).toBe(true);
    // entries without a key never collide
    expect(await repo.add(db, { ...entry, kind: 'step' })).toBe(true);
    expect(await repo.add(db, { ...entry, kind: 'step' })).toBe(true);
    expect((await repo.list('a1')).map((h) => h.kind)).toEqual(['escalated', 'step', 'step']);
    expect([...(await repo.escalatedAt(['a1', 'a2', 'a3'])).entries()]).toEqual([
      ['a1', 1],
      ['a2', 1],
    ]);
  });
});
