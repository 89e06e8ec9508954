import { reachOf, type ReachFactors } from './reach';

describe('reachOf', () => {
  it('is 0 for an unknown post and grows with each input', () => {
    expect(reachOf({})).toBe(0);
    expect(reachOf({ followers: 1000 })).toBeCloseTo(3, 2);
    expect(reachOf({ verified: true })).toBe(1);
    expect(reachOf({ reposts: 10, comments: 0, likes: 0 })).toBeGreaterThan(reachOf({ likes: 10 }));
  });

  it('is monotonic in every input', () => {
    const counts = ['followers', 'reposts', 'comments', 'likes', 'views'] as const;
    const levels = [0, 1, 7, 100, 5_000, 1e6, 3e9, 1e12, 1e15];
    const others: ReachFactors[] = [{}, { followers: 200, reposts: 3, comments: 5, likes: 40, views: 1000, verified: true }];
    for (const base of others) {
      for (const key of counts) {
        let prev = -1;
        for (const n of levels) {
          const r = reachOf({ ...base, [key]: n });
          expect(r).toBeGreaterThanOrEqual(prev);
          prev = r;
        }
      }
      expect(reachOf({ ...base, verified: true })).toBeGreaterThanOrEqual(reachOf({ ...base, verified: false }));
    }
    // strictly, below the cap
    expect(reachOf({ followers: 101 })).toBeGreaterThan(reachOf({ followers: 100 }));
  });

  it('weighs a repost above a comment above a like', () => {
    expect(reachOf({ reposts: 1 })).toBeGreaterThan(reachOf({ comments: 1 }));
    expect(reachOf({ comments: 1 })).toBeGreaterThan(reachOf({ likes: 1 }));
  });

  it('never returns NaN: bad numbers read as 0, huge ones as the cap', () => {
    const bad = [Number.NaN, -5, Number.NEGATIVE_INFINITY, undefined, '12' as unknown as number, null as unknown as number];
    for (const n of bad) {
      expect(reachOf({ followers: n, reposts: n, comments: n, likes: n, views: n })).toBe(0);
    }
    const huge = reachOf({
      followers: Number.MAX_VALUE,
      reposts: Infinity,
      comments: 1e300,
      likes: 1e308,
      views: Infinity,
      verified: true,
    });
    expect(Number.isFinite(huge)).toBe(true);
    expect(huge).toBeLessThan(46);
    expect(huge).toBe(reachOf({ followers: 1e12, reposts: 1e12, comments: 1e12, likes: 1e12, views: 1e12, verified: true }));
  });

  it('stays finite for any mix of values', () => {
    const pick = [0, 1, 3.5, -1, Number.NaN, Infinity, 1e20, undefined];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return pick[seed % pick.length];
    };
    for (let i = 0; i < 500; i++) {
      const r = reachOf({ followers: next(), reposts: next(), comments: next(), likes: next(), views: next(), verified: i % 2 === 0 });
      expect(Number.isFinite(r)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(0);
    }
  });
});
