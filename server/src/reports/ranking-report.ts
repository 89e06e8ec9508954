import type { CountBy, OrderCounts, Period, RankingReport } from '@jointduty/shared';
import type { CountsGroup } from '../orders/order-rollups';
import { callIns, cityFigures, rankUnits, type Weights } from '../orders/ranking';
import { addCounts, ratesOf, zeroCounts } from '../orders/rates';
import { shiftMonth } from './periods';

// 考核排名 (CONTRACT §8): the units ranked on the orders received in the period, the city's pooled
// figures, the 约谈 list and the trend, from the orders' running counts. Pure.

export interface RankingInputs {
  period: Period;
  now: number;
  /** counts per unit over the period */
  perUnit: CountsGroup[];
  /** counts per unit and month over the 约谈 months */
  callInPerUnitMonth: CountsGroup[];
  callInMonths: string[];
  callInMinOrders: number;
  /** counts per month over the trend's months */
  trendPerMonth: CountsGroup[];
  trendMonths: string[];
  categories: Array<{ category: string; n: number }>;
  weights: Weights;
  unitName(id: string): string;
}

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** The 约谈 months: `n` months ending with the period's last month, oldest first. */
export function callInMonthsOf(p: Pick<Period, 'to'>, n: number): string[] {
  const last = p.to.slice(0, 7);
  return Array.from({ length: n }, (_, i) => shiftMonth(last, i - n + 1));
}

/** The trend's months: a month's report shows the 6 months ending with it; a quarter its 3 months. */
export function trendMonthsOf(p: Pick<Period, 'kind' | 'from' | 'to'>): string[] {
  const last = p.to.slice(0, 7);
  const n = p.kind === 'quarter' ? 3 : 6;
  return Array.from({ length: n }, (_, i) => shiftMonth(last, i - n + 1));
}

export function buildRanking(x: RankingInputs): RankingReport {
  const units = rankUnits(
    x.perUnit.map((g) => ({ departmentId: g.departmentId!, departmentName: x.unitName(g.departmentId!), counts: g.counts })),
    x.weights,
  );
  const city = cityFigures(units, x.weights);

  const perUnit = new Map<string, Map<string, OrderCounts>>();
  const cityPerMonth = new Map<string, OrderCounts>();
  for (const g of x.callInPerUnitMonth) {
    const id = g.departmentId!;
    const month = g.period!;
    if (!perUnit.has(id)) perUnit.set(id, new Map());
    perUnit.get(id)!.set(month, g.counts);
    cityPerMonth.set(month, addCounts(cityPerMonth.get(month) ?? zeroCounts(), g.counts));
  }
  const called = callIns(perUnit, cityPerMonth, x.callInMonths, x.callInMinOrders, x.unitName);

  const byMonth = new Map(x.trendPerMonth.map((g) => [g.period!, g.counts]));
  const trend = x.trendMonths.map((m) => {
    const c = byMonth.get(m) ?? zeroCounts();
    return { key: m, label: monthLabel(m), orders: c.received, rates: ratesOf(c) };
  });

  const categories: CountBy[] = x.categories.map((c) => ({ key: c.category, label: c.category || '未分类', count: c.n }));

  const report: RankingReport = {
    kind: 'ranking',
    period: x.period,
    generatedAt: new Date(x.now).toISOString(),
    summary: '',
    city,
    units,
    callIns: called,
    trend,
    categories,
    weights: x.weights,
  };
  report.summary = rankingSummary(report, x.callInMonths.length);
  return report;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function rankingSummary(r: RankingReport, months: number): string {
  const c = r.city.rates;
  const head =
    `${r.period.label}，全市共受理工单${r.city.orders}件，按时签收率${pct(c.sign.value)}，按时初查率${pct(c.firstCheck.value)}，` +
    `按时办结率${pct(c.onTime.value)}，满意率${pct(c.satisfaction.value)}，解决率${pct(c.resolution.value)}`;
  const parts = [head];
  const top = r.units.filter((u) => u.rank !== null).slice(0, 3);
  if (top.length > 0)
    parts.push(`综合得分前${top.length}名：${top.map((u) => `${u.departmentName}（${u.score!.toFixed(1)}分）`).join('、')}`);
  if (r.callIns.length > 0) {
    const words = { onTime: '按时办结率', satisfaction: '满意率' } as const;
    const list = r.callIns.map((e) => `${e.departmentName}（${e.on.map((k) => words[k]).join('、')}）`).join('、');
    parts.push(`连续${months}个月低于全市平均、列入约谈的单位：${list}`);
  } else if (r.city.orders > 0) {
    parts.push(`无连续${months}个月低于全市平均的单位`);
  }
  return `${parts.join('；')}。`;
}
