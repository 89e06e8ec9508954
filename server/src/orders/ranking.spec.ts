import type { OrderCounts } from '@jointduty/shared';
import { callIns, cityFigures, rankUnits, scoreOf } from './ranking';
import { ratesOf, zeroCounts } from './rates';

const weights = { sign: 10, firstCheck: 20, onTime: 40, satisfaction: 20, resolution: 10 };

/** Counts with `n` orders: the given on-time and satisfied shares (others zero). */
function counts(n: number, o: { onTime?: [number, number]; satisfied?: [number, number]; resolved?: number } = {}): OrderCounts {
  const c = zeroCounts();
  c.received = n;
  if (o.onTime) [c.dueOnTime, c.dueDecided] = o.onTime;
  if (o.satisfied) [c.satisfied, c.followedUp] = o.satisfied;
  if (o.resolved !== undefined) c.resolved = o.resolved;
  return c;
}

describe('scoreOf', () => {
  it('weighted mean of the rates present; a rate with nothing to count leaves with its weight', () => {
    // onTime 0.5 (weight 40), satisfaction 1 (20), resolution 0 (10): (20 + 20 + 0) / 70
    const r = ratesOf(counts(4, { onTime: [1, 2], satisfied: [2, 2], resolved: 0 }));
    expect(scoreOf(r, weights)).toBe(Math.round((40 / 70) * 10_000) / 100);
    expect(scoreOf(ratesOf(counts(4, { onTime: [2, 2] })), weights)).toBe(100);
    expect(scoreOf(ratesOf(counts(4)), weights)).toBeNull();
    // a weight of 0 or a rate without weight counts for nothing
    expect(scoreOf(ratesOf(counts(4, { onTime: [0, 2], satisfied: [1, 1] })), { onTime: 0, satisfaction: 5 })).toBe(100);
  });
});

describe('rankUnits', () => {
  it('by score, then orders, then unit id; units without a score last and unranked', () => {
    const lines = rankUnits(
      [
        { departmentId: 'c', departmentName: 'C', counts: counts(5, { onTime: [1, 2] }) },
        { departmentId: 'none', departmentName: '无', counts: counts(9) },
        { departmentId: 'b', departmentName: 'B', counts: counts(3, { onTime: [1, 2] }) },
        { departmentId: 'a', departmentName: 'A', counts: counts(3, { onTime: [1, 2] }) },
        { departmentId: 'top', departmentName: 'T', counts: counts(1, { onTime: [1, 1] }) },
      ],
      weights,
    );
    expect(lines.map((l) => [l.departmentId, l.score, l.rank])).toEqual([
      ['top', 100, 1],
      ['c', 50, 2],
      ['a', 50, 3],
      ['b', 50, 4],
      ['none', null, null],
    ]);
    expect(lines[1]!.orders).toBe(5);
    expect(lines[1]!.rates.onTime).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
  });

  it('the city pools every order: not the mean of the units’ rates', () => {
    const city = cityFigures([{ counts: counts(10, { onTime: [9, 10] }) }, { counts: counts(2, { onTime: [0, 2] }) }], weights);
    expect(city.orders).toBe(12);
    expect(city.rates.onTime).toEqual({ value: 0.75, numerator: 9, denominator: 12 });
    expect(city.score).toBe(75);
    expect(cityFigures([], weights)).toMatchObject({ orders: 0, score: null });
  });
});

describe('callIns (约谈)', () => {
  const months = ['2026-01', '2026-02', '2026-03'];
  const city = new Map(months.map((m) => [m, counts(100, { onTime: [80, 100], satisfied: [90, 100] })]));
  const unit = (per: Array<OrderCounts | undefined>) => new Map(per.flatMap((c, i) => (c ? [[months[i]!, c] as const] : [])));

  it('below the city in on-time, or in satisfaction, every one of the months', () => {
    const low = counts(10, { onTime: [5, 10], satisfied: [9, 10] });
    const lowSat = counts(10, { onTime: [9, 10], satisfied: [5, 10] });
    const both = counts(10, { onTime: [1, 10], satisfied: [1, 10] });
    const good = counts(10, { onTime: [10, 10], satisfied: [10, 10] });
    const list = callIns(
      new Map([
        ['late', unit([low, low, low])],
        ['unhappy', unit([lowSat, lowSat, lowSat])],
        ['both', unit([both, both, both])],
        ['good', unit([good, good, good])],
        // below twice, then above: the run is broken
        ['mended', unit([low, low, good])],
      ]),
      city,
      months,
      1,
      (id) => `单位${id}`,
    );
    expect(list.map((e) => [e.departmentId, e.on])).toEqual([
      ['both', ['onTime', 'satisfaction']],
      ['late', ['onTime']],
      ['unhappy', ['satisfaction']],
    ]);
    expect(list[1]).toMatchObject({ departmentName: '单位late' });
    expect(list[1]!.months).toEqual(
      months.map((month) => ({ month, onTime: 0.5, cityOnTime: 0.8, satisfaction: 0.9, citySatisfaction: 0.9 })),
    );
  });

  it('a month with too few decided orders, or no orders at all, breaks the run', () => {
    const low = counts(10, { onTime: [5, 10], satisfied: [5, 10] });
    const few = counts(2, { onTime: [0, 2], satisfied: [0, 2] });
    expect(callIns(new Map([['u', unit([low, few, low])]]), city, months, 3)).toEqual([]);
    expect(callIns(new Map([['u', unit([low, undefined, low])]]), city, months, 1)).toEqual([]);
    expect(callIns(new Map([['u', unit([low, few, low])]]), city, months, 2).map((e) => e.on)).toEqual([['onTime', 'satisfaction']]);
    // the city has no decided order that month: nothing to be below
    const noCity = new Map(city);
    noCity.set('2026-02', counts(0));
    expect(callIns(new Map([['u', unit([low, low, low])]]), noCity, months, 1)).toEqual([]);
  });
});
