import { addCounts, countsOf, isZero, ratesOf, responseMinutes, subtractCounts, zeroCounts, type Counted } from './rates';

const H = 3_600_000;
const T0 = Date.parse('2026-03-02T02:00:00Z');

// a 12345 order received at T0: first check due in a day, handling in ten
const fresh: Counted = {
  status: 'new',
  signedAt: null,
  signLate: false,
  firstCheckBy: T0 + 24 * H,
  contactedAt: null,
  repliedAt: null,
  firstCheckOverdue: false,
  dueOverdue: false,
  result: null,
  satisfaction: null,
  followupResolved: null,
};
const order = (o: Partial<Counted>): Counted => ({ ...fresh, ...o });

describe('countsOf: what one order contributes', () => {
  it('a new order inside its limits is received and open, decided on nothing', () => {
    const c = countsOf(fresh);
    expect(c).toEqual({ ...zeroCounts(), received: 1, open: 1 });
    const r = ratesOf(c);
    for (const rate of Object.values(r)) expect(rate).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('sign: signed in time counts on time; signed late or the limit passed unsigned counts late', () => {
    expect(countsOf(order({ status: 'signed', signedAt: T0 + H }))).toMatchObject({ signDecided: 1, signOnTime: 1 });
    expect(countsOf(order({ status: 'signed', signedAt: T0 + 30 * H, signLate: true }))).toMatchObject({ signDecided: 1, signOnTime: 0 });
    // the sweep marked the first check overdue and the order unsigned: sign late, decided by time
    expect(countsOf(order({ signLate: true, firstCheckOverdue: true }))).toMatchObject({ signDecided: 1, signOnTime: 0, overdue: 1 });
    // reassigned after a late sign: its sign time is cleared, the late mark stays
    expect(countsOf(order({ signLate: true }))).toMatchObject({ signDecided: 1, signOnTime: 0 });
  });

  it('first check: only orders that have one; done by a contact or a reply; an overdue mark is sticky', () => {
    expect(countsOf(order({ firstCheckBy: null, contactedAt: T0 + H }))).toMatchObject({ firstCheckDecided: 0, firstCheckOnTime: 0 });
    expect(countsOf(order({ contactedAt: T0 + H }))).toMatchObject({ firstCheckDecided: 1, firstCheckOnTime: 1 });
    expect(countsOf(order({ repliedAt: T0 + H, result: '已解决' }))).toMatchObject({ firstCheckDecided: 1, firstCheckOnTime: 1 });
    // marked overdue by the sweep, then contacted: decided, late
    expect(countsOf(order({ firstCheckOverdue: true, contactedAt: T0 + 40 * H }))).toMatchObject({
      firstCheckDecided: 1,
      firstCheckOnTime: 0,
    });
    expect(countsOf(order({ firstCheckOverdue: true }))).toMatchObject({ firstCheckDecided: 1, firstCheckOnTime: 0 });
  });

  it('on time (按时办结): replied in time, or late by the sticky handling-deadline mark even when replied later', () => {
    expect(countsOf(order({ status: 'replied', repliedAt: T0 + H, result: '已解决' }))).toMatchObject({
      dueDecided: 1,
      dueOnTime: 1,
      open: 0,
    });
    expect(countsOf(order({ dueOverdue: true }))).toMatchObject({ dueDecided: 1, dueOnTime: 0, overdue: 1, open: 1 });
    expect(countsOf(order({ status: 'replied', dueOverdue: true, repliedAt: T0 + 300 * H, result: '已解决' }))).toMatchObject({
      dueDecided: 1,
      dueOnTime: 0,
    });
  });

  it('satisfaction and resolution: the latest follow-up; 基本满意 counts as satisfied', () => {
    const replied = { status: 'replied' as const, repliedAt: T0 + H, result: '已解决' as const };
    expect(countsOf(order({ ...replied, satisfaction: '满意', followupResolved: true }))).toMatchObject({
      followedUp: 1,
      satisfied: 1,
      resolved: 1,
    });
    expect(countsOf(order({ ...replied, satisfaction: '基本满意', followupResolved: false }))).toMatchObject({
      followedUp: 1,
      satisfied: 1,
      resolved: 0,
    });
    // 不满意 reopens the order: the follow-up stays counted, the reply no longer stands
    expect(
      countsOf(order({ status: 'signed', repliedAt: T0 + H, result: null, satisfaction: '不满意', followupResolved: true })),
    ).toMatchObject({ followedUp: 1, satisfied: 0, resolved: 1, replied: 0, dueDecided: 1, open: 1 });
  });

  it('untrue (不属实率): among orders whose latest reply stands', () => {
    expect(countsOf(order({ status: 'replied', repliedAt: T0 + H, result: '不属实' }))).toMatchObject({ replied: 1, untrue: 1 });
    expect(countsOf(order({ status: 'closed', repliedAt: T0 + H, result: '部分解决' }))).toMatchObject({ replied: 1, untrue: 0, open: 0 });
  });
});

describe('ratesOf and the arithmetic of counts', () => {
  it('adds and subtracts field by field; a rate is numerator over denominator, null on 0', () => {
    const a = countsOf(order({ status: 'signed', signedAt: T0 + H }));
    const b = countsOf(order({ signLate: true, firstCheckOverdue: true, dueOverdue: true }));
    const c = countsOf(
      order({
        status: 'replied',
        signedAt: T0 + H,
        repliedAt: T0 + 2 * H,
        result: '不属实',
        satisfaction: '不满意',
        followupResolved: false,
      }),
    );
    const sum = addCounts(addCounts(a, b), c);
    expect(sum.received).toBe(3);
    const r = ratesOf(sum);
    expect(r.sign).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(r.firstCheck).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(r.onTime).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(r.satisfaction).toEqual({ value: 0, numerator: 0, denominator: 1 });
    expect(r.resolution).toEqual({ value: 0, numerator: 0, denominator: 1 });
    expect(r.untrue).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(subtractCounts(sum, addCounts(b, c))).toEqual(a);
    expect(isZero(subtractCounts(a, a))).toBe(true);
    expect(isZero(a)).toBe(false);
  });
});

describe('responseMinutes', () => {
  it('median and mean of those that happened; nothing happened: nulls', () => {
    expect(responseMinutes([])).toEqual({ median: null, mean: null, count: 0 });
    expect(responseMinutes([null, undefined])).toEqual({ median: null, mean: null, count: 0 });
    expect(responseMinutes([12, 3, null, 6])).toEqual({ median: 6, mean: 7, count: 3 });
    expect(responseMinutes([1, 2, 4, 10])).toEqual({ median: 3, mean: 4.3, count: 4 });
    expect(responseMinutes([Number.NaN, 5])).toEqual({ median: 5, mean: 5, count: 1 });
  });
});
