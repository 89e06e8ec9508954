import { localDayOf, minuteOf } from './incident-counts';

describe('the keys of the running counts', () => {
  it('puts an instant in its local (UTC+8) day, midnight to midnight', () => {
    const midnight = Date.parse('2026-11-23T16:00:00Z'); // 2026-11-24 00:00 in Qingdao
    expect(localDayOf(midnight)).toBe(midnight);
    expect(localDayOf(midnight - 1)).toBe(midnight - 86_400_000);
    expect(localDayOf(Date.parse('2026-11-24T15:59:59.999Z'))).toBe(midnight);
    expect(localDayOf(Date.parse('2026-11-24T08:30:00+08:00'))).toBe(midnight);
  });

  it('puts an instant in its minute', () => {
    expect(minuteOf(Date.parse('2026-11-24T08:30:59.999+08:00'))).toBe(Date.parse('2026-11-24T08:30:00+08:00'));
    expect(minuteOf(Date.parse('2026-11-24T08:31:00+08:00'))).toBe(Date.parse('2026-11-24T08:31:00+08:00'));
  });
});
