import { describe, expect, it } from 'vitest';
import { effectScope } from 'vue';
import { flushPromises } from '@vue/test-utils';
import type { Alert } from '@jointduty/shared';
import { alertFixture } from '../test/fixtures';
import { FakeSocket } from '../test/fakeSocket';
import type { LiveSocket } from './socket';
import { useConnection } from './useConnection';
import { useSnapshotFeed, type SnapshotFeedOptions } from './useSnapshotFeed';

// A snapshot answered when the test says so.
function snapshots() {
  const waiting: Array<{ resolve: (seq: number | void) => void; reject: (err: Error) => void }> = [];
  let taken = 0;
  return {
    take: () => {
      taken++;
      return new Promise<number | void>((resolve, reject) => waiting.push({ resolve, reject }));
    },
    answer: (seq?: number) => waiting.shift()!.resolve(seq),
    fail: (message: string) => waiting.shift()!.reject(new Error(message)),
    get taken() {
      return taken;
    },
  };
}

function setup(options: Partial<SnapshotFeedOptions> = {}) {
  const socket = new FakeSocket();
  const snap = snapshots();
  const seen: string[] = [];
  const scope = effectScope();
  const { live, feed } = scope.run(() => {
    const live = useConnection({ token: () => 't', onUnauthorized: () => undefined, socketFactory: () => socket as unknown as LiveSocket });
    const feed = useSnapshotFeed(live, {
      snapshot: async () => {
        const seq = await snap.take();
        seen.push(`snapshot ${seq ?? '-'}`);
        return seq;
      },
      frames: {
        'alert:new': (a: Alert) => seen.push(`new ${a.seq}`),
        'alert:update': (a: Alert) => seen.push(`update ${a.seq}`),
      },
      refreshOnReconnect: 'after-error',
      ...options,
    });
    return { live, feed };
  })!;
  return { socket, snap, seen, scope, live, feed };
}

const resumes = (s: FakeSocket) => s.emitted.filter(([e]) => e === 'resume').map(([, p]) => p);

describe('useSnapshotFeed', () => {
  it('takes a snapshot at once, holds frames pushed meanwhile and applies them on top of it, then resumes from its seq', async () => {
    const { socket, snap, seen, feed } = setup();
    expect(snap.taken).toBe(1);
    expect(feed.loading.value).toBe(true);
    socket.fire('connect');
    socket.fire('alert:new', alertFixture({ seq: 4 }));
    socket.fire('alert:update', alertFixture({ seq: 6 }));
    expect(seen).toEqual([]);

    snap.answer(5);
    await flushPromises();
    expect(seen).toEqual(['snapshot 5', 'new 4', 'update 6']);
    expect(feed.loading.value).toBe(false);
    expect(feed.error.value).toBeNull();
    expect(resumes(socket)).toEqual([{ afterSeq: 5 }]);

    // live again: frames apply as they come
    socket.fire('alert:update', alertFixture({ seq: 7 }));
    expect(seen.at(-1)).toBe('update 7');
  });

  it('resumes from the snapshot’s seq when the socket connects after the snapshot', async () => {
    const { socket, snap, live } = setup();
    snap.answer(30);
    await flushPromises();
    expect(live.lastSeq.value).toBe(30);
    expect(resumes(socket)).toEqual([]);
    socket.fire('connect');
    expect(resumes(socket)).toEqual([{ afterSeq: 30 }]);
  });

  it('says why a snapshot failed, still applies what it held, and tries again after a reconnect only then (after-error)', async () => {
    const { socket, snap, seen, feed } = setup();
    socket.fire('connect');
    socket.fire('alert:new', alertFixture({ seq: 2 }));
    snap.fail('服务暂不可用');
    await flushPromises();
    // the words are errorMessage's; that there are some is this feed's
    expect(feed.error.value).toEqual(expect.any(String));
    expect(seen).toEqual(['new 2']);
    expect(resumes(socket)).toEqual([]);

    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(snap.taken).toBe(2);
    // a new attempt clears the old reason
    expect(feed.error.value).toBeNull();
    snap.answer(9);
    await flushPromises();
    expect(feed.error.value).toBeNull();

    // the last snapshot was fine: `resume` is enough
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(snap.taken).toBe(2);
  });

  it('takes a fresh snapshot after every reconnect when asked to (always), and runs onReconnect', async () => {
    let reconnects = 0;
    const { socket, snap } = setup({ refreshOnReconnect: 'always', onReconnect: () => reconnects++ });
    socket.fire('connect');
    snap.answer();
    await flushPromises();
    expect([snap.taken, reconnects]).toEqual([1, 0]);
    for (const n of [2, 3]) {
      socket.fire('disconnect', 'transport close');
      socket.fire('connect');
      expect([snap.taken, reconnects]).toEqual([n, n - 1]);
      snap.answer();
      await flushPromises();
    }
  });

  it('keeps loading until every snapshot asked for has answered, and reports the latest one’s failure only', async () => {
    const { snap, seen, feed, socket } = setup();
    const again = feed.reload();
    socket.fire('alert:new', alertFixture({ seq: 3 }));
    snap.fail('stale');
    await flushPromises();
    expect(feed.loading.value).toBe(true);
    expect(feed.error.value).toBeNull();
    expect(seen).toEqual([]);
    snap.answer(3);
    await again;
    expect(feed.loading.value).toBe(false);
    expect(feed.error.value).toBeNull();
    expect(seen).toEqual(['snapshot 3', 'new 3']);
  });

  it('holds a bounded number of frames: past maxHeld they apply at once', () => {
    const { socket, seen } = setup({ maxHeld: 3 });
    for (const seq of [1, 2, 3, 4]) socket.fire('alert:new', alertFixture({ seq }));
    expect(seen).toEqual(['new 1', 'new 2', 'new 3']);
  });

  it('lets go on scope dispose: no listeners, and a late snapshot applies nothing held', async () => {
    const { socket, snap, seen, scope, feed } = setup();
    socket.fire('connect');
    socket.fire('alert:new', alertFixture({ seq: 1 }));
    scope.stop();
    expect(socket.listenerCount('alert:new')).toBe(0);
    expect(socket.listenerCount('alert:update')).toBe(0);
    snap.fail('late');
    await flushPromises();
    expect(seen).toEqual([]);
    expect(feed.error.value).toBeNull();
  });
});
