import type { OrderCounts, Rate, RateKey, Rates } from '@jointduty/shared';
import { isOpen, type OrderRow } from './order.types';

// Every rate the wall, the reports and the ranking show, defined once (docs/rates.md): what one
// order contributes to its unit and receipt day (countsOf), and the rates of summed counts
// (ratesOf). Whatever a deadline decides without a step comes from the order's sticky overdue
// marks (set by the sweep and by late steps), never from the clock, so an order's counts change
// only when its row changes: the rollups (order-rollups.ts) follow the rows exactly.

/** The fields of the counts, in the order of the rollup table's columns. */
export const COUNT_KEYS = [
  'received',
  'signDecided',
  'signOnTime',
  'firstCheckDecided',
  'firstCheckOnTime',
  'dueDecided',
  'dueOnTime',
  'replied',
  'untrue',
  'followedUp',
  'satisfied',
  'resolved',
  'overdue',
  'open',
] as const satisfies ReadonlyArray<keyof OrderCounts>;

/** The columns of an order that its counts depend on. */
export type Counted = Pick<
  OrderRow,
  | 'status'
  | 'signedAt'
  | 'signLate'
  | 'firstCheckBy'
  | 'contactedAt'
  | 'repliedAt'
  | 'firstCheckOverdue'
  | 'dueOverdue'
  | 'result'
  | 'satisfaction'
  | 'followupResolved'
>;

export function zeroCounts(): OrderCounts {
  return Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as OrderCounts;
}

const one = (b: boolean) => (b ? 1 : 0);

/** What one order contributes (each field 0 or 1). */
export function countsOf(o: Counted): OrderCounts {
  const signed = o.signedAt !== null;
  // the first check is done by a contact or a reply (a reply before any contact does it too)
  const checked = o.firstCheckBy !== null && (o.contactedAt !== null || o.repliedAt !== null);
  const hasCheck = o.firstCheckBy !== null;
  const replied = o.repliedAt !== null;
  const followedUp = o.satisfaction !== null;
  return {
    received: 1,
    signDecided: one(signed || o.signLate),
    signOnTime: one(signed && !o.signLate),
    firstCheckDecided: one(hasCheck && (checked || o.firstCheckOverdue)),
    firstCheckOnTime: one(checked && !o.firstCheckOverdue),
    dueDecided: one(replied || o.dueOverdue),
    dueOnTime: one(replied && !o.dueOverdue),
    // a reply that stands: a follow-up that reopens the order clears it until the next reply
    replied: one(o.result !== null),
    untrue: one(o.result === '不属实'),
    followedUp: one(followedUp),
    satisfied: one(o.satisfaction === '满意' || o.satisfaction === '基本满意'),
    resolved: one(followedUp && o.followupResolved === true),
    overdue: one(o.firstCheckOverdue || o.dueOverdue),
    open: one(isOpen(o.status)),
  };
}

export function addCounts(a: OrderCounts, b: OrderCounts): OrderCounts {
  const out = zeroCounts();
  for (const k of COUNT_KEYS) out[k] = a[k] + b[k];
  return out;
}

export function subtractCounts(a: OrderCounts, b: OrderCounts): OrderCounts {
  const out = zeroCounts();
  for (const k of COUNT_KEYS) out[k] = a[k] - b[k];
  return out;
}

export function isZero(c: OrderCounts): boolean {
  return COUNT_KEYS.every((k) => c[k] === 0);
}

/** Each rate's numerator and denominator among the counts. */
export const RATE_PARTS: Record<RateKey, { numerator: keyof OrderCounts; denominator: keyof OrderCounts }> = {
  sign: { numerator: 'signOnTime', denominator: 'signDecided' },
  firstCheck: { numerator: 'firstCheckOnTime', denominator: 'firstCheckDecided' },
  onTime: { numerator: 'dueOnTime', denominator: 'dueDecided' },
  satisfaction: { numerator: 'satisfied', denominator: 'followedUp' },
  resolution: { numerator: 'resolved', denominator: 'followedUp' },
  untrue: { numerator: 'untrue', denominator: 'replied' },
};

export function rateOf(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** The rates of summed counts; a rate with nothing to count is null. */
export function ratesOf(c: OrderCounts): Rates {
  const out = {} as Rates;
  for (const [key, p] of Object.entries(RATE_PARTS) as Array<[RateKey, (typeof RATE_PARTS)[RateKey]]>) {
    out[key] = rateOf(c[p.numerator], c[p.denominator]);
  }
  return out;
}

/**
 * Dispatch response times in minutes (from dispatch to 签收, or to 到场): median, mean and how
 * many, to one decimal. Entries that are null (that step has not happened) or not finite are left
 * out; median and mean are null when none is left.
 */
export function responseMinutes(list: ReadonlyArray<number | null | undefined>): {
  median: number | null;
  mean: number | null;
  count: number;
} {
  const xs = list.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (xs.length === 0) return { median: null, mean: null, count: 0 };
  const mid = xs.length >> 1;
  const median = xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return { median: r1(median), mean: r1(mean), count: xs.length };
}
