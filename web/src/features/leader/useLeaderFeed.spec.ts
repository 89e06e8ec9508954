import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import { FakeSocket } from '../../test/fakeSocket';
import type { LiveSocket } from '../../realtime/socket';
import { useConnection } from '../../realtime/useConnection';
import { SESSION_KEY } from '../session/store';
import { useLeaderFeed } from './useLeaderFeed';
import { minuteAt, note, watchedAlert, watchedEvent } from './testing';

describe('useLeaderFeed', () => {
  beforeEach(() => {
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'leader', role: 'leader' } }));
    setActivePinia(createPinia());
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('follows alert, escalation and note pushes, reloads after a reconnect, and lets go on dispose', async () => {
    let loads = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (!url.startsWith('/api/events?')) return jsonResponse(404, { error: 'no' });
        loads++;
        return jsonResponse(200, [
          watchedEvent({ id: 'e1', alerts: [watchedAlert({ id: 'a1', seq: 1 })], activityAt: minuteAt(1) }),
          watchedEvent({ id: 'e2', activityAt: minuteAt(2) }),
        ]);
      }),
    );
    const socket = new FakeSocket();
    const scope = effectScope();
    const feed = scope.run(() => {
      const live = useConnection({
        token: () => 't',
        onUnauthorized: () => undefined,
        socketFactory: () => socket as unknown as LiveSocket,
      });
      return useLeaderFeed(live);
    })!;
    socket.fire('connect');
    await flushPromises();
    const { store } = feed;
    expect(store.events.map((e) => e.id)).toEqual(['e2', 'e1']);

    socket.fire('alert:escalated', alertFixture({ id: 'a1', eventId: 'e1', seq: 1, severity: 'major' }));
    expect([...store.escalatedEventIds]).toEqual(['e1']);
    socket.fire('event:note', { note: note({ eventId: 'e1', text: '马上处置', createdAt: minuteAt(9) }), eventTitle: '事件' });
    expect(store.events[0]).toMatchObject({ id: 'e1', latestInstruction: { text: '马上处置' } });
    socket.fire('alert:update', alertFixture({ id: 'a1', eventId: 'e1', seq: 2, severity: 'major', status: 'acknowledged' }));
    expect(store.escalatedEventIds.size).toBe(0);

    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await flushPromises();
    expect(loads).toBe(2);

    scope.stop();
    expect(socket.listenerCount('alert:update')).toBe(0);
    expect(socket.listenerCount('event:note')).toBe(0);
    expect(store.events).toEqual([]);
  });
});
