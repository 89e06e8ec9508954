import type { CallInEntry, OrderCounts, RateKey, Rates, UnitFigures } from '@jointduty/shared';
import { addCounts, ratesOf, zeroCounts } from './rates';

// The unit ranking (考核排名) and the 约谈 list, from summed counts (docs/rates.md). Pure: the
// counts come from the rollups (order-rollups.ts), the weights and the 约谈 rule from
// config/reports.yaml.

export type Weights = Partial<Record<RateKey, number>>;

export interface UnitCounts {
  departmentId: string;
  departmentName: string;
  counts: OrderCounts;
}

/**
 * The weighted mean of the rates present, 0..100, to two decimals: a rate with nothing to count
 * (denominator 0) is left out with its weight; null when no weighted rate is left.
 */
export function scoreOf(rates: Rates, weights: Weights): number | null {
  let sum = 0;
  let weight = 0;
  for (const [key, w] of Object.entries(weights) as Array<[RateKey, number | undefined]>) {
    const r = rates[key];
    if (!w || !r || r.value === null) continue;
    sum += w * r.value;
    weight += w;
  }
  return weight === 0 ? null : Math.round((sum / weight) * 10_000) / 100;
}

/**
 * Each unit's figures and place: by score (highest first), then orders received (most first), then
 * unit id; units without a score come last, unranked.
 */
export function rankUnits(perUnit: readonly UnitCounts[], weights: Weights): UnitFigures[] {
  const lines: UnitFigures[] = perUnit.map((u) => {
    const rates = ratesOf(u.counts);
    return {
      departmentId: u.departmentId,
      departmentName: u.departmentName,
      orders: u.counts.received,
      counts: u.counts,
      rates,
      score: scoreOf(rates, weights),
      rank: null,
    };
  });
  lines.sort(
    (a, b) =>
      (a.score === null ? 1 : 0) - (b.score === null ? 1 : 0) ||
      (b.score ?? 0) - (a.score ?? 0) ||
      b.orders - a.orders ||
      (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0),
  );
  let place = 0;
  for (const l of lines) if (l.score !== null) l.rank = ++place;
  return lines;
}

/**
 * The city's figures: its counts are all its units' summed, so each city rate is the pooled rate
 * over every order of the city (not the mean of the units' rates).
 */
export function cityFigures(
  perUnit: ReadonlyArray<Pick<UnitCounts, 'counts'>>,
  weights: Weights,
): { orders: number; counts: OrderCounts; rates: Rates; score: number | null } {
  const counts = perUnit.reduce((sum, u) => addCounts(sum, u.counts), zeroCounts());
  const rates = ratesOf(counts);
  return { orders: counts.received, counts, rates, score: scoreOf(rates, weights) };
}

/**
 * The 约谈 list: units below the city in on-time completion (按时办结率) in every one of `months`,
 * or below it in satisfaction (满意率) in every one of them. A month where the unit has fewer than
 * `minOrders` decided orders for that rate, or either rate is null, breaks the run. `months` are
 * month keys ('YYYY-MM'), oldest first; a unit missing a month has nothing decided that month.
 */
export function callIns(
  monthsPerUnit: ReadonlyMap<string, ReadonlyMap<string, OrderCounts>>,
  cityPerMonth: ReadonlyMap<string, OrderCounts>,
  months: readonly string[],
  minOrders: number,
  nameOf: (departmentId: string) => string = (id) => id,
): CallInEntry[] {
  if (months.length === 0) return [];
  const out: CallInEntry[] = [];
  const below = (unit: OrderCounts, city: OrderCounts, key: 'onTime' | 'satisfaction') => {
    const u = ratesOf(unit)[key];
    const c = ratesOf(city)[key];
    return u.denominator >= minOrders && u.value !== null && c.value !== null && u.value < c.value;
  };
  for (const departmentId of [...monthsPerUnit.keys()].sort()) {
    const perMonth = monthsPerUnit.get(departmentId)!;
    const lines = months.map((month) => {
      const unit = perMonth.get(month) ?? zeroCounts();
      const city = cityPerMonth.get(month) ?? zeroCounts();
      return { month, unit, city };
    });
    const on = (['onTime', 'satisfaction'] as const).filter((key) => lines.every((l) => below(l.unit, l.city, key)));
    if (on.length === 0) continue;
    out.push({
      departmentId,
      departmentName: nameOf(departmentId),
      on,
      months: lines.map((l) => {
        const u = ratesOf(l.unit);
        const c = ratesOf(l.city);
        return {
          month: l.month,
          onTime: u.onTime.value,
          cityOnTime: c.onTime.value,
          satisfaction: u.satisfaction.value,
          citySatisfaction: c.satisfaction.value,
        };
      }),
    });
  }
  return out;
}
