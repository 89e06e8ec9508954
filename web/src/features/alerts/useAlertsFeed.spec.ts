import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import { FakeSocket } from '../../test/fakeSocket';
import type { LiveSocket } from '../../realtime/socket';
import { useConnection } from '../../realtime/useConnection';
import { useAlertsFeed, type AlertsFeedOptions } from './useAlertsFeed';

function setup(options: AlertsFeedOptions = {}) {
  const socket = new FakeSocket();
  const scope = effectScope();
  const feed = scope.run(() => {
    const live = useConnection({ token: () => 't', onUnauthorized: () => undefined, socketFactory: () => socket as unknown as LiveSocket });
    return useAlertsFeed(live, options);
  })!;
  return { socket, scope, feed };
}

const resumes = (s: FakeSocket) => s.emitted.filter(([e]) => e === 'resume').map(([, p]) => p);

describe('useAlertsFeed', () => {
  let answer: () => Response;
  const asked: string[] = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    asked.length = 0;
    answer = () => jsonResponse(200, [alertFixture({ id: 'a1', seq: 4 }), alertFixture({ id: 'a2', seq: 2 })]);
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        return answer();
      }),
    );
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads the snapshot asked for, resumes after its highest seq, then upserts pushes', async () => {
    const { socket, feed } = setup({ query: { limit: 100 } });
    socket.fire('connect');
    await flushPromises();
    expect(asked).toEqual(['/api/alerts?limit=100']);
    expect(resumes(socket)).toEqual([{ afterSeq: 4 }]);
    socket.fire('alert:update', alertFixture({ id: 'a2', seq: 5, status: 'acknowledged' }));
    expect(feed.store.items.map((a) => [a.id, a.seq])).toContainEqual(['a2', 5]);
    // escalations are the leaders' only
    socket.fire('alert:escalated', alertFixture({ id: 'a1', seq: 6 }));
    expect(feed.store.escalatedIds.size).toBe(0);
  });

  it('marks escalations when asked to', async () => {
    const { socket, feed } = setup({ escalations: true });
    socket.fire('connect');
    await flushPromises();
    socket.fire('alert:escalated', alertFixture({ id: 'a1', seq: 6, severity: 'major' }));
    expect([...feed.store.escalatedIds]).toEqual(['a1']);
  });

  it('after a reconnect takes a new snapshot only if the last one failed', async () => {
    answer = () => jsonResponse(503, { error: 'busy' });
    const { socket, feed } = setup();
    socket.fire('connect');
    await flushPromises();
    expect(feed.error.value).not.toBeNull();
    answer = () => jsonResponse(200, [alertFixture({ id: 'a1', seq: 4 })]);
    const failed = asked.length;
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await flushPromises();
    expect(asked.length).toBeGreaterThan(failed);
    expect(feed.error.value).toBeNull();
    expect(feed.store.items.map((a) => a.id)).toEqual(['a1']);
    const loaded = asked.length;
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await flushPromises();
    expect(asked).toHaveLength(loaded);
  });
});
