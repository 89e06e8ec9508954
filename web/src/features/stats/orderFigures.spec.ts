import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderFiguresFixture } from '../../test/fixtures';
import { cityMinuteOfDay, clearingState, clearingTime } from './orderFigures';

// The screen's computer may be set to any zone: the clearing hour is the city's (Asia/Shanghai, UTC+8).
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const at = (iso: string) => Date.parse(iso);

describe('cityMinuteOfDay', () => {
  it('reads the clock in Shanghai, not the local one', () => {
    // 08:59 UTC is 16:59 in Shanghai and 01:59 in Los Angeles
    expect(cityMinuteOfDay(at('2026-07-20T08:59:00Z'))).toBe(16 * 60 + 59);
    expect(cityMinuteOfDay(at('2026-07-20T09:00:00Z'))).toBe(17 * 60);
    // 16:30 UTC is half past midnight the next day in Shanghai
    expect(cityMinuteOfDay(at('2026-07-20T16:30:00Z'))).toBe(30);
    expect(cityMinuteOfDay(at('2026-07-20T15:59:00Z'))).toBe(23 * 60 + 59);
  });
});

describe('clearingState', () => {
  const left = orderFiguresFixture({ dueToday: 5, dueTodayLeft: 3 });
  const done = orderFiguresFixture({ dueToday: 5, dueTodayLeft: 0 });

  it('turns late at 17:00 city time while orders due today are left', () => {
    expect(clearingState(left, at('2026-07-20T08:59:59Z'))).toBe('pending');
    expect(clearingState(left, at('2026-07-20T09:00:00Z'))).toBe('late');
    expect(clearingState(left, at('2026-07-20T15:59:00Z'))).toBe('late');
    // a new city day: the count is the new day's, and the hour has not come yet
    expect(clearingState(left, at('2026-07-20T16:00:00Z'))).toBe('pending');
  });

  it('does not follow the local clock', () => {
    // 00:30 UTC: 17:30 the day before in Los Angeles, 08:30 in Shanghai
    const morning = at('2026-07-20T00:30:00Z');
    expect(new Date(morning).getHours()).toBe(17);
    expect(clearingState(left, morning)).toBe('pending');
    // 09:30 UTC: 02:30 in Los Angeles, 17:30 in Shanghai
    const evening = at('2026-07-20T09:30:00Z');
    expect(new Date(evening).getHours()).toBe(2);
    expect(clearingState(left, evening)).toBe('late');
  });

  it('is clear when nothing due today is left, before and after the hour', () => {
    expect(clearingState(done, at('2026-07-20T02:00:00Z'))).toBe('clear');
    expect(clearingState(done, at('2026-07-20T12:00:00Z'))).toBe('clear');
    expect(clearingState(orderFiguresFixture(), at('2026-07-20T12:00:00Z'))).toBe('clear');
  });

  it('takes the configured hour', () => {
    const at18 = orderFiguresFixture({ dueTodayLeft: 1, clearingHour: 18 });
    expect(clearingState(at18, at('2026-07-20T09:30:00Z'))).toBe('pending');
    expect(clearingState(at18, at('2026-07-20T10:00:00Z'))).toBe('late');
    expect(clearingTime(17)).toBe('17:00');
    expect(clearingTime(17.5)).toBe('17:30');
  });
});
