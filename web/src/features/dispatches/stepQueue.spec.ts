import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatch } from '@jointduty/shared';
import { ApiError } from '../../app/http';
import { dispatchFixture } from '../../test/fixtures';
import { createStepQueue, isRefusal, queueKey, type QueuedStep, type StepQueueOptions } from './stepQueue';

const KEY = queueKey('field-shinan');

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const stored = (key = KEY) => JSON.parse(localStorage.getItem(key) ?? '[]') as QueuedStep[];
const answer = (e: QueuedStep): Dispatch => dispatchFixture({ id: e.dispatchId, status: 'acknowledged', alert: undefined });

function queue(over: Partial<StepQueueOptions> = {}) {
  return createStepQueue({
    storageKey: KEY,
    send: vi.fn(async (e: QueuedStep) => answer(e)),
    backoff: () => 1000,
    isOnline: () => true,
    ...over,
  });
}

describe('the field outbox (step queue)', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps a step in localStorage, with the time it was pressed, until the server has it', async () => {
    const sent = deferred<Dispatch>();
    const send = vi.fn(() => sent.promise);
    const q = queue({ send });
    q.enqueue({ dispatchId: 'd1', step: 'ack', at: '2026-07-20T12:00:05.000Z' });
    expect(stored()).toEqual([expect.objectContaining({ dispatchId: 'd1', step: 'ack', at: '2026-07-20T12:00:05.000Z' })]);
    expect(q.sending.value).toBe(true);
    sent.resolve(dispatchFixture({ id: 'd1' }));
    await vi.runAllTimersAsync();
    expect(q.entries.value).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('survives a reload: a new queue for the same user finds the steps and sends them', async () => {
    const offline = queue({ isOnline: () => false });
    offline.enqueue({ dispatchId: 'd1', step: 'ack' });
    offline.enqueue({ dispatchId: 'd1', step: 'contacted' });
    offline.dispose();

    const send = vi.fn(async (e: QueuedStep) => answer(e));
    const reloaded = queue({ send });
    expect(reloaded.entries.value.map((e) => e.step)).toEqual(['ack', 'contacted']);
    await reloaded.flush();
    expect(send.mock.calls.map(([e]) => e.step)).toEqual(['ack', 'contacted']);
    expect(stored()).toEqual([]);
  });

  it('sends one at a time, in the order pressed', async () => {
    const pending: Array<ReturnType<typeof deferred<Dispatch>>> = [];
    const send = vi.fn<(e: QueuedStep) => Promise<Dispatch>>(() => {
      const d = deferred<Dispatch>();
      pending.push(d);
      return d.promise;
    });
    const q = queue({ send });
    q.enqueue({ dispatchId: 'd1', step: 'ack' });
    q.enqueue({ dispatchId: 'd2', step: 'ack' });
    q.enqueue({ dispatchId: 'd1', step: 'contacted' });
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 3; i++) {
      pending[i]!.resolve(dispatchFixture());
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(send.mock.calls.map(([e]) => `${e.dispatchId}:${e.step}`)).toEqual(['d1:ack', 'd2:ack', 'd1:contacted']);
  });

  it('ignores a double tap: the same step of the same dispatch is queued once', () => {
    const q = queue({ isOnline: () => false });
    expect(q.enqueue({ dispatchId: 'd1', step: 'ack' })).not.toBeNull();
    expect(q.enqueue({ dispatchId: 'd1', step: 'ack' })).toBeNull();
    expect(q.entries.value).toHaveLength(1);
  });

  it('keeps a step through network failures and 5xx, retrying with backoff, then sends it and what follows', async () => {
    const backoff = vi.fn((n: number) => n * 1000);
    const send = vi
      .fn<(e: QueuedStep) => Promise<Dispatch>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockRejectedValueOnce(new ApiError(503, 'database unavailable'))
      .mockImplementation(async (e) => answer(e));
    const onSent = vi.fn();
    const q = queue({ send, backoff, onSent });
    q.enqueue({ dispatchId: 'd1', step: 'ack' });
    q.enqueue({ dispatchId: 'd1', step: 'contacted' });
    await vi.advanceTimersByTimeAsync(0);
    expect(send).toHaveBeenCalledTimes(1);
    expect(q.entries.value).toHaveLength(2);
    expect(q.entries.value[0]).toMatchObject({ attempts: 1, lastError: 'Failed to fetch' });
    expect(q.retryAt.value).not.toBeNull();
    expect(stored()).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(999);
    expect(send).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(send).toHaveBeenCalledTimes(2); // the 503
    expect(backoff.mock.calls.map(([n]) => n)).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(send.mock.calls.map(([e]) => e.step)).toEqual(['ack', 'ack', 'ack', 'contacted']);
    // the retried step goes with the time it was first pressed
    expect(new Set(send.mock.calls.slice(0, 3).map(([e]) => e.at)).size).toBe(1);
    expect(q.entries.value).toEqual([]);
    expect(onSent).toHaveBeenCalledTimes(2);
  });

  it('drops a step the server refuses (4xx) and tells, then goes on with the rest', async () => {
    const send = vi
      .fn<(e: QueuedStep) => Promise<Dispatch>>()
      .mockRejectedValueOnce(
        new ApiError(409, 'step: the duty room has resolved the alert; contacted is no longer taken', 'dispatch.alert_resolved'),
      )
      .mockImplementation(async (e) => answer(e));
    const onDropped = vi.fn();
    const q = queue({ send, onDropped });
    q.enqueue({ dispatchId: 'd1', step: 'contacted' });
    q.enqueue({ dispatchId: 'd2', step: 'ack' });
    await vi.advanceTimersByTimeAsync(0);
    expect(onDropped).toHaveBeenCalledWith({
      entry: expect.objectContaining({ dispatchId: 'd1', step: 'contacted' }),
      status: 409,
      message: '值班室已办结此预警，无需继续处置',
    });
    expect(send.mock.calls.map(([e]) => e.dispatchId)).toEqual(['d1', 'd2']);
    expect(q.entries.value).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('keeps what a lost session (401), a timeout (408) or a rate limit (429) could not send', () => {
    expect([400, 403, 404, 409, 413, 422].every(isRefusal)).toBe(true);
    expect([0, 401, 408, 429, 500, 502, 503].some(isRefusal)).toBe(false);
  });

  it('replays safely: a step whose answer was lost is sent again and the server’s 200 (as it is) clears it', async () => {
    const d = dispatchFixture({ id: 'd1', status: 'acknowledged', alert: undefined });
    // the first try reached the server, but the answer never came back
    const send = vi.fn<(e: QueuedStep) => Promise<Dispatch>>().mockRejectedValueOnce(new TypeError('network error')).mockResolvedValue(d);
    const onSent = vi.fn();
    const q = queue({ send, onSent });
    const entry = q.enqueue({ dispatchId: 'd1', step: 'ack' })!;
    await vi.advanceTimersByTimeAsync(1000);
    expect(send).toHaveBeenCalledTimes(2);
    expect(send.mock.calls[1]![0]).toMatchObject({ id: entry.id, at: entry.at });
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ id: entry.id }), d);
    expect(q.entries.value).toEqual([]);
  });

  it('does not try while the browser says it is offline; sends as soon as asked once it is back', async () => {
    let online = false;
    const send = vi.fn(async (e: QueuedStep) => answer(e));
    const q = queue({ send, isOnline: () => online });
    q.enqueue({ dispatchId: 'd1', step: 'ack' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(send).not.toHaveBeenCalled();
    online = true;
    await q.flush(); // what the `online` event and a socket reconnect do
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps each user’s queue apart', async () => {
    const a = queue({ isOnline: () => false });
    a.enqueue({ dispatchId: 'd1', step: 'ack' });
    const send = vi.fn(async (e: QueuedStep) => answer(e));
    const b = createStepQueue({ storageKey: queueKey('field-huangdao'), send, isOnline: () => true });
    expect(b.entries.value).toEqual([]);
    await b.flush();
    expect(send).not.toHaveBeenCalled();
    b.enqueue({ dispatchId: 'd9', step: 'ack' });
    await vi.advanceTimersByTimeAsync(0);
    expect(stored().map((e) => e.dispatchId)).toEqual(['d1']);
    expect(send.mock.calls.map(([e]) => e.dispatchId)).toEqual(['d9']);
  });

  it('clear() empties the queue and its storage and stops the retry timer', async () => {
    const send = vi.fn<(e: QueuedStep) => Promise<Dispatch>>().mockRejectedValue(new TypeError('offline'));
    const q = queue({ send });
    q.enqueue({ dispatchId: 'd1', step: 'ack' });
    await vi.advanceTimersByTimeAsync(0);
    q.clear();
    expect(q.entries.value).toEqual([]);
    expect(localStorage.getItem(KEY)).toBeNull();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('ignores what is not a queued step in storage', () => {
    localStorage.setItem(
      KEY,
      JSON.stringify([{ dispatchId: 'd1' }, 'x', { id: 'a', dispatchId: 'd2', step: 'ack', at: '2026-07-20T12:00:00Z', attempts: 0 }]),
    );
    expect(queue({ isOnline: () => false }).entries.value.map((e) => e.dispatchId)).toEqual(['d2']);
    localStorage.setItem(KEY, '{broken');
    expect(queue({ isOnline: () => false }).entries.value).toEqual([]);
  });
});
