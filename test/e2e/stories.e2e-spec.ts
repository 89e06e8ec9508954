import type { Alert, IncidentSummary } from '@jointduty/shared';
import { RulesEngine } from '@jointduty/server/correlation/rules/rules.engine';
import { login, postFeed, request, startServer, type TestServer } from '../support/harness';
import { STORIES, type Story } from './stories/stories';

// Each story is posted by hand, record by record in time order, to a fresh server; then what the
// server concluded is read back through the API the duty room uses.

const ID_FIELD = { '12345': 'orderNo', '12315': 'regNo', '110': 'caseNo', sentiment: 'postId' } as const;
const TIME_FIELD = { '12345': 'acceptedAt', '12315': 'receivedAt', '110': 'reportedAt', sentiment: 'publishedAt' } as const;
const DAY = 86_400_000;
const GAP_DAYS = 4;

type EventDetail = { id: string; reasons: string[]; incidents: Array<IncidentSummary & { joinReason: string | null }> };

let server: TestServer;
let token: string;
const results = new Map<string, { byKey: Map<string, IncidentSummary>; events: Map<string, EventDetail>; alerts: Alert[] }>();

// stories follow each other in time, each with room after it, the last ending about now
function schedule(): Array<{ story: Story; base: number }> {
  const total = STORIES.reduce((n, s) => n + (s.days ?? 1) + GAP_DAYS, 0);
  let base = Date.now() - total * DAY;
  return STORIES.map((story) => {
    const at = base;
    base += ((story.days ?? 1) + GAP_DAYS) * DAY;
    return { story, base: at };
  });
}

beforeAll(async () => {
  server = await startServer({ env: { SIMULATOR: 'off' } });
  token = await login(server, 'duty');
  const rules = server.app.get(RulesEngine);
  const seen = new Set<string>();
  for (const [n, { story, base }] of schedule().entries()) {
    const ids = new Map<string, string>();
    for (const r of [...story.records].sort((a, b) => a.at - b.at)) {
      const externalId = `S${n}-${r.key}`;
      ids.set(r.key, externalId);
      const record: Record<string, unknown> = {
        ...r.record,
        [ID_FIELD[r.channel]]: externalId,
        [TIME_FIELD[r.channel]]: new Date(base + r.at * 60_000).toISOString(),
      };
      if (record.dueAt === 'DUE_IN_PAST') record.dueAt = new Date(base + (r.at + 60) * 60_000).toISOString();
      const res = await postFeed(server, r.channel, record);
      if (res.status !== 202 || res.body.accepted !== 1)
        throw new Error(`${story.name} / ${r.key}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    await server.settled();
    if (story.records.some((r) => r.record.dueAt === 'DUE_IN_PAST')) await rules.checkOverdue();
    await server.settled();
    const byKey = new Map<string, IncidentSummary>();
    for (const channel of new Set(story.records.map((r) => r.channel))) {
      const list = await request<IncidentSummary[]>(server, 'GET', `/api/incidents?channel=${channel}&limit=500`, { token });
      for (const [key, externalId] of ids) {
        const found = list.body.find((i) => i.externalId === externalId);
        if (found) byKey.set(key, found);
      }
    }
    const events = new Map<string, EventDetail>();
    for (const i of byKey.values()) {
      if (i.eventId && !events.has(i.eventId))
        events.set(i.eventId, (await request<EventDetail>(server, 'GET', `/api/events/${i.eventId}`, { token })).body);
    }
    const all = await request<Alert[]>(server, 'GET', '/api/alerts?limit=500', { token });
    const alerts = all.body.filter((a) => events.has(a.eventId) && !seen.has(a.id));
    alerts.forEach((a) => seen.add(a.id));
    results.set(story.name, { byKey, events, alerts });
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe.each(STORIES.map((s) => [s.name, s] as const))('story: %s', (_name, story) => {
  const r = () => results.get(story.name)!;
  const eventOf = (key: string) => {
    const i = r().byKey.get(key);
    if (!i) throw new Error(`record ${key} was not stored`);
    if (!i.eventId) throw new Error(`record ${key} has no event`);
    return i.eventId;
  };

  it('stores every record with an event', () => {
    expect([...r().byKey.keys()].sort()).toEqual(story.records.map((x) => x.key).sort());
    for (const key of r().byKey.keys()) expect(eventOf(key)).toBeTruthy();
  });

  for (const group of story.expect.together ?? []) {
    it(`joins ${group.join(' + ')} into one event`, () => {
      expect(new Set(group.map(eventOf)).size).toBe(1);
    });
  }
  for (const [a, b] of story.expect.apart ?? []) {
    it(`keeps ${a} and ${b} apart`, () => {
      expect(eventOf(a)).not.toBe(eventOf(b));
    });
  }
  for (const [key, reason] of Object.entries(story.expect.reasons ?? {})) {
    it(`says why ${key} joined: "${reason}"`, () => {
      const ev = r().events.get(eventOf(key))!;
      const inc = ev.incidents.find((i) => i.id === r().byKey.get(key)!.id)!;
      expect(inc.joinReason).toContain(reason);
      expect(ev.reasons).toContain(inc.joinReason);
    });
  }
  for (const a of story.expect.alerts ?? []) {
    it(`raises ${a.severity} ${a.rule} on the event of ${a.on}`, () => {
      const found = r().alerts.filter((x) => x.rule === a.rule && x.eventId === eventOf(a.on));
      expect(found).toHaveLength(1);
      expect(found[0]!.severity).toBe(a.severity);
      if (a.incidentCount !== undefined) expect(found[0]!.incidentCount).toBe(a.incidentCount);
    });
  }
  for (const rule of story.expect.noAlerts ?? []) {
    it(`raises no ${rule}`, () => {
      expect(r().alerts.filter((x) => x.rule === rule)).toEqual([]);
    });
  }
  for (const [key, flags] of Object.entries(story.expect.flags ?? {})) {
    it(`flags ${key} ${flags.join(', ')}`, () => {
      expect(r().byKey.get(key)!.flags).toEqual(expect.arrayContaining(flags));
    });
  }
  for (const [key, flags] of Object.entries(story.expect.noFlags ?? {})) {
    it(`does not flag ${key} ${flags.join(', ')}`, () => {
      for (const f of flags) expect(r().byKey.get(key)!.flags).not.toContain(f);
    });
  }
});

it('tells at least twelve stories, including ones that must not be joined or alerted', () => {
  expect(STORIES.length).toBeGreaterThanOrEqual(12);
  expect(STORIES.filter((s) => (s.expect.apart?.length ?? 0) > 0 || (s.expect.noAlerts?.length ?? 0) > 0).length).toBeGreaterThanOrEqual(5);
});
