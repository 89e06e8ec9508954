import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameQueue } from './frameQueue';

describe('frame queue', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands over everything pushed within a frame at once', () => {
    const flushed: number[][] = [];
    const q = createFrameQueue<number>((items) => flushed.push(items));
    q.push([1, 2]);
    q.push([3]);
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(flushed).toEqual([[1, 2, 3]]);
  });

  it('flushes at once when full, so a hidden tab stays bounded', () => {
    const flushed: number[][] = [];
    const q = createFrameQueue<number>((items) => flushed.push(items), { maxItems: 3 });
    q.push([1, 2, 3, 4]);
    expect(flushed).toEqual([[1, 2, 3, 4]]);
    expect(q.size).toBe(0);
  });

  it('drops what is left on dispose', () => {
    const onFlush = vi.fn();
    const q = createFrameQueue<number>(onFlush);
    q.push([1]);
    q.dispose();
    vi.advanceTimersByTime(1000);
    q.push([2]);
    expect(onFlush).not.toHaveBeenCalled();
  });
});
