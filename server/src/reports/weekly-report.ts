import { maskText, type Channel, type OverdueOrderLine, type Period, type WeeklyReport } from '@jointduty/shared';
import { rateOf } from '../orders/rates';
import type { DeadlineCount, MissedRow } from './reports.repository';

// 周通报 (CONTRACT §8): the orders with a deadline (first check or handling) inside the week, how
// many missed it, per unit, and the list of those that missed (titles masked), cut at the cap with
// the counts kept whole. Pure.

export interface WeeklyInputs {
  period: Period;
  now: number;
  counts: DeadlineCount[];
  /** at most cap + 1 rows: one more than the cap says the list was cut */
  missed: MissedRow[];
  cap: number;
  unitName(id: string): string;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function missedLine(m: MissedRow, unitName: (id: string) => string): OverdueOrderLine {
  const missed: OverdueOrderLine['missed'] = [];
  if (m.missedFirstCheck) missed.push('firstCheck');
  if (m.missedDue) missed.push('due');
  // the late step: the reply for a missed handling deadline, else the first check's contact (or reply)
  const doneAt = m.missedDue ? m.repliedAt : (m.contactedAt ?? m.repliedAt);
  return {
    id: m.id,
    channel: m.channel as Channel,
    externalId: m.externalId,
    title: maskText(m.title),
    departmentId: m.departmentId,
    departmentName: unitName(m.departmentId),
    district: m.district,
    category: m.category,
    createdAt: iso(m.createdAt)!,
    missed,
    firstCheckBy: iso(m.firstCheckBy),
    dueBy: iso(m.dueBy)!,
    status: m.status,
    doneAt: iso(doneAt),
  };
}

export function buildWeekly(x: WeeklyInputs): WeeklyReport {
  const units = x.counts
    .map((c) => ({
      departmentId: c.departmentId,
      departmentName: x.unitName(c.departmentId),
      due: c.due,
      overdue: c.overdue,
      onTimeRate: rateOf(c.due - c.overdue, c.due),
    }))
    // the most overdue first: the bulletin names those who missed most
    .sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.departmentId.localeCompare(b.departmentId));
  const due = units.reduce((s, u) => s + u.due, 0);
  const overdue = units.reduce((s, u) => s + u.overdue, 0);
  const truncated = x.missed.length > x.cap;
  const orders = x.missed.slice(0, x.cap).map((m) => missedLine(m, x.unitName));
  const report: WeeklyReport = {
    kind: 'weekly',
    period: x.period,
    generatedAt: iso(x.now)!,
    summary: '',
    totals: { due, overdue, onTimeRate: rateOf(due - overdue, due) },
    units,
    orders,
    truncated,
  };
  report.summary = weeklySummary(report);
  return report;
}

export function weeklySummary(r: WeeklyReport): string {
  const head = `${r.period.label}，共有${r.totals.due}件工单的初查或办理期限在${r.period.kind === 'week' ? '本周' : '期内'}到期`;
  if (r.totals.due === 0) return `${head}。`;
  const rate = r.totals.onTimeRate.value === null ? '—' : `${(r.totals.onTimeRate.value * 100).toFixed(1)}%`;
  if (r.totals.overdue === 0) return `${head}，均按时办理，按时率${rate}。`;
  const worst = r.units
    .filter((u) => u.overdue > 0)
    .slice(0, 3)
    .map((u) => `${u.departmentName}${u.overdue}件`)
    .join('、');
  return `${head}，未按时办理${r.totals.overdue}件，按时率${rate}；超期较多的单位：${worst}。`;
}
