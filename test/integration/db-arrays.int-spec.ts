// Rows go to PostgreSQL as one array literal per column (db.ts unnestFrom), built by our own code
// rather than the driver's. Whatever a citizen writes must come back exactly as sent: quotes,
// backslashes, braces, commas, the word NULL, empty text, newlines, emoji; and numbers, booleans
// and nulls in their columns.
import { createDataSource } from '@jointduty/server/infra/database/data-source';
import { Db, unnestFrom, type ScalarParam } from '@jointduty/server/infra/database/db';
import type { DataSource } from 'typeorm';

let ds: DataSource;
let db: Db;
beforeAll(async () => {
  ds = createDataSource({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '/nonexistent' });
  await ds.initialize();
  db = new Db(ds);
});
afterAll(async () => {
  await ds.destroy();
});

it('sends every kind of text, number, boolean and null through unnest unchanged, rows kept together', async () => {
  const texts = [
    'plain',
    '',
    'NULL',
    'null',
    ' leading and trailing ',
    'a,b',
    '{braces}',
    '"quoted"',
    'back\\slash',
    '\\"both\\"',
    '\\',
    '"',
    'line\nbreak\ttab\r',
    '市民张伟反映：登州路“啤酒街”缺斤短两',
    '<script>alert("x")</script>',
    '😀 emoji',
    '{"raw":"json","n":[1,2]}',
  ];
  const rows: ScalarParam[][] = texts.map((t, i) => [i, t, i % 3 === 0 ? null : i * 1.5 - 3, i % 2 === 0, i % 4 === 0 ? null : `k${i}`]);
  const { from, params } = unnestFrom(['integer', 'text', 'double precision', 'boolean', 'text'], rows);
  const back = await db.query<{ n: number; t: string; d: number | null; b: boolean; k: string | null }>(
    `SELECT * FROM ${from} AS v(n, t, d, b, k) ORDER BY n`,
    params,
  );
  expect(back.map((r) => [r.n, r.t, r.d, r.b, r.k])).toEqual(rows);
});

it('keeps 2,000 rows of long text in their order and columns', async () => {
  const rows: ScalarParam[][] = Array.from({ length: 2000 }, (_, i) => [
    i,
    `${'长'.repeat(i % 50)}"${i}"\\`,
    String(1_700_000_000_000 + i),
  ]);
  const { from, params } = unnestFrom(['integer', 'text', 'bigint'], rows);
  const back = await db.query<{ n: number; t: string; at: string }>(`SELECT n, t, at::text AS at FROM ${from} AS v(n, t, at)`, params);
  expect(back.map((r) => [r.n, r.t, r.at])).toEqual(rows);
});
