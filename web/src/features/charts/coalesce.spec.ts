import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer } from './coalesce';

describe('createCoalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the first request at once, then at most once a second, ending on the latest', () => {
    const run = vi.fn();
    const c = createCoalescer(run, 1000);
    c.request();
    expect(run).toHaveBeenCalledTimes(1);
    // 50 updates within the next second: one run when the second is up
    for (let i = 0; i < 50; i++) {
      vi.advanceTimersByTime(10);
      c.request();
    }
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(2);
    // quiet: nothing more
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(2);
    // a request long after the last run runs at once
    c.request();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('a disposed coalescer never runs again, even with a run waiting', () => {
    const run = vi.fn();
    const c = createCoalescer(run, 1000);
    c.request();
    c.request();
    c.dispose();
    vi.advanceTimersByTime(5000);
    c.request();
    expect(run).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
