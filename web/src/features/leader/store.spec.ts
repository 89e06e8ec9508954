import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { INSTRUCTION_MAX_CHARS } from '@jointduty/shared';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import { SESSION_KEY } from '../session/store';
import { DETAIL_REFRESH_MS, REFETCH_DELAY_MS, useLeaderStore } from './store';
import { historyEntry, minuteAt, note, timelineIncident, watchedAlert, watchedEvent } from './testing';

type Route = (url: string, init?: RequestInit) => Response | Promise<Response> | undefined;

function serve(...routes: Route[]) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    for (const r of routes) {
      const res = await r(url, init);
      if (res) return res;
    }
    return jsonResponse(404, { error: 'not found' });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('leader store', () => {
  beforeEach(() => {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'leader', role: 'leader' } }));
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
    localStorage.clear();
  });

  it('loads the watched events newest activity first, dropping what is not an event', async () => {
    const old = watchedEvent({ activityAt: minuteAt(1) });
    const fresh = watchedEvent({ activityAt: minuteAt(9) });
    const mid = watchedEvent({ activityAt: minuteAt(5) });
    const fetchMock = serve((url) => (url.startsWith('/api/events?') ? jsonResponse(200, [old, fresh, { nope: 1 }, mid]) : undefined));
    const store = useLeaderStore();
    await store.load();
    expect(store.events.map((e) => e.id)).toEqual([fresh.id, mid.id, old.id]);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/events?scope=leader&limit=100');
  });

  it('merges alert pushes into their event: status, highest severity, newest activity first; an older change is ignored', async () => {
    const a = watchedAlert({ id: 'a1', seq: 10, severity: 'urgent', rule: 'sensitive-topic' });
    const e1 = watchedEvent({ id: 'e1', severity: 'urgent', alerts: [a], activityAt: minuteAt(1), sensitive: true });
    const e2 = watchedEvent({ id: 'e2', activityAt: minuteAt(5) });
    serve((url) => (url.startsWith('/api/events?') ? jsonResponse(200, [e1, e2]) : undefined));
    const store = useLeaderStore();
    await store.load();
    expect(store.events.map((e) => e.id)).toEqual(['e2', 'e1']);

    const update = alertFixture({
      id: 'a1',
      eventId: 'e1',
      seq: 12,
      rule: 'sensitive-topic',
      severity: 'urgent',
      status: 'acknowledged',
      channels: ['12345', '110'],
      incidentCount: 4,
      updatedAt: minuteAt(8),
    });
    store.applyAlert(update);
    expect(store.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(store.events[0]).toMatchObject({ incidentCount: 4, channels: ['12345', '110'], activityAt: minuteAt(8) });
    expect(store.events[0]!.alerts[0]).toMatchObject({ status: 'acknowledged', seq: 12 });

    // a second alert, major, on the same event: the event is major now
    store.applyAlert(alertFixture({ id: 'a2', eventId: 'e1', seq: 13, severity: 'major', rule: 'mass-casualty', updatedAt: minuteAt(9) }));
    expect(store.events[0]!.severity).toBe('major');
    expect(store.events[0]!.alerts.map((x) => x.id)).toEqual(['a1', 'a2']);

    // late and older: changes nothing
    store.applyAlert({ ...update, seq: 11, status: 'open', updatedAt: minuteAt(20) });
    expect(store.events[0]!.alerts[0]!.status).toBe('acknowledged');
    expect(store.events[0]!.activityAt).toBe(minuteAt(9));
  });

  it('reloads once for a burst of pushes about a new major or sensitive event, not for others', async () => {
    vi.useFakeTimers();
    const newcomer = watchedEvent({ id: 'new', activityAt: minuteAt(30) });
    let calls = 0;
    serve((url) => {
      if (!url.startsWith('/api/events?')) return undefined;
      calls++;
      return jsonResponse(200, calls === 1 ? [] : [newcomer]);
    });
    const store = useLeaderStore();
    await store.load();
    store.applyAlert(alertFixture({ eventId: 'other', severity: 'urgent', rule: 'viral-post' }));
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS * 2);
    expect(calls).toBe(1);
    store.applyAlert(alertFixture({ eventId: 'new', severity: 'major', seq: 50 }));
    store.applyAlert(alertFixture({ eventId: 'new', severity: 'major', seq: 51 }));
    store.applyAlert(alertFixture({ eventId: 'new2', severity: 'urgent', rule: 'sensitive-topic', seq: 52 }));
    await vi.advanceTimersByTimeAsync(REFETCH_DELAY_MS + 10);
    expect(calls).toBe(2);
    expect(store.events.map((e) => e.id)).toEqual(['new']);
  });

  it('applies pushes that arrive while the list loads on top of the snapshot', async () => {
    const a = watchedAlert({ id: 'a1', seq: 5, status: 'open' });
    const e1 = watchedEvent({ id: 'e1', alerts: [a] });
    let answer: (r: Response) => void = () => undefined;
    serve((url) => (url.startsWith('/api/events?') ? new Promise<Response>((r) => (answer = r)) : undefined));
    const store = useLeaderStore();
    const loading = store.load();
    store.applyAlert(alertFixture({ id: 'a1', eventId: 'e1', seq: 6, severity: 'major', status: 'dispatched' }));
    store.applyNote(note({ eventId: 'e1', kind: 'read', actor: 'leader' }));
    await Promise.resolve();
    answer(jsonResponse(200, [e1]));
    await loading;
    expect(store.events[0]!.alerts[0]!.status).toBe('dispatched');
    expect(store.events[0]!.read).toBe(true);
  });

  it('marks escalated events until their alert is acknowledged', async () => {
    const a = watchedAlert({ id: 'a1', seq: 5 });
    serve((url) =>
      url.startsWith('/api/events?') ? jsonResponse(200, [watchedEvent({ id: 'e1', alerts: [a] }), watchedEvent({ id: 'e2' })]) : undefined,
    );
    const store = useLeaderStore();
    await store.load();
    expect(store.escalatedEventIds.size).toBe(0);
    const alert = alertFixture({ id: 'a1', eventId: 'e1', seq: 5, severity: 'major', status: 'open' });
    store.markEscalated(alert, minuteAt(6));
    expect([...store.escalatedEventIds]).toEqual(['e1']);
    expect(store.events.find((e) => e.id === 'e1')!.alerts[0]!.escalatedAt).toBe(minuteAt(6));
    store.applyAlert({ ...alert, seq: 7, status: 'acknowledged' });
    expect(store.escalatedEventIds.size).toBe(0);
    // the fact stays on the alert
    expect(store.events.find((e) => e.id === 'e1')!.alerts[0]!.escalatedAt).toBe(minuteAt(6));
  });

  it('keeps read flags per user and the newest instruction', async () => {
    const first = note({ eventId: 'e1', text: '第一条', createdAt: minuteAt(10) });
    serve((url) =>
      url.startsWith('/api/events?')
        ? jsonResponse(200, [watchedEvent({ id: 'e1', latestInstruction: first }), watchedEvent({ id: 'e2', activityAt: minuteAt(5) })])
        : undefined,
    );
    const store = useLeaderStore();
    await store.load();
    // another leader's read mark is not mine
    store.applyNote(note({ eventId: 'e1', kind: 'read', actor: 'leader2', text: null, createdAt: minuteAt(11) }));
    expect(store.events.find((e) => e.id === 'e1')!.read).toBe(false);
    store.applyNote(note({ eventId: 'e1', text: '更早的', createdAt: minuteAt(9) }));
    expect(store.events.find((e) => e.id === 'e1')!.latestInstruction!.text).toBe('第一条');
    store.applyNote(note({ eventId: 'e2', text: '新批示', createdAt: minuteAt(12) }));
    expect(store.events[0]!.id).toBe('e2');
    expect(store.events[0]!.latestInstruction!.text).toBe('新批示');
    store.applyNote(note({ eventId: 'e1', kind: 'read', actor: 'leader', text: null, createdAt: minuteAt(13) }));
    expect(store.events[0]).toMatchObject({ id: 'e1', read: true });
  });

  it('sends 已阅 and 批示 and shows the answer at once; refuses an empty or too long instruction', async () => {
    const posted: Array<[string, unknown]> = [];
    const fetchMock = serve(
      (url) => (url.startsWith('/api/events?') ? jsonResponse(200, [watchedEvent({ id: 'e1' })]) : undefined),
      (url, init) => {
        if (init?.method !== 'POST') return undefined;
        const body = JSON.parse(String(init.body)) as { text?: string };
        posted.push([url, body]);
        if (url.endsWith('/read')) return jsonResponse(200, note({ eventId: 'e1', kind: 'read', actor: 'leader', text: null }));
        return jsonResponse(201, note({ eventId: 'e1', text: body.text }));
      },
    );
    const store = useLeaderStore();
    await store.load();
    await store.markRead('e1');
    await store.instruct('e1', '  请市场监管局牵头核查  ');
    expect(posted).toEqual([
      ['/api/events/e1/read', {}],
      ['/api/events/e1/instructions', { text: '请市场监管局牵头核查' }],
    ]);
    expect(store.events[0]).toMatchObject({ read: true, latestInstruction: { text: '请市场监管局牵头核查' } });
    const before = fetchMock.mock.calls.length;
    await expect(store.instruct('e1', '   ')).rejects.toThrow();
    await expect(store.instruct('e1', '批'.repeat(INSTRUCTION_MAX_CHARS + 1))).rejects.toThrow();
    expect(fetchMock.mock.calls.length).toBe(before);
  });

  it('loads the chosen event with its alerts and their history, and follows pushes about it', async () => {
    vi.useFakeTimers();
    const alert = alertFixture({ id: 'a1', eventId: 'e1', seq: 3, severity: 'major', incidentCount: 1 });
    let historyCalls = 0;
    let eventCalls = 0;
    serve((url) => {
      if (url.startsWith('/api/events?')) return jsonResponse(200, [watchedEvent({ id: 'e1' })]);
      if (url === '/api/events/e1') {
        eventCalls++;
        return jsonResponse(200, {
          id: 'e1',
          title: '码头滞留',
          incidents:
            eventCalls === 1
              ? [timelineIncident()]
              : [timelineIncident(), timelineIncident({ joinReason: 'same place 码头 + text similarity 0.80' })],
          notes: [note({ eventId: 'e1' })],
        });
      }
      if (url === '/api/alerts?eventId=e1&limit=50') return jsonResponse(200, [alert]);
      if (url === '/api/alerts/a1/history') {
        historyCalls++;
        return jsonResponse(
          200,
          historyCalls === 1
            ? [historyEntry({ alertId: 'a1' })]
            : [historyEntry({ alertId: 'a1' }), historyEntry({ alertId: 'a1', kind: 'acknowledged', actor: 'duty' })],
        );
      }
      return undefined;
    });
    const store = useLeaderStore();
    await store.load();
    await store.select('e1');
    expect(store.detail!.incidents).toHaveLength(1);
    expect(store.detailAlerts.map((a) => a.id)).toEqual(['a1']);
    expect(store.histories.a1).toHaveLength(1);

    store.applyAlert({ ...alert, seq: 4, status: 'acknowledged', incidentCount: 2 });
    expect(store.detailAlerts[0]!.status).toBe('acknowledged');
    await vi.advanceTimersByTimeAsync(DETAIL_REFRESH_MS + 10);
    expect(store.histories.a1!.map((h) => h.kind)).toEqual(['raised', 'acknowledged']);
    expect(store.detail!.incidents).toHaveLength(2);

    // a note pushed about the chosen event shows in its notes, once
    const pushed = note({ eventId: 'e1', kind: 'read', actor: 'leader2', text: null, createdAt: minuteAt(50) });
    store.applyNote(pushed);
    store.applyNote(pushed);
    expect(store.detail!.notes.filter((n) => n.id === pushed.id)).toHaveLength(1);
  });
});
