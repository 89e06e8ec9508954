import {
  ALERT_STATUSES,
  SEVERITIES,
  maskText,
  type AlertStatus,
  type CountBy,
  type DailyAlertLine,
  type DailyReport,
  type HandoverSummary,
  type OrderCounts,
  type Period,
  type Severity,
} from '@jointduty/shared';
import { CHANNEL_LABEL, SEVERITY_LABEL } from '../documents/document-text';
import type { DayCounts } from '../incidents/incident-counts';
import { ratesOf, responseMinutes } from '../orders/rates';
import type { AlertRow, DeadlineCount, DispatchRow, HandoverRow, InfoReportRow, InstructionRow } from './reports.repository';

// 值班日报 (CONTRACT §8): what one city day brought and what became of it, built from what the
// repository read. Pure.

export interface DailyInputs {
  period: Period;
  now: number;
  intake: DayCounts;
  alerts: AlertRow[];
  dispatches: DispatchRow[];
  teamName(id: string): string;
  orderSteps: { received: number; replied: number; closed: number };
  deadlines: DeadlineCount[];
  /** the running counts of the orders received that day */
  orderCounts: OrderCounts;
  instructions: InstructionRow[];
  handovers: HandoverRow[];
  infoReports: InfoReportRow[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const minutes = (from: number, to: number | null) => (to === null ? null : Math.round(((to - from) / 60_000) * 10) / 10);

/** Counts as CountBy lines, most first (then by key); labels from `label`. */
export function countLines(counts: Record<string, number>, label: (key: string) => string = (k) => k): CountBy[] {
  return Object.entries(counts)
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function buildDaily(x: DailyInputs): DailyReport {
  const byChannel = countLines(x.intake.byChannel, (k) => (CHANNEL_LABEL as Record<string, string>)[k] ?? k);
  const total = byChannel.reduce((s, c) => s + c.count, 0);

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byStatus = Object.fromEntries(ALERT_STATUSES.map((s) => [s, 0])) as Record<AlertStatus, number>;
  for (const a of x.alerts) {
    if (a.severity in bySeverity) bySeverity[a.severity] += 1;
    if (a.status in byStatus) byStatus[a.status] += 1;
  }
  const weight = (s: Severity) => SEVERITIES.indexOf(s);
  const notable: DailyAlertLine[] = x.alerts
    .filter((a) => a.severity === 'urgent' || a.severity === 'major')
    .sort((a, b) => weight(b.severity) - weight(a.severity) || a.createdAt - b.createdAt)
    .map((a) => ({
      id: a.id,
      severity: a.severity,
      status: a.status,
      title: maskText(a.title),
      district: a.district,
      createdAt: iso(a.createdAt)!,
      resolvedAt: iso(a.resolvedAt),
    }));

  const list = x.dispatches.map((d) => ({
    id: d.id,
    alertId: d.alertId,
    teamId: d.teamId,
    teamName: x.teamName(d.teamId),
    status: d.status,
    createdAt: iso(d.createdAt)!,
    ackMinutes: minutes(d.createdAt, d.ackedAt),
    onsiteMinutes: minutes(d.createdAt, d.onsiteAt),
  }));
  const ackMinutes = responseMinutes(list.map((d) => d.ackMinutes));
  const onsiteMinutes = responseMinutes(list.map((d) => d.onsiteMinutes));

  const due = x.deadlines.reduce((s, d) => s + d.due, 0);
  const overdue = x.deadlines.reduce((s, d) => s + d.overdue, 0);
  const orders = { ...x.orderSteps, due, overdue, rates: ratesOf(x.orderCounts) };

  const handovers: HandoverSummary[] = x.handovers.map((h) => ({
    id: h.id,
    shiftKey: h.shiftKey,
    status: h.status === 'accepted' ? 'accepted' : 'handed',
    fromUser: h.fromUser,
    fromName: h.fromName,
    handedAt: iso(h.handedAt)!,
    toUser: h.toUser,
    toName: h.toName,
    acceptedAt: iso(h.acceptedAt),
  }));

  const report: DailyReport = {
    kind: 'daily',
    period: x.period,
    generatedAt: iso(x.now)!,
    summary: '',
    intake: {
      total,
      byChannel,
      byDistrict: countLines(x.intake.byDistrict),
      byCategory: countLines(x.intake.byCategory),
    },
    alerts: { total: x.alerts.length, bySeverity, byStatus, notable },
    dispatches: { total: list.length, ackMinutes, onsiteMinutes, list },
    orders,
    instructions: x.instructions.map((i) => ({
      eventId: i.eventId,
      eventTitle: maskText(i.eventTitle),
      actorName: i.actorName,
      // a 批示 may name someone's number: masked, as in the handover draft and the duty log
      text: maskText(i.text),
      createdAt: iso(i.createdAt)!,
    })),
    handovers,
    infoReports: x.infoReports.map((r) => ({ id: r.id, title: maskText(r.title), status: r.status, lateSteps: r.lateSteps })),
  };
  report.summary = dailySummary(report);
  return report;
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** The paragraph a 值班日报 opens with: every number from the report itself. */
export function dailySummary(r: DailyReport): string {
  const parts: string[] = [];
  const channels = r.intake.byChannel.map((c) => `${c.label}${c.count}件`).join('、');
  parts.push(`${r.period.label}，共接收来件${r.intake.total}件${channels ? `（${channels}）` : ''}`);
  const sev = SEVERITIES.slice()
    .reverse()
    .filter((s) => r.alerts.bySeverity[s] > 0)
    .map((s) => `${SEVERITY_LABEL[s]}${r.alerts.bySeverity[s]}条`)
    .join('、');
  parts.push(`产生预警${r.alerts.total}条${sev ? `（${sev}），已办结${r.alerts.byStatus.resolved}条` : ''}`);
  const ack = r.dispatches.ackMinutes.median;
  parts.push(`派单${r.dispatches.total}次${ack === null ? '' : `，签收用时中位数${ack}分钟`}`);
  const o = r.orders;
  parts.push(`新收工单${o.received}件，当日到期${o.due}件、超期${o.overdue}件，答复${o.replied}件，办结${o.closed}件`);
  const tail: string[] = [];
  if (r.instructions.length > 0) tail.push(`领导批示${r.instructions.length}条`);
  if (r.infoReports.length > 0) tail.push(`信息报送${r.infoReports.length}起`);
  if (r.handovers.length > 0) tail.push(`交接班${r.handovers.length}次`);
  const onTime = o.rates.onTime.value;
  if (onTime !== null) tail.push(`当日新收工单按时办结率${pct(onTime)}`);
  return `${parts.join('；')}${tail.length > 0 ? `；${tail.join('，')}` : ''}。`;
}
