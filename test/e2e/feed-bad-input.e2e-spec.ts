// What an attacker or a broken feed system sends: each case gets the right 4xx naming the
// field, nothing rejected is stored, and the server stays healthy.
import type { IncidentSummary } from '@jointduty/shared';
import { FEED_KEY, login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { consumer, hotline, police, post } from '../support/records';

type Case = {
  name: string;
  channel: string;
  status: number;
  // a record (or body) to send as JSON, or raw bytes
  body?: unknown;
  raw?: string | Buffer;
  key?: string | null;
  headers?: Record<string, string>;
  // what the error must name: a rejected[0].errors entry for 422, `error` otherwise
  names: RegExp;
};

const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
const VALID_USCC = '91350100M000100Y43';

const cases: Case[] = [
  // 12345
  { name: '12345 missing orderNo', channel: '12345', status: 422, body: hotline({ orderNo: undefined }), names: /^orderNo: is required/ },
  { name: '12345 orderNo a number', channel: '12345', status: 422, body: hotline({ orderNo: 12345 }), names: /^orderNo: must be a string/ },
  { name: '12345 orderNo too long', channel: '12345', status: 422, body: hotline({ orderNo: 'x'.repeat(65) }), names: /^orderNo: must be at most 64/ },
  { name: '12345 empty orderNo', channel: '12345', status: 422, body: hotline({ orderNo: '' }), names: /^orderNo: / },
  { name: '12345 acceptedAt not a time', channel: '12345', status: 422, body: hotline({ acceptedAt: '20260720 210500' }), names: /^acceptedAt: must be an ISO 8601 time with an offset/ },
  { name: '12345 acceptedAt on a day that does not exist', channel: '12345', status: 422, body: hotline({ acceptedAt: '2026-02-30 10:00:00' }), names: /^acceptedAt: is not a real date and time/ },
  { name: '12345 acceptedAt at 24:00', channel: '12345', status: 422, body: hotline({ acceptedAt: '2026-06-30T24:00:00+08:00' }), names: /^acceptedAt: is not a real date and time/ },
  { name: 'a body sent as text/plain', channel: '110', status: 415, raw: '{}', headers: { 'content-type': 'text/plain' }, names: /^Content-Type: text\/plain/ },
  { name: 'a body sent as a form', channel: '110', status: 415, raw: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' }, names: /^Content-Type: / },
  { name: '12345 acceptedAt not a date', channel: '12345', status: 422, body: hotline({ acceptedAt: 'yesterday' }), names: /^acceptedAt: / },
  { name: '12345 acceptedAt impossible', channel: '12345', status: 422, body: hotline({ acceptedAt: '2026-02-30T25:61:00+08:00' }), names: /^acceptedAt: / },
  { name: '12345 acceptedAt far future', channel: '12345', status: 422, body: hotline({ acceptedAt: '2099-01-01T00:00:00+08:00' }), names: /^acceptedAt: is more than a day in the future/ },
  { name: '12345 unknown appealType', channel: '12345', status: 422, body: hotline({ appealType: '抱怨' }), names: /^appealType: must be one of 投诉 举报 咨询 求助 建议 表扬/ },
  { name: '12345 content empty', channel: '12345', status: 422, body: hotline({ content: '' }), names: /^content: / },
  { name: '12345 content blank', channel: '12345', status: 422, body: hotline({ content: '   \n ' }), names: /^content: must not be blank/ },
  { name: '12345 content 5001 chars', channel: '12345', status: 422, body: hotline({ content: '啤'.repeat(5001) }), names: /^content: must be at most 5000 characters/ },
  { name: '12345 content with NUL', channel: '12345', status: 422, body: hotline({ content: 'abc\u0000def' }), names: /^content: contains control characters/ },
  { name: '12345 content with lone surrogate', channel: '12345', status: 422, body: hotline({ content: 'abc\ud800def' }), names: /^content: contains control characters or broken encoding/ },
  { name: '12345 unknown source', channel: '12345', status: 422, body: hotline({ source: 'fax' }), names: /^source: must be one of/ },
  { name: '12345 title too long', channel: '12345', status: 422, body: hotline({ title: 't'.repeat(201) }), names: /^title: must be at most 200/ },
  { name: '12345 district not of the city', channel: '12345', status: 422, body: hotline({ district: '朝阳区' }), names: /^district: 朝阳区 is not a district of 青岛市/ },
  { name: '12345 location out of range', channel: '12345', status: 422, body: hotline({ location: { lng: 200, lat: 36 } }), names: /^location\.lng: / },
  { name: '12345 location as a string', channel: '12345', status: 422, body: hotline({ location: '120.3,36.0' }), names: /^location: must be a object/ },
  { name: '12345 citizen phone with letters', channel: '12345', status: 422, body: hotline({ citizen: { name: '张三', phone: 'call me' } }), names: /^citizen\.phone: must be a phone number/ },
  { name: '12345 urgency unknown (neither a value nor an alias of config/feeds.yaml)', channel: '12345', status: 422, body: hotline({ urgency: '十万火急' }), names: /^urgency: must be one of 一般 紧急/ },
  { name: '12345 __proto__ key', channel: '12345', raw: `{"orderNo":"P-1","acceptedAt":"2026-01-01T00:00:00+08:00","appealType":"投诉","content":"x","__proto__":{"admin":true}}`, status: 422, names: /^__proto__: forbidden key/ },
  { name: '12345 constructor.prototype nested', channel: '12345', body: hotline({ citizen: { constructor: { prototype: { x: 1 } } } }), status: 422, names: /^citizen\.constructor: forbidden key/ },
  { name: '12345 huge nesting in an extra field', channel: '12345', body: hotline({ extra: deep(40) }), status: 422, names: /nested deeper than/ },
  // 12315
  { name: '12315 投诉 without merchant', channel: '12315', status: 422, body: consumer({ merchant: undefined }), names: /^merchant: is required for 投诉/ },
  { name: '12315 举报 without merchant', channel: '12315', status: 422, body: consumer({ kind: '举报', merchant: undefined }), names: /^merchant: is required for 举报/ },
  { name: '12315 USCC wrong check character', channel: '12315', status: 422, body: consumer({ merchant: { name: '某店', uscc: '91350100M000100Y44' } }), names: /^merchant\.uscc: check character does not match/ },
  { name: '12315 USCC 17 chars', channel: '12315', status: 422, body: consumer({ merchant: { name: '某店', uscc: VALID_USCC.slice(0, 17) } }), names: /^merchant\.uscc: must be 18 characters/ },
  { name: '12315 USCC with I', channel: '12315', status: 422, body: consumer({ merchant: { name: '某店', uscc: '91350100I000100Y43' } }), names: /^merchant\.uscc: has a character outside/ },
  { name: '12315 negative amount', channel: '12315', status: 422, body: consumer({ amount: -1 }), names: /^amount: must be ≥ 0/ },
  { name: '12315 amount as text', channel: '12315', status: 422, body: consumer({ amount: '3000元' }), names: /^amount: must be a number/ },
  { name: '12315 unknown kind', channel: '12315', status: 422, body: consumer({ kind: '表扬' }), names: /^kind: must be one of 投诉 举报 咨询/ },
  { name: '12315 merchant name missing', channel: '12315', status: 422, body: consumer({ merchant: { uscc: VALID_USCC } }), names: /^merchant\.name: is required/ },
  // 110
  { name: '110 missing address', channel: '110', status: 422, body: police({ address: undefined }), names: /^address: is required/ },
  { name: '110 unknown alarmType', channel: '110', status: 422, body: police({ alarmType: 'riot' }), names: /^alarmType: must be one of/ },
  { name: '110 level 0', channel: '110', status: 422, body: police({ level: 0 }), names: /^level: must be ≥ 1/ },
  { name: '110 level 2.5', channel: '110', status: 422, body: police({ level: 2.5 }), names: /^level: / },
  { name: '110 casualties negative', channel: '110', status: 422, body: police({ casualties: -3 }), names: /^casualties: must be ≥ 0/ },
  { name: '110 summary 2001 chars', channel: '110', status: 422, body: police({ summary: '警'.repeat(2001) }), names: /^summary: must be at most 2000/ },
  { name: '110 reportedAt a number', channel: '110', status: 422, body: police({ reportedAt: 1753016700000 }), names: /^reportedAt: must be a string/ },
  // sentiment
  { name: 'sentiment javascript: url', channel: 'sentiment', status: 422, body: post({ url: 'javascript:alert(1)' }), names: /^url: must be an http or https URL/ },
  { name: 'sentiment data: url', channel: 'sentiment', status: 422, body: post({ url: 'data:text/html,<script>alert(1)</script>' }), names: /^url: must be an http or https URL/ },
  { name: 'sentiment unknown platform', channel: 'sentiment', status: 422, body: post({ platform: 'myspace' }), names: /^platform: must be one of/ },
  { name: 'sentiment negative reposts', channel: 'sentiment', status: 422, body: post({ metrics: { reposts: -5 } }), names: /^metrics\.reposts: must be ≥ 0/ },
  { name: 'sentiment followers fractional', channel: 'sentiment', status: 422, body: post({ author: { followers: 1.5 } }), names: /^author\.followers: / },
  { name: 'sentiment topics not an array', channel: 'sentiment', status: 422, body: post({ topics: '青岛国际啤酒节' }), names: /^topics: must be a array/ },
  { name: 'sentiment verified as string', channel: 'sentiment', status: 422, body: post({ author: { verified: 'yes' } }), names: /^author\.verified: must be a boolean/ },
  { name: 'sentiment postId too long', channel: 'sentiment', status: 422, body: post({ postId: 'p'.repeat(129) }), names: /^postId: must be at most 128/ },
  // whole requests
  { name: 'record is a string', channel: '12345', status: 422, body: ['just text'], names: /^record: must be an object/ },
  { name: 'record is null in an array', channel: '110', status: 422, body: [null], names: /^record: must be an object/ },
  { name: 'body is a number', channel: '12345', status: 400, body: 42, names: /body: must be a JSON object/ },
  { name: 'body is not JSON', channel: '12345', status: 400, raw: '{"orderNo": ', names: /body: not JSON/ },
  { name: 'body is invalid UTF-8', channel: '110', status: 400, raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), names: /body: not valid UTF-8/ },
  { name: 'body in GBK charset', channel: '110', status: 415, raw: '{}', headers: { 'content-type': 'application/json; charset=gbk' }, names: /charset gbk/ },
  { name: 'empty array', channel: '12345', status: 400, body: [], names: /empty array/ },
  { name: '1001 records', channel: 'sentiment', status: 413, body: Array.from({ length: 1001 }, () => ({ postId: 'x' })), names: /at most 1000/ },
  { name: 'body over 1 MiB', channel: '12345', status: 413, raw: JSON.stringify(hotline({ content: 'x'.repeat(1024 * 1024) })), names: /./ },
  { name: 'unknown channel', channel: '12306', status: 404, body: hotline(), names: /unknown channel 12306/ },
  { name: 'missing feed key', channel: '12345', status: 401, body: hotline(), key: null, names: /X-Feed-Key: missing/ },
  { name: 'wrong feed key', channel: '110', status: 401, body: police(), key: 'guess', names: /X-Feed-Key: wrong key/ },
  { name: 'a user token instead of a feed key', channel: '110', status: 401, body: police(), key: 'Bearer abc', names: /X-Feed-Key/ },
];

describe('feed bad input', () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer();
    token = await login(server, 'admin');
  });
  afterAll(() => server.close());

  it('has at least 40 cases across the four channels', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const ch of ['12345', '12315', '110', 'sentiment']) expect(cases.filter((c) => c.channel === ch).length).toBeGreaterThan(4);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const headers: Record<string, string> = { ...c.headers };
    const key = c.key === undefined ? FEED_KEY : c.key;
    if (key !== null) headers['x-feed-key'] = key;
    const r = await request(server, 'POST', `/api/feeds/${c.channel}`, { body: c.body, raw: c.raw, headers });
    expect(r.status).toBe(c.status);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    if (c.status === 422) {
      expect(r.body.accepted).toBe(0);
      expect(r.body.rejected).toHaveLength(1);
      expect(r.body.rejected[0].index).toBe(0);
      expect(r.body.rejected[0].errors.some((e: string) => c.names.test(e))).toBe(true);
    } else {
      expect(typeof r.body.error).toBe('string');
      expect(r.body.error).toMatch(c.names);
    }
  });

  it('stored nothing that was rejected, and the server is healthy after all of it', async () => {
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?limit=1000', { token });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(0);
    const health = await request(server, 'GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    // and a good record still goes in
    expect((await postFeed(server, '12345', hotline())).body).toMatchObject({ accepted: 1 });
  });

  it('keeps a record text with markup as text, exactly as sent', async () => {
    const rec = hotline({ content: '<script>alert("x")</script><img src=x onerror=alert(1)> 大排档宰客' });
    expect((await postFeed(server, '12345', rec)).status).toBe(202);
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12345&limit=10', { token });
    const found = list.body.find((i) => i.externalId === rec.orderNo)!;
    expect(found.title).toContain('<script>');
    const detail = await request(server, 'GET', `/api/incidents/${found.id}`, { token });
    expect(detail.body.content).toBe(rec.content);
  });

  it('takes records as the platforms export them: city time without an offset, aliases, numbers as strings (§11)', async () => {
    const hot = hotline({ acceptedAt: '2026-07-20 21:05:00', appealType: '求决', urgency: '特急' });
    const alarm = police({ reportedAt: '2026/07/20 21:06:00', alarmType: '群体事件', level: '1', casualties: '0' });
    expect((await postFeed(server, '12345', hot)).body).toMatchObject({ accepted: 1 });
    expect((await postFeed(server, '110', alarm)).body).toMatchObject({ accepted: 1 });
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?limit=100', { token });
    const a = list.body.find((i) => i.externalId === hot.orderNo)!;
    const b = list.body.find((i) => i.externalId === alarm.caseNo)!;
    // 21:05 in Shanghai
    expect(a.occurredAt).toBe('2026-07-20T13:05:00.000Z');
    expect(b.occurredAt).toBe('2026-07-20T13:06:00.000Z');
    const da = await request(server, 'GET', `/api/incidents/${a.id}`, { token });
    expect(da.body).toMatchObject({ kind: '求助' });
    expect(da.body.facts).toMatchObject({ urgency: '紧急' });
    const db = await request(server, 'GET', `/api/incidents/${b.id}`, { token });
    expect(db.body).toMatchObject({ kind: '群体性事件' });
    expect(db.body.facts).toMatchObject({ level: 1, casualties: 0 });
    // the raw record keeps what was sent
    expect(db.body.raw).toMatchObject({ alarmType: '群体事件', level: '1' });
  });

  it('keeps unknown extra fields in the raw record', async () => {
    const rec = hotline({ hotlineSeat: 'A-12', nested: { note: '坐席备注' } });
    await postFeed(server, '12345', rec);
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12345&limit=50', { token });
    const id = list.body.find((i) => i.externalId === rec.orderNo)!.id;
    const detail = await request(server, 'GET', `/api/incidents/${id}`, { token });
    expect(detail.body.raw).toMatchObject({ hotlineSeat: 'A-12', nested: { note: '坐席备注' } });
  });
});
