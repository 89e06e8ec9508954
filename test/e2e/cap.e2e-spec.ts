import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { Alert } from '@jointduty/shared';
import { FeedsService } from '@jointduty/server/feeds/feeds.service';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { hotline, police, post } from '../support/records';

// GET /api/alerts/{id}/cap: CAP 1.2 valid against the OASIS schema (../shared/data/cap beside the
// repository, as in CI), its <event> in Chinese, each version of an alert one message, a later
// version an Update referencing the one before it.
const XSD = fs.readFileSync(path.join(__dirname, '../../../shared/data/cap/CAP-v1.2.xsd'), 'utf8');
const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);

async function schemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }] });
  return r.errors.map((e) => e.message);
}

describe('CAP export of alerts', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  let alerts: Alert[];

  const cap = async (id: string, token = tokens.duty) => {
    const res = await fetch(`${server.url}/api/alerts/${id}/cap`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, type: res.headers.get('content-type'), xml: await res.text() };
  };

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'field-shinan']) tokens[u] = await login(server, u);
    await postFeed(
      server,
      '110',
      police({
        alarmType: '刑事',
        summary: '城阳区正阳路一仓库发生持刀伤人 <b>3人受伤</b> & 嫌疑人在逃',
        address: '城阳区正阳路',
        casualties: 3,
        location: { lng: 120.4316, lat: 36.3093 },
      }),
    );
    await postFeed(
      server,
      'sentiment',
      post({
        text: '青岛老船长海鲜酒家宰客！一盘大虾结账要了1800元，点菜时说38一份，结账变成按只算，太黑了，大家避雷！！',
        metrics: { reposts: 1500, comments: 320, likes: 8000 },
        topics: ['青岛旅游'],
      }),
    );
    // the same citizen about the same thing a third time: a repeat complaint (general)
    const citizen = { name: '赵磊', phone: '13700001111' };
    const content = '台东三路夜市烧烤摊油烟扰民，每晚到凌晨两点，多次反映未解决。';
    for (let i = 0; i < 3; i++)
      await postFeed(server, '12345', hotline({ citizen, content, address: '市北区台东三路', appealType: '投诉' }));
    await server.app
      .get(FeedsService)
      .intake(
        '110',
        [police({ alarmType: '刑事', summary: '李沧区书院路一工地发生斗殴，4人受伤', address: '李沧区书院路', casualties: 4 })],
        {
          simulated: true,
        },
      );
    await server.settled();
    alerts = (await request<Alert[]>(server, 'GET', '/api/alerts?limit=100', { token: tokens.duty })).body;
  });

  afterAll(async () => {
    await server?.close();
  });

  it('gives a major alert as a valid CAP Alert: Chinese event, Extreme, Immediate, markup in its words kept as text', async () => {
    const major = alerts.find((a) => a.severity === 'major' && !a.simulated)!;
    const res = await cap(major.id);
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/cap+xml');
    expect(await schemaErrors(res.xml)).toEqual([]);
    expect(tag(res.xml, 'msgType')).toEqual(['Alert']);
    expect(tag(res.xml, 'status')).toEqual(['Actual']);
    const rule = server.config.rules.find((r) => r.id === major.rule)!;
    expect(tag(res.xml, 'event')[0]).toMatch(new RegExp(`^${rule.title.replace(/[()]/g, '\\$&')}`));
    expect(tag(res.xml, 'event')[0]).toMatch(/[\u4e00-\u9fff]/);
    expect([tag(res.xml, 'severity'), tag(res.xml, 'urgency')]).toEqual([['Extreme'], ['Immediate']]);
    expect(tag(res.xml, 'identifier')).toEqual([`jointduty-${major.id}-${major.seq}`]);
    expect(res.xml).not.toContain('<b>');
    expect(res.xml).not.toContain('<references>');
    // the area: the district, and a circle around where the record was
    expect(tag(res.xml, 'areaDesc')[0]).toContain('城阳区');
    expect(tag(res.xml, 'circle')).toEqual(['36.30930,120.43160 0.5']);
  });

  it('gives a later version as an Update referencing the earlier message by sender, identifier and sent', async () => {
    const major = alerts.find((a) => a.severity === 'major' && !a.simulated)!;
    const first = await cap(major.id);
    expect((await request(server, 'POST', `/api/alerts/${major.id}/ack`, { token: tokens.duty })).status).toBe(200);
    const second = await cap(major.id);
    expect(await schemaErrors(second.xml)).toEqual([]);
    expect(tag(second.xml, 'msgType')).toEqual(['Update']);
    expect(tag(second.xml, 'identifier')[0]).not.toBe(tag(first.xml, 'identifier')[0]);
    expect(tag(second.xml, 'references')).toEqual([
      `${tag(first.xml, 'sender')[0]},${tag(first.xml, 'identifier')[0]},${tag(first.xml, 'sent')[0]}`,
    ]);
    // the same version answers the same message: identifiers are stable
    expect(tag((await cap(major.id)).xml, 'identifier')).toEqual(tag(second.xml, 'identifier'));
  });

  it('maps urgent and general alerts to Severe/Immediate and Moderate/Expected, valid', async () => {
    const urgent = alerts.find((a) => a.severity === 'urgent')!;
    expect(urgent).toBeDefined();
    const u = await cap(urgent.id, tokens.leader);
    expect(await schemaErrors(u.xml)).toEqual([]);
    expect([tag(u.xml, 'severity'), tag(u.xml, 'urgency')]).toEqual([['Severe'], ['Immediate']]);
    const general = alerts.find((a) => a.severity === 'general')!;
    expect(general).toBeDefined();
    const g = await cap(general.id, tokens.admin);
    expect(await schemaErrors(g.xml)).toEqual([]);
    expect([tag(g.xml, 'severity'), tag(g.xml, 'urgency'), tag(g.xml, 'event')]).toEqual([
      ['Moderate'],
      ['Expected'],
      [expect.stringMatching(/^反复投诉/)],
    ]);
  });

  it('marks a simulated alert as an Exercise', async () => {
    const simulated = alerts.find((a) => a.simulated)!;
    expect(simulated).toBeDefined();
    const res = await cap(simulated.id);
    expect(await schemaErrors(res.xml)).toEqual([]);
    expect(tag(res.xml, 'status')).toEqual(['Exercise']);
  });

  it('answers 404 for a missing alert and 403 to field teams', async () => {
    const missing = await request(server, 'GET', '/api/alerts/00000000-0000-4000-8000-000000000000/cap', { token: tokens.duty });
    expect([missing.status, missing.body.code]).toEqual([404, 'alert.not_found']);
    expect((await cap(alerts[0]!.id, tokens['field-shinan'])).status).toBe(403);
  });
});
