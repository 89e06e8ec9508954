import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { alertFixture } from '../test/fixtures';
import type { LiveSocket } from './socket';
import { FakeSocket } from '../test/fakeSocket';
import { useConnection, type ConnectionOptions } from './useConnection';

function setup(options: Partial<ConnectionOptions> = {}) {
  const socket = new FakeSocket();
  const onUnauthorized = vi.fn();
  const scope = effectScope();
  const live = scope.run(() =>
    useConnection({
      token: () => 'tok',
      onUnauthorized,
      socketFactory: () => socket as unknown as LiveSocket,
      ...options,
    }),
  )!;
  return { socket, live, scope, onUnauthorized };
}

const resumes = (s: FakeSocket) => s.emitted.filter(([e]) => e === 'resume').map(([, p]) => p);

describe('useConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects at once and reports connected', () => {
    const { socket, live } = setup();
    expect(socket.connectCalls).toBe(1);
    expect(live.state.value).toBe('connecting');
    socket.fire('connect');
    expect(live.state.value).toBe('connected');
    expect(live.connectedSince.value).not.toBeNull();
  });

  it('does not resume on a first connect without a known seq', () => {
    const { socket } = setup();
    socket.fire('connect');
    expect(resumes(socket)).toEqual([]);
  });

  it('after a reconnect, resumes from the highest alert seq seen', () => {
    const { socket, live } = setup();
    socket.fire('connect');
    socket.fire('alert:new', alertFixture({ seq: 7 }));
    socket.fire('alert:update', alertFixture({ seq: 12 }));
    socket.fire('alert:update', alertFixture({ seq: 9 }));
    expect(live.lastSeq.value).toBe(12);

    socket.fire('disconnect', 'transport close');
    expect(live.state.value).toBe('reconnecting');
    socket.fireManager('reconnect_attempt', 1);
    socket.fire('connect');
    expect(live.state.value).toBe('connected');
    expect(resumes(socket)).toEqual([{ afterSeq: 12 }]);

    socket.fire('resumed', { lastSeq: 15, replayed: 2 });
    expect(live.lastSeq.value).toBe(15);
  });

  it('resumes from a snapshot seq when the socket connects later than the snapshot', () => {
    const { socket, live } = setup();
    live.noteSeq(30);
    socket.fire('connect');
    expect(resumes(socket)).toEqual([{ afterSeq: 30 }]);
  });

  it('resync asks from a given seq only while connected', () => {
    const { socket, live } = setup();
    live.resync(5);
    expect(resumes(socket)).toEqual([]);
    socket.fire('connect');
    live.resync(5);
    expect(resumes(socket)).toEqual([{ afterSeq: 5 }]);
  });

  it('never resumes when resume is off (field users)', () => {
    const { socket, live } = setup({ resume: false });
    socket.fire('connect');
    live.noteSeq(3);
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(resumes(socket)).toEqual([]);
  });

  it('turns offline after being down for offlineAfterMs, and back on reconnect', () => {
    const { socket, live } = setup({ offlineAfterMs: 10_000 });
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    vi.advanceTimersByTime(9_999);
    expect(live.state.value).toBe('reconnecting');
    vi.advanceTimersByTime(1);
    expect(live.state.value).toBe('offline');
    socket.fireManager('reconnect_attempt', 5);
    expect(live.state.value).toBe('offline');
    socket.fire('connect');
    expect(live.state.value).toBe('connected');
  });

  it('reconnects itself with backoff after the server disconnects it', () => {
    const { socket } = setup();
    socket.fire('connect');
    socket.active = false; // socket.io does not retry an 'io server disconnect'
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connectCalls).toBe(1);
    vi.advanceTimersByTime(2_000);
    expect(socket.connectCalls).toBe(2);
  });

  it('signs out when the server refuses the token', () => {
    const { socket, live, onUnauthorized } = setup();
    socket.fire('connect_error', new Error('unauthorized'));
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(live.state.value).toBe('offline');
    expect(socket.active).toBe(false);
  });

  it('removes listeners and closes on scope dispose', () => {
    const { socket, live, scope } = setup();
    const handler = vi.fn();
    scope.run(() => live.on('incidents', handler));
    socket.fire('connect');
    socket.fire('incidents', []);
    expect(handler).toHaveBeenCalledOnce();
    scope.stop();
    expect(socket.listenerCount('incidents')).toBe(0);
    expect(socket.active).toBe(false);
    expect(live.state.value).toBe('offline');
  });

  it('runs connect handlers with first = true only once', () => {
    const { socket, live } = setup();
    const seen: boolean[] = [];
    live.onConnect(({ first }) => seen.push(first));
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    expect(seen).toEqual([true, false]);
  });
});
