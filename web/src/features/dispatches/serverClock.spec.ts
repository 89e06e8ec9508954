import { describe, expect, it, vi } from 'vitest';
import { createServerClock } from './serverClock';

const withDate = (date: string | null) => new Response('{}', { status: 200, headers: date ? { date } : {} });

describe('server clock', () => {
  it('learns how far the phone’s clock is off from the Date header and stamps in server time', async () => {
    let local = Date.parse('2026-07-20T12:10:00.000Z'); // the phone is 10 minutes fast
    const fetchImpl = vi.fn(async () => {
      local += 200; // the round trip
      return withDate('Mon, 20 Jul 2026 12:00:00 GMT');
    });
    const clock = createServerClock(fetchImpl as unknown as typeof fetch, () => local);
    expect(clock.offset()).toBe(0);
    await clock.measure();
    expect(Math.abs(clock.offset() + 600_000)).toBeLessThanOrEqual(1000);
    expect(Math.abs(clock.now() - Date.parse('2026-07-20T12:00:00.000Z'))).toBeLessThanOrEqual(1000);
  });

  it('ignores a difference the header cannot tell apart, a missing header and a failed call', async () => {
    const local = () => Date.parse('2026-07-20T12:00:01.000Z');
    const close = createServerClock((async () => withDate('Mon, 20 Jul 2026 12:00:00 GMT')) as unknown as typeof fetch, local);
    await close.measure();
    expect(close.offset()).toBe(0);
    const none = createServerClock((async () => withDate(null)) as unknown as typeof fetch, local);
    await none.measure();
    expect(none.offset()).toBe(0);
    const down = createServerClock((async () => Promise.reject(new TypeError('offline'))) as unknown as typeof fetch, local);
    await down.measure();
    expect(down.offset()).toBe(0);
  });
});
