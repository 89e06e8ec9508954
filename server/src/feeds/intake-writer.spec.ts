import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Incident } from '@jointduty/shared';
import { createDataSource } from '../infra/database/data-source';
import { Db } from '../infra/database/db';
import { IncidentsRepository, type NewIncident } from '../incidents/incidents.repository';
import { IntakeFullError, IntakeWriter } from './intake-writer';

// Group commit on a real SQLite database: requests that arrive while a group is under way are
// written together; on the correlation holder (a `store` hook) the next group is taken once the one
// before it is decided, with at most three unfinished; a failed group fails its requests only.

let dir: string;
let ds: DataSource;
let db: Db;
let repo: IncidentsRepository;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointduty-writer-'));
  ds = createDataSource({ databaseUrl: null, dataDir: dir });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  db = new Db(ds);
  repo = new IncidentsRepository(db);
});
afterEach(async () => {
  await ds.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
function record(externalId = `GD-${++n}`): NewIncident {
  const at = new Date().toISOString();
  const incident: Incident = {
    id: randomUUID(),
    channel: '12345',
    externalId,
    occurredAt: at,
    receivedAt: at,
    kind: '投诉',
    title: '噪音扰民',
    content: '夜间施工噪音扰民',
    address: null,
    district: null,
    location: null,
    category: null,
    department: null,
    eventId: null,
    flags: [],
    reporter: null,
    merchant: null,
    dueAt: null,
    facts: {},
  };
  return { incident, raw: '{}' };
}

const gate = () => {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
};
const stored = async () => (await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM incidents'))[0]!.n;

it('writes the requests that arrived during a write in one group, and says which records were new', async () => {
  const groups: number[] = [];
  const writer = new IntakeWriter(db, repo, {
    maxQueued: 1000,
    maxGroup: 1000,
    afterCommit: (rows) => groups.push(rows.length),
  });
  const dup = record('GD-dup');
  const first = writer.write([record(), record()]);
  // these arrive while the first group is being written
  const twin = record('GD-dup');
  const later = [writer.write([record()]), writer.write([record(), twin]), writer.write([dup])];
  expect((await first).size).toBe(2);
  const answers = await Promise.all(later);
  expect(groups[0]).toBe(2);
  expect(groups.slice(1).reduce((a, b) => a + b, 0)).toBe(4);
  expect(groups.length).toBeLessThanOrEqual(3);
  // the same external id twice: stored once, the other answer does not hold it
  expect(await stored()).toBe(5);
  expect(answers[1]!.has(twin.incident.id)).toBe(true);
  expect(answers[2]!.has(dup.incident.id)).toBe(false);
});

it('takes the next group once the one before is decided, with at most three unfinished', async () => {
  const decided: Array<() => void> = [];
  const committed: Array<() => void> = [];
  const sizes: number[] = [];
  const writer = new IntakeWriter(db, repo, {
    maxQueued: 1000,
    maxGroup: 1000,
    store: (rows) => {
      sizes.push(rows.length);
      const d = gate();
      const c = gate();
      decided.push(d.open);
      committed.push(c.open);
      return { prepared: d.p, result: c.p.then(() => new Set(rows.map((r) => r.incident.id))) };
    },
  });
  const waits = [writer.write([record()]), writer.write([record()]), writer.write([record()])];
  await new Promise((r) => setImmediate(r));
  // the first group is being decided: the others wait for it, together
  expect(sizes).toEqual([1]);
  decided[0]!();
  await new Promise((r) => setImmediate(r));
  expect(sizes).toEqual([1, 2]);
  const more = [writer.write([record()]), writer.write([record()])];
  decided[1]!();
  await new Promise((r) => setImmediate(r));
  expect(sizes).toEqual([1, 2, 2]);
  // three groups unfinished: a fourth is not taken, even once the third is decided
  decided[2]!();
  const last = writer.write([record()]);
  await new Promise((r) => setImmediate(r));
  expect(sizes).toEqual([1, 2, 2]);
  committed[0]!();
  expect((await waits[0]!).size).toBe(1);
  await new Promise((r) => setImmediate(r));
  expect(sizes).toEqual([1, 2, 2, 1]);
  decided[3]!();
  for (const c of committed) c();
  committed[3]!();
  await Promise.all([...waits, ...more, last]);
  await writer.idle();
  expect(writer.depth).toBe(0);
});

it('falls back to the plain insert when the hook declines, and fails only the failed group', async () => {
  let fail = true;
  const writer = new IntakeWriter(db, repo, {
    maxQueued: 1000,
    maxGroup: 1000,
    store: () => {
      if (fail) {
        fail = false;
        return { prepared: Promise.resolve(), result: Promise.reject(new Error('database went away')) };
      }
      return { prepared: Promise.resolve(), result: Promise.resolve(null) };
    },
  });
  const bad = writer.write([record()]);
  await expect(bad).rejects.toThrow('database went away');
  const good = await writer.write([record(), record()]);
  expect(good.size).toBe(2);
  expect(await stored()).toBe(2);
});

it('refuses a request that would queue more records than allowed, while it writes', async () => {
  const hold = gate();
  const writer = new IntakeWriter(db, repo, {
    maxQueued: 3,
    maxGroup: 1000,
    store: () => ({ prepared: hold.p, result: hold.p.then(() => null) }),
  });
  const first = writer.write([record(), record()]);
  await expect(writer.write([record(), record()])).rejects.toBeInstanceOf(IntakeFullError);
  hold.open();
  expect((await first).size).toBe(2);
  expect(await stored()).toBe(2);
});
