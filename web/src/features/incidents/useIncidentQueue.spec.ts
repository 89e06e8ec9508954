import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import { createPinia, setActivePinia } from 'pinia';
import { incidentFixture, jsonResponse } from '../../test/fixtures';
import { FakeSocket } from '../../test/fakeSocket';
import type { LiveSocket } from '../../realtime/socket';
import { useConnection } from '../../realtime/useConnection';
import { useIncidentQueue } from './useIncidentQueue';

function setup() {
  const socket = new FakeSocket();
  const scope = effectScope();
  const queue = scope.run(() => {
    const live = useConnection({ token: () => 't', onUnauthorized: () => undefined, socketFactory: () => socket as unknown as LiveSocket });
    return useIncidentQueue(live);
  })!;
  return { socket, scope, ...queue };
}

describe('useIncidentQueue', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reloads on a filter change at once, on typing once it pauses, and merges pushes and updates', async () => {
    const shown = incidentFixture({ channel: '110' });
    const fetchMock = vi.fn().mockImplementation(async () => jsonResponse(200, [shown]));
    vi.stubGlobal('fetch', fetchMock);
    const { socket, scope, store, pendingCount } = setup();
    await vi.runAllTimersAsync();
    expect(fetchMock).toHaveBeenCalledTimes(1);

    store.setFilters({ channel: '110' });
    await nextTick();
    await vi.runAllTimersAsync();
    expect(fetchMock).toHaveBeenCalledTimes(2);

    store.setFilters({ q: '码' });
    store.setFilters({ q: '码头' });
    await nextTick();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(400);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(new URL(String(fetchMock.mock.calls[2]![0]), 'http://x').searchParams.get('q')).toBe('码头');

    store.setFilters({ q: '' });
    await vi.advanceTimersByTimeAsync(400);
    await vi.runAllTimersAsync();
    socket.fire('incidents', [incidentFixture({ channel: '12345' }), incidentFixture({ channel: '110' })]);
    expect(pendingCount.value).toBe(1);
    socket.fire('incident:update', { ...shown, eventId: 'moved-here' });
    expect(store.items[0]!.eventId).toBe('moved-here');
    scope.stop();
  });
});
