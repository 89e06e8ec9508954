// When the pipeline falls behind, intake says so (429/503 with Retry-After) instead of holding
// more and more in memory; what it refused is not stored, what it accepted is never lost.
import { CorrelationTurns } from '@jointduty/server/correlation/pipeline/turns';
import { Db } from '@jointduty/server/infra/database/db';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { hotline } from '../support/records';

let server: TestServer;
let token: string;

const stored = async (orderNo: string) =>
  (await request<Array<{ externalId: string }>>(server, 'GET', `/api/incidents?channel=12345&limit=1000`, { token })).body.some(
    (i) => i.externalId === orderNo,
  );

beforeAll(async () => {
  server = await startServer({ env: { CORRELATION_MAX_BACKLOG: '20', INTAKE_MAX_QUEUED: '5' } });
  token = await login(server, 'duty');
});
afterAll(async () => {
  await server.close();
});

it('answers 429 with Retry-After while correlation is more records behind than allowed, then accepts again', async () => {
  // correlation stalls (a long job holds its turn): what is stored waits for it
  let release!: () => void;
  const stall = server.app.get(CorrelationTurns).run(() => new Promise<void>((r) => (release = r)));
  const first = Array.from({ length: 25 }, () => hotline());
  expect((await postFeed(server, '12345', first)).status).toBe(202);

  const late = hotline();
  const refused = await postFeed(server, '12345', late);
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('2');
  expect(refused.body.error).toMatch(/correlation is 25 records behind/);

  release();
  await stall;
  await server.settled();
  expect(await stored(late.orderNo)).toBe(false);
  expect(await stored(first[24]!.orderNo)).toBe(true);
  expect((await postFeed(server, '12345', late)).status).toBe(202);
});

it('answers 503 with Retry-After when more records wait for their commit than allowed; the waiting ones are stored', async () => {
  // the database is busy with a long transaction that holds what intake writes: intake's group
  // commit waits (SQLite has one writer; PostgreSQL is told to lock the table)
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const busy = server.app.get(Db).transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.execute('LOCK TABLE incidents IN EXCLUSIVE MODE');
    locked();
    await gate;
  });
  await isLocked;
  const waiting = [hotline(), hotline(), hotline()];
  const more = [hotline(), hotline(), hotline()];
  let pending: ReturnType<typeof postFeed>;
  try {
    pending = postFeed(server, '12345', waiting);
    await new Promise((r) => setTimeout(r, 200));
    const refused = await postFeed(server, '12345', more);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error).toMatch(/intake queue is full/);
  } finally {
    release();
    await busy;
  }
  const answered = await pending;
  expect(answered.status).toBe(202);
  expect(answered.body).toMatchObject({ accepted: 3 });
  await server.settled();
  for (const r of waiting) expect(await stored(r.orderNo)).toBe(true);
  for (const r of more) expect(await stored(r.orderNo)).toBe(false);
});
