import type { Alert, IncidentSummary, StatsOverview } from '@jointduty/shared';
import { login, postFeed, request, startServer, tempDir, type TestServer } from '../support/harness';

// Duty officers shape the rules at run time: silences mute an event or a rule for a while, and a
// peak-season profile (switched on by its dates or by hand) changes thresholds in watch areas.

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
let n = 0;
const complaint = (merchant: string, text: string, person: number) => ({
  regNo: `SP-${++n}`,
  kind: '投诉',
  receivedAt: ago(60 - n),
  content: text,
  merchant: { name: merchant },
  industry: '餐饮服务',
  consumer: { name: `顾客${person}`, phone: `1390000${String(person).padStart(4, '0')}` },
});

describe('silences and peak-season profiles', () => {
  let server: TestServer;
  let duty: string;
  let leader: string;
  let admin: string;
  const dataDir = tempDir();

  beforeAll(async () => {
    server = await startServer({ dataDir });
    [duty, leader, admin] = await Promise.all([login(server, 'duty'), login(server, 'leader'), login(server, 'admin')]);
  });
  afterAll(async () => {
    await server.close();
  });

  const alertsOf = async (rule: string): Promise<Alert[]> =>
    (await request<Alert[]>(server, 'GET', '/api/alerts?limit=500', { token: duty })).body.filter((a) => a.rule === rule);
  const post = async (records: unknown[]) => {
    for (const r of records) expect((await postFeed(server, '12315', r)).status).toBe(202);
    await server.settled();
  };

  it('lists the profiles; none is active outside their dates', async () => {
    const res = await request(server, 'GET', '/api/profiles', { token: leader });
    expect(res.status).toBe(200);
    expect(res.body.profiles.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['beer-festival', 'golden-week']));
    const beer = res.body.profiles.find((p: { id: string }) => p.id === 'beer-festival');
    expect(beer.watchAreas).toContain('金沙滩啤酒城');
    expect(beer.roster.length).toBeGreaterThan(0);
  });

  it('refuses an unknown profile and a leader switching one, naming the field', async () => {
    const bad = await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 'carnival' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^id: /);
    expect((await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 7 } })).status).toBe(400);
    expect((await request(server, 'PUT', '/api/profiles/active', { token: leader, body: { id: 'beer-festival' } })).status).toBe(403);
  });

  it('in a watch area of the active profile, three complaints are a group complaint; elsewhere five are needed', async () => {
    // off: three complaints at the beer city raise nothing
    await post([1, 2, 3].map((p) => complaint('金沙滩啤酒城海浪扎啤屋', '金沙滩啤酒城里的扎啤屋缺斤短两，一扎啤酒明显不够量。', p)));
    expect(await alertsOf('group-complaint')).toHaveLength(0);

    const on = await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 'beer-festival' } });
    expect(on.status).toBe(200);
    expect(on.body.active).toBe('beer-festival');
    expect(on.body.manual).toBe(true);
    const stats = await request<StatsOverview>(server, 'GET', '/api/stats/overview', { token: leader });
    expect(stats.body.profile).toMatchObject({ id: 'beer-festival', name: '青岛国际啤酒节', manual: true });

    await post([4, 5, 6].map((p) => complaint('金沙滩啤酒城浪花烧烤', '金沙滩啤酒城浪花烧烤的烤串不新鲜，吃了肚子不舒服。', p)));
    const raised = await alertsOf('group-complaint');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.summary).toContain('3 人投诉');
    // outside the watch areas the city-wide threshold holds
    await post([7, 8, 9].map((p) => complaint('崂山渔家乐海鲜馆', '海鲜馆菜品不新鲜还缺斤短两，要求处理。', p)));
    expect(await alertsOf('group-complaint')).toHaveLength(1);

    const audit = await request(server, 'GET', '/api/audit?limit=50', { token: admin });
    expect(audit.body.some((e: { action: string; actor: string }) => e.action === 'profile.choose' && e.actor === 'duty')).toBe(true);
  });

  it('keeps a choice made by hand across a restart, until switched back to its dates', async () => {
    await server.close();
    server = await startServer({ dataDir, restart: true });
    duty = await login(server, 'duty');
    expect((await request(server, 'GET', '/api/profiles', { token: duty })).body.active).toBe('beer-festival');
    const auto = await request(server, 'PUT', '/api/profiles/active', { token: duty, body: { id: 'auto' } });
    expect(auto.body).toMatchObject({ active: null, manual: false });
  });

  it('a silence mutes a rule on an event until it is cancelled, and both are audited', async () => {
    await post([10, 11].map((p) => complaint('海天一色大酒店', '海天一色大酒店预订的房间到店说没有了，拒不退定金。', p)));
    const list = await request<IncidentSummary[]>(server, 'GET', '/api/incidents?channel=12315&limit=5', { token: duty });
    const eventId = list.body[0]!.eventId!;

    for (const [body, field] of [
      [{ eventId, minutes: 30 }, 'reason'],
      [{ eventId, reason: '已知情况', minutes: 0 }, 'minutes'],
      [{ rule: 'no-such-rule', reason: 'x', minutes: 5 }, 'rule'],
      [{ reason: '全部静默', minutes: 5 }, 'eventId'],
    ] as const) {
      const res = await request(server, 'POST', '/api/silences', { token: duty, body });
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(`${field}:`);
    }
    const missing = await request(server, 'POST', '/api/silences', {
      token: duty,
      body: { eventId: '00000000-0000-4000-8000-000000000000', reason: 'x', minutes: 5 },
    });
    expect(missing.status).toBe(404);

    const silence = await request(server, 'POST', '/api/silences', {
      token: duty,
      body: { eventId, rule: 'group-complaint', minutes: 60, reason: '商家已约谈，统一处理' },
    });
    expect(silence.status).toBe(201);
    await post([12, 13, 14].map((p) => complaint('海天一色大酒店', '海天一色大酒店拒不退还房费定金。', p)));
    expect((await alertsOf('group-complaint')).filter((a) => a.eventId === eventId)).toHaveLength(0);
    expect((await request(server, 'GET', '/api/silences', { token: leader })).body.map((s: { id: string }) => s.id)).toContain(
      silence.body.id,
    );

    expect((await request(server, 'DELETE', `/api/silences/${silence.body.id}`, { token: duty })).status).toBe(200);
    await post([15].map((p) => complaint('海天一色大酒店', '海天一色大酒店还是不退定金。', p)));
    const raised = (await alertsOf('group-complaint')).filter((a) => a.eventId === eventId);
    expect(raised).toHaveLength(1);
    expect(raised[0]!.incidentCount).toBe(6);

    const audit = (await request(server, 'GET', '/api/audit?limit=50', { token: admin })).body.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['silence.create', 'silence.cancel']));
  });
});
