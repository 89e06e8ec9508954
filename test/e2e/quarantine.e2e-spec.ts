// A record the understanding throws on, whatever is around it, must not stop correlation for
// every record behind it (never lose a record, keep the pipeline moving). Its batch is
// searched one record at a time; the one to blame is set aside after failing alone
// QUARANTINE_AFTER times, still stored, listed for duty staff, and sent back once the cause is
// fixed. The others are correlated as usual.
import type { AuditEntry, Incident, IncidentSummary, QuarantinedRecord } from '@jointduty/shared';
import { QUARANTINE_AFTER } from '@jointduty/server/correlation/pipeline/quarantine.service';
import { UnderstandingService } from '@jointduty/server/correlation/understanding.service';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { hotline } from '../support/records';

let server: TestServer;
let duty: string;
let admin: string;
beforeAll(async () => {
  server = await startServer();
  duty = await login(server, 'duty');
  admin = await login(server, 'admin');
  await server.settled();
});
afterAll(async () => {
  await server.close();
});

const POISON = '【无法解析】';

const metric = async (series: string): Promise<number> => {
  const text = (await request<string>(server, 'GET', '/metrics')).body;
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

const stored = async (externalId: string): Promise<IncidentSummary | undefined> => {
  const list = await request<IncidentSummary[]>(server, 'GET', `/api/incidents?channel=12345&limit=500`, { token: duty });
  return list.body.find((i) => i.externalId === externalId);
};

const quarantine = async () => (await request<QuarantinedRecord[]>(server, 'GET', '/api/pipeline/quarantine', { token: duty })).body;

it('sets aside the one record understanding fails on, correlates the rest, and takes it back when released', async () => {
  const understanding = server.app.get(UnderstandingService);
  const real = understanding.understand.bind(understanding);
  let calls = 0;
  const spy = jest.spyOn(understanding, 'understand').mockImplementation((batch: Incident[]) => {
    calls++;
    if (batch.some((i) => i.content.includes(POISON))) throw new Error('the segmenter chokes on this text\nsecond line');
    return real(batch);
  });
  try {
    const good = [hotline(), hotline({ address: '青岛市崂山区香港东路195号', content: '香港东路195号附近工地夜间施工噪音扰民。' }), hotline()];
    const bad = hotline({ content: `${POISON}市民张伟来电反映登州路有人占道经营，电话13812345678。`, citizen: { name: '张伟', phone: '13812345678' } });
    const res = await postFeed(server, '12345', [good[0], bad, good[1], good[2]]);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 4, duplicates: 0 });
    await server.settled();

    // the others are in their events; the bad one is stored, in no event, and listed
    for (const g of good) expect((await stored(g.orderNo))?.eventId).toEqual(expect.any(String));
    const badStored = await stored(bad.orderNo);
    expect(badStored).toBeDefined();
    expect(badStored!.eventId).toBeNull();
    const listed = await quarantine();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      incidentId: badStored!.id,
      channel: '12345',
      externalId: bad.orderNo,
      reason: 'the segmenter chokes on this text',
      attempts: QUARANTINE_AFTER,
    });
    // masked like any list: no citizen phone in the title
    expect(JSON.stringify(listed)).not.toContain('13812345678');
    expect(await metric('jointduty_correlation_quarantined_total')).toBe(1);
    expect(await metric('jointduty_correlation_quarantined')).toBe(1);
    // it is not waiting any more: the queue is empty and new records go straight in
    expect(await metric('jointduty_correlation_queue{where="memory"}')).toBe(0);
    const after = hotline();
    expect((await postFeed(server, '12345', after)).status).toBe(202);
    expect((await stored(after.orderNo))?.eventId).toEqual(expect.any(String));
    // the search stopped: a settled pipeline tries nothing more
    const before = calls;
    await new Promise((r) => setTimeout(r, 2500)); // past a sweep
    await server.settled();
    expect(calls).toBe(before);

    // the cause is fixed: released, it is correlated, listed no more, and the release is audited
    spy.mockRestore();
    const field = await login(server, 'field-shinan');
    expect((await request(server, 'POST', `/api/pipeline/quarantine/${badStored!.id}/release`, { token: field })).status).toBe(403);
    const released = await request(server, 'POST', `/api/pipeline/quarantine/${badStored!.id}/release`, { token: duty });
    expect(released.status).toBe(200);
    expect(released.body).toEqual({ released: badStored!.id });
    await server.settled();
    expect((await stored(bad.orderNo))?.eventId).toEqual(expect.any(String));
    expect(await quarantine()).toEqual([]);
    const again = await request(server, 'POST', `/api/pipeline/quarantine/${badStored!.id}/release`, { token: duty });
    expect(again.status).toBe(404);
    expect(again.body.error).toContain('not in the quarantine');
    const audit = await request<AuditEntry[]>(server, 'GET', `/api/audit?action=incident.release`, { token: admin });
    expect(audit.body).toHaveLength(1);
    expect(audit.body[0]).toMatchObject({
      actor: 'duty',
      targetId: badStored!.id,
      detail: { before: { quarantine: { attempts: QUARANTINE_AFTER } }, after: { quarantine: null } },
    });
  } finally {
    spy.mockRestore();
  }
});
