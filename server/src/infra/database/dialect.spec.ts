import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { Db, type Queryable } from './db';
import { existingKeys, forUpdate, updateRows } from './dialect';

// The dialect helpers on SQLite, and on PostgreSQL too when TEST_DATABASE_URL names one. Each test
// works on a temporary table inside one transaction, so nothing is left in the database. The
// repositories' PostgreSQL paths are also run by the integration suite (test/integration, and the
// journeys of test/e2e against PostgreSQL).
const pgUrl = process.env.TEST_DATABASE_URL ?? null;
const dialects: Array<[string, string | null]> = pgUrl
  ? [
      ['SQLite', null],
      ['PostgreSQL', pgUrl],
    ]
  : [['SQLite', null]];

describe.each(dialects)('dialect helpers on %s', (name, databaseUrl) => {
  let dir: string;
  let ds: DataSource;
  let db: Db;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointduty-dialect-'));
    ds = createDataSource({ databaseUrl, dataDir: dir });
    await ds.initialize();
    db = new Db(ds);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // a scratch table of (a, b) keys and two values, filled with rows, for one transaction
  async function withTable<T>(rows: Array<[string, string, string | null, number]>, fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return db.transaction(async (tx) => {
      await tx.execute(`CREATE TEMP TABLE scratch (a TEXT NOT NULL, b TEXT NOT NULL, note TEXT, n INTEGER NOT NULL, PRIMARY KEY (a, b))`);
      for (const r of rows) await tx.execute(`INSERT INTO scratch (a, b, note, n) VALUES (?, ?, ?, ?)`, r);
      try {
        return await fn(tx);
      } finally {
        await tx.execute(`DROP TABLE scratch`);
      }
    });
  }

  it('forUpdate locks the rows read on PostgreSQL only, and the SELECT runs on both', async () => {
    expect(forUpdate(db)).toBe(name === 'PostgreSQL' ? ' FOR UPDATE' : '');
    await withTable([['x', '1', null, 1]], async (tx) => {
      expect(await tx.query(`SELECT n FROM scratch WHERE a = ?${forUpdate(tx)}`, ['x'])).toEqual([{ n: 1 }]);
    });
  });

  it('existingKeys answers the stored ones of many keys, across leading values and past one IN list', async () => {
    const stored: Array<[string, string, string | null, number]> = [];
    for (let i = 0; i < 1200; i += 2) stored.push(['110', `k${i}`, null, i]);
    stored.push(['12345', 'k1', null, 0], ['12345', 'it\'s "quoted", {braced}', null, 0]);
    await withTable(stored, async (tx) => {
      const asked = [
        ...Array.from({ length: 1200 }, (_, i) => ['110', `k${i}`]),
        ['12345', 'k1'],
        ['12345', 'k2'],
        ['12345', 'it\'s "quoted", {braced}'],
        ['12315', 'k1'],
      ];
      const found = await existingKeys<{ a: unknown; b: unknown }>(
        tx,
        { table: 'scratch', columns: ['a', 'b'], types: ['text', 'text'] },
        asked,
      );
      const keys = found.map((r) => `${String(r.a)}/${String(r.b)}`).sort();
      const expected = [...Array.from({ length: 600 }, (_, i) => `110/k${i * 2}`), '12345/k1', '12345/it\'s "quoted", {braced}'].sort();
      expect(keys).toEqual(expected);
      expect(await existingKeys(tx, { table: 'scratch', columns: ['a', 'b'], types: ['text', 'text'] }, [])).toEqual([]);
    });
  });

  it('updateRows writes each row to its match only where the condition holds, in chunks, and counts the rows changed', async () => {
    const stored: Array<[string, string, string | null, number]> = Array.from({ length: 25 }, (_, i) => [
      'a',
      `k${i}`,
      i % 5 === 0 ? 'kept' : null,
      i,
    ]);
    await withTable(stored, async (tx) => {
      const rows = [...Array.from({ length: 25 }, (_, i) => [`k${i}`, `note ${i}`, i * 10]), ['missing', 'x', 0]];
      const changed = await updateRows(
        tx,
        {
          table: 'scratch',
          columns: ['b', 'note', 'n'],
          types: ['text', 'text', 'integer'],
          set: 'note = v.note, n = v.n',
          where: 'scratch.b = v.b AND scratch.note IS NULL',
          chunk: 7,
        },
        rows,
      );
      // five rows were noted already, and no row matches 'missing'
      expect(changed).toBe(20);
      const after = await tx.query<{ b: string; note: string; n: unknown }>(`SELECT b, note, n FROM scratch ORDER BY n`);
      const byKey = new Map(after.map((r) => [r.b, [r.note, Number(r.n)]]));
      for (let i = 0; i < 25; i++) expect(byKey.get(`k${i}`)).toEqual(i % 5 === 0 ? ['kept', i] : [`note ${i}`, i * 10]);
      expect(
        await updateRows(tx, { table: 'scratch', columns: ['b'], types: ['text'], set: 'n = 0', where: 'scratch.b = v.b', chunk: 7 }, []),
      ).toBe(0);
    });
  });
});
