import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, type EffectScope } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import type { DispatchNotice, EventNoteNotice } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { alertFixture, dispatchFixture, jsonResponse } from '../../test/fixtures';
import { useSessionStore } from '../session/store';
import type { ArrivalSignal } from './arrivalSignal';
import type { ServerClock } from './serverClock';
import { queueKey } from './stepQueue';
import { useDispatchesFeed } from './useDispatchesFeed';

type Handler = (payload: unknown) => void;

function fakeLive() {
  const handlers = new Map<string, Handler>();
  const connects: Array<(info: { first: boolean }) => void> = [];
  const live = {
    on: (event: string, h: Handler) => {
      handlers.set(event, h);
      return () => handlers.delete(event);
    },
    onConnect: (h: (info: { first: boolean }) => void) => {
      connects.push(h);
      return () => undefined;
    },
  } as unknown as LiveConnection;
  return {
    live,
    push: (event: string, payload: unknown) => handlers.get(event)?.(payload),
    reconnect: () => connects.forEach((h) => h({ first: false })),
  };
}

function fakeSignal() {
  return {
    ready: { value: true },
    signal: vi.fn(() => ({ vibrated: true, sounded: true })),
    unlock: vi.fn(),
    dispose: vi.fn(),
  } as unknown as ArrivalSignal & {
    signal: ReturnType<typeof vi.fn>;
  };
}

const PRESSED = Date.parse('2026-07-20T12:34:56.000Z');
const clock: ServerClock = { offset: () => 0, now: () => PRESSED, measure: async () => undefined };

describe('useDispatchesFeed', () => {
  let scope: EffectScope;
  let fetchMock: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    const session = useSessionStore();
    session.token = 'tok';
    session.user = { username: 'field-shinan', role: 'field', teamId: 'shinan-1' };
    fetchMock = vi.fn().mockImplementation(async () => jsonResponse(200, []));
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers();
    scope = effectScope();
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function start() {
    const f = fakeLive();
    const signal = fakeSignal();
    const feed = scope.run(() => useDispatchesFeed(f.live, { signal, clock }))!;
    return { ...f, signal, feed };
  }

  it('a dispatch:new shows the card highlighted, vibrates and beeps, and fetches the list for the rest', async () => {
    const { push, signal, feed } = start();
    await vi.advanceTimersByTimeAsync(0);
    const before = fetchMock.mock.calls.length;
    const notice: DispatchNotice = { dispatchId: 'd-new', alert: alertFixture({ title: '码头滞留' }), note: '速去' };
    push('dispatch:new', notice);
    expect(feed.store.items.map((d) => d.id)).toEqual(['d-new']);
    expect(feed.store.fresh.has('d-new')).toBe(true);
    expect(signal.signal).toHaveBeenCalledWith('dispatch');
    await vi.advanceTimersByTimeAsync(500);
    expect(fetchMock.mock.calls.length).toBe(before + 1);
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/dispatches');
  });

  it('a leader’s 批示 on one of our events is added to its card with a shorter signal; others are ignored', async () => {
    const d = dispatchFixture();
    fetchMock.mockImplementation(async () => jsonResponse(200, [d]));
    const { push, signal, feed } = start();
    await vi.advanceTimersByTimeAsync(0);
    const note = (eventId: string, kind: 'instruction' | 'read' = 'instruction'): EventNoteNotice => ({
      note: {
        id: `n-${eventId}-${kind}`,
        eventId,
        kind,
        actor: 'leader',
        actorName: '王局长',
        text: kind === 'read' ? null : '立即核实',
        createdAt: d.createdAt,
      },
      eventTitle: 't',
    });
    push('event:note', note('somebody-else'));
    push('event:note', note(d.alert.eventId, 'read'));
    expect(signal.signal).not.toHaveBeenCalled();
    push('event:note', note(d.alert.eventId));
    expect(signal.signal).toHaveBeenCalledWith('instruction');
    expect(feed.store.items[0]!.instructions!.map((n) => n.text)).toEqual(['立即核实']);
    expect(feed.store.freshInstructions.has(d.id)).toBe(true);
  });

  it('a step goes to the user’s outbox with the time it was pressed and is posted with `at`', async () => {
    const d = dispatchFixture();
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, [d]))
      .mockResolvedValueOnce(jsonResponse(200, { ...d, status: 'acknowledged', alert: undefined }));
    const { feed } = start();
    await vi.advanceTimersByTimeAsync(0);
    feed.store.markFresh([d.id]);
    feed.takeStep(d.id, 'ack');
    expect(feed.store.fresh.has(d.id)).toBe(false);
    expect(JSON.parse(localStorage.getItem(queueKey('field-shinan'))!)).toEqual([
      expect.objectContaining({ dispatchId: d.id, step: 'ack', at: new Date(PRESSED).toISOString() }),
    ]);
    await vi.advanceTimersByTimeAsync(0);
    const [url, init] = fetchMock.mock.calls.at(-1) as [string, RequestInit];
    expect(url).toBe(`/api/dispatches/${d.id}/ack`);
    expect(JSON.parse(init.body as string)).toEqual({ at: new Date(PRESSED).toISOString() });
    expect(feed.store.items[0]!.status).toBe('acknowledged');
    expect(feed.queue.entries.value).toEqual([]);
  });

  it('a step the server refuses is dropped with a visible message naming the alert, and the list is fetched again', async () => {
    const d = dispatchFixture({ status: 'acknowledged', alert: alertFixture({ title: '码头滞留' }) });
    fetchMock
      .mockResolvedValueOnce(jsonResponse(200, [d]))
      .mockResolvedValueOnce(
        jsonResponse(409, {
          error: 'step: the duty room has resolved the alert; contacted is no longer taken',
          code: 'dispatch.alert_resolved',
        }),
      )
      .mockImplementation(async () => jsonResponse(200, [{ ...d, alert: { ...d.alert, status: 'resolved' } }]));
    const { feed } = start();
    await vi.advanceTimersByTimeAsync(0);
    feed.takeStep(d.id, 'contacted');
    await vi.advanceTimersByTimeAsync(10);
    expect(feed.queue.entries.value).toEqual([]);
    expect(feed.dropped.value).toEqual([
      expect.objectContaining({
        dispatchId: d.id,
        step: 'contacted',
        title: '码头滞留',
        message: '值班室已办结此预警，无需继续处置',
      }),
    ]);
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/dispatches');
    expect(feed.store.items[0]!.alert.status).toBe('resolved');
    feed.dismiss(feed.dropped.value[0]!.id);
    expect(feed.dropped.value).toEqual([]);
  });

  it('keeps steps through a network failure and sends them on reconnect', async () => {
    const d = dispatchFixture();
    fetchMock.mockResolvedValueOnce(jsonResponse(200, [d])).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { feed, reconnect } = start();
    await vi.advanceTimersByTimeAsync(0);
    feed.takeStep(d.id, 'ack');
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.queue.entries.value).toHaveLength(1);
    fetchMock.mockImplementation(async (url: string) =>
      url === '/api/dispatches' ? jsonResponse(200, [d]) : jsonResponse(200, { ...d, status: 'acknowledged', alert: undefined }),
    );
    reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(feed.queue.entries.value).toEqual([]);
    expect(fetchMock.mock.calls.some(([u]) => u === `/api/dispatches/${d.id}/ack`)).toBe(true);
  });

  it('a reload that finds dispatches sent while the phone was away announces them', async () => {
    const known = dispatchFixture();
    const missed = dispatchFixture();
    fetchMock.mockResolvedValueOnce(jsonResponse(200, [known])).mockImplementation(async () => jsonResponse(200, [known, missed]));
    const { feed, signal, reconnect } = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(signal.signal).not.toHaveBeenCalled();
    reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(signal.signal).toHaveBeenCalledWith('dispatch');
    expect([...feed.store.fresh]).toEqual([missed.id]);
  });

  it('signing out on purpose drops the queue; an expired session keeps it for the next sign-in', async () => {
    const { feed } = start();
    await vi.advanceTimersByTimeAsync(0);
    fetchMock.mockRejectedValue(new TypeError('offline'));
    feed.takeStep('d1', 'ack');
    await vi.advanceTimersByTimeAsync(0);
    const session = useSessionStore();
    session.signOut('expired');
    expect(JSON.parse(localStorage.getItem(queueKey('field-shinan'))!)).toHaveLength(1);

    session.token = 'tok2';
    session.user = { username: 'field-shinan', role: 'field', teamId: 'shinan-1' };
    session.signOut('user');
    expect(localStorage.getItem(queueKey('field-shinan'))).toBeNull();
    expect(feed.queue.entries.value).toEqual([]);
  });
});
