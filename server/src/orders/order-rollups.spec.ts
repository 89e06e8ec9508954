import { categoryTop, dayKey, dayStart, rollupDeltas, type RolledUp } from './order-rollups';
import { countsOf, zeroCounts } from './rates';

// 2026-03-01 23:30 in the city (UTC+8)
const LATE = Date.parse('2026-03-01T15:30:00Z');
const base: RolledUp = {
  createdAt: LATE,
  departmentId: 'market-shinan',
  category: '市场监管>食品安全',
  status: 'new',
  signedAt: null,
  signLate: false,
  firstCheckBy: LATE + 86_400_000,
  contactedAt: null,
  repliedAt: null,
  firstCheckOverdue: false,
  dueOverdue: false,
  result: null,
  satisfaction: null,
  followupResolved: null,
};

describe('rollup days and categories', () => {
  it('an order belongs to the city day of its creation', () => {
    const d = rollupDeltas([{ before: null, after: base }]);
    expect(d.units).toHaveLength(1);
    expect(dayKey(d.units[0]!.day)).toBe('2026-03-01');
    expect(dayKey(rollupDeltas([{ before: null, after: { ...base, createdAt: LATE + 31 * 60_000 } }]).units[0]!.day)).toBe('2026-03-02');
    expect(dayStart('2026-03-02')).toBe(Date.parse('2026-03-01T16:00:00Z'));
    expect(categoryTop('市场监管>食品安全')).toBe('市场监管');
    expect(categoryTop('其他')).toBe('其他');
    expect(categoryTop(null)).toBe('');
  });
});

describe('rollupDeltas', () => {
  it('a batch of new orders is summed per (day, unit) and per (day, category)', () => {
    const d = rollupDeltas([
      { before: null, after: base },
      { before: null, after: { ...base, id: 'x' } as RolledUp },
      { before: null, after: { ...base, departmentId: 'city', category: '城市管理>占道经营' } },
    ]);
    expect(d.units.map((u) => [u.departmentId, u.counts.received, u.counts.open])).toEqual([
      ['city', 1, 1],
      ['market-shinan', 2, 2],
    ]);
    expect(d.categories.map((c) => [c.category, c.n])).toEqual([
      ['城市管理', 1],
      ['市场监管', 2],
    ]);
  });

  it('a step applies only what it changes; a write that changes no count writes nothing', () => {
    const signed = { ...base, status: 'signed' as const, signedAt: LATE + 60_000 };
    const d = rollupDeltas([{ before: base, after: signed }]);
    expect(d.units).toEqual([
      { day: d.units[0]!.day, departmentId: 'market-shinan', counts: { ...zeroCounts(), signDecided: 1, signOnTime: 1 } },
    ]);
    expect(d.categories).toEqual([]);
    // a reminder's next look, an extension request: no count moves
    expect(rollupDeltas([{ before: signed, after: { ...signed } }])).toEqual({ units: [], categories: [] });
  });

  it('a reassignment moves all the order counts to the new unit', () => {
    const late = { ...base, signLate: true, firstCheckOverdue: true };
    const moved = { ...late, departmentId: 'city' };
    const d = rollupDeltas([{ before: late, after: moved }]);
    const minus = Object.fromEntries(Object.entries(countsOf(late)).map(([k, v]) => [k, 0 - v]));
    expect(d.units.map((u) => [u.departmentId, u.counts])).toEqual([
      ['city', countsOf(moved)],
      ['market-shinan', minus],
    ]);
  });
});
