import { maskText, type DutyLogEntry, type ShiftSpan } from '@jointduty/shared';
import type { AuditRow, HandoverRepository } from './handover.repository';

// The duty log (值班日志): a city day's notable actions, one Chinese line each, oldest first,
// read from the audit log (and the alerts' history for escalations, which are not audited).

/** The most entries a day's log holds (the oldest are kept). */
export const DUTY_LOG_MAX = 2000;

/** Audit actions the log takes, by name. */
export const DUTY_LOG_ACTIONS = [
  'alert.acknowledge',
  'alert.dispatch',
  'alert.resolve',
  'dispatch.ack',
  'dispatch.contact',
  'dispatch.onsite',
  'dispatch.resolve',
  'event.instruct',
  'event.instruction_done',
  'order.create',
  'order.assign',
  'order.remind',
  'order.extension',
  'order.close',
  'handover.handed',
  'handover.accepted',
  'silence.create',
  'silence.cancel',
  'profile.choose',
] as const;

/** And by prefix: information reports (提交, 逾期) and reports (drafted, exported). */
export const DUTY_LOG_PREFIXES = ['info_report.', 'report.'] as const;

const ALERT_WORDS: Record<string, string> = { 'alert.acknowledge': '确认预警', 'alert.dispatch': '派出处置', 'alert.resolve': '办结预警' };
const DISPATCH_WORDS: Record<string, string> = {
  'dispatch.ack': '签收',
  'dispatch.contact': '已联系',
  'dispatch.onsite': '到达现场',
  'dispatch.resolve': '处置完毕',
};
const ORDER_WORDS: Record<string, string> = {
  'order.create': '值班开单',
  'order.assign': '工单改派',
  'order.remind': '工单催办',
  'order.extension': '延期审批',
  'order.close': '工单办结归档',
};
const DECISION_WORDS: Record<string, string> = { approved: '同意', refused: '不同意' };
const STEP_WORDS: Record<string, string> = { initial: '首报', update: '续报', final: '终报' };
const TEXT_MAX = 80;

const clip = (s: string) => {
  const chars = [...s];
  return chars.length > TEXT_MAX ? `${chars.slice(0, TEXT_MAX).join('')}…` : s;
};
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const after = (r: AuditRow): Record<string, unknown> => (r.detail?.after as Record<string, unknown> | undefined) ?? {};

export interface DutyLogInput {
  day: string;
  from: number;
  to: number;
  now: number;
  shifts: ShiftSpan[];
  audit: AuditRow[];
  escalations: Array<{ at: number; alertId: string }>;
}

export interface DutyLogLookups {
  repo: Pick<HandoverRepository, 'alertTitles' | 'eventTitles' | 'orderNumbers' | 'dispatchInfo' | 'infoReportTitles'>;
  names: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
}

export async function dutyLogOf(input: DutyLogInput, look: DutyLogLookups): Promise<DutyLogEntry[]> {
  const ids = (pred: (r: AuditRow) => boolean) => input.audit.filter(pred).map((r) => r.targetId);
  const [alerts, events, orders, dispatches, infoReports] = await Promise.all([
    look.repo.alertTitles([...ids((r) => r.targetType === 'alert'), ...input.escalations.map((e) => e.alertId)]),
    look.repo.eventTitles(ids((r) => r.targetType === 'event')),
    look.repo.orderNumbers(ids((r) => r.targetType === 'order')),
    look.repo.dispatchInfo(ids((r) => r.targetType === 'dispatch')),
    look.repo.infoReportTitles(ids((r) => r.targetType === 'info_report')),
  ]);
  const nameOf = (actor: string) => look.names.get(actor) ?? (actor === 'system' ? '系统' : actor);
  const entries: DutyLogEntry[] = [];
  const add = (ms: number, kind: DutyLogEntry['kind'], actor: string | null, text: string) =>
    entries.push({
      at: new Date(ms).toISOString(),
      kind,
      actor,
      actorName: actor === null ? null : nameOf(actor),
      text: maskText(text),
    });

  for (const s of input.shifts) {
    const start = Date.parse(s.start);
    if (start < input.from || start >= input.to || start > input.now) continue;
    add(start, 'shift', null, `${s.key.slice(11)} 班次开始，值班：${s.people.length > 0 ? s.people.join('、') : '（值班表无人）'}`);
  }
  for (const e of input.escalations) add(e.at, 'alert', null, `预警升级报送领导：${alerts.get(e.alertId) ?? e.alertId}`);

  for (const r of input.audit) {
    const a = after(r);
    const who = nameOf(r.actor);
    if (r.action in ALERT_WORDS) {
      const teams = Array.isArray(a.teamIds) ? a.teamIds.map((t) => look.teams.get(String(t)) ?? String(t)).join('、') : '';
      const kind = r.action === 'alert.dispatch' ? 'dispatch' : 'alert';
      add(r.at, kind, r.actor, `${who}${ALERT_WORDS[r.action]}：${alerts.get(r.targetId) ?? r.targetId}${teams ? `（${teams}）` : ''}`);
    } else if (r.action in DISPATCH_WORDS) {
      const d = dispatches.get(r.targetId);
      const team = d ? (look.teams.get(d.teamId) ?? d.teamId) : who;
      add(r.at, 'dispatch', r.actor, `${team}${DISPATCH_WORDS[r.action]}：${d?.alertTitle ?? r.targetId}`);
    } else if (r.action === 'event.instruct') {
      add(r.at, 'instruction', r.actor, `${who}批示（${events.get(r.targetId) ?? r.targetId}）：${clip(str(a.text) ?? '')}`);
    } else if (r.action === 'event.instruction_done') {
      add(r.at, 'instruction', r.actor, `${who}标记批示已落实：${events.get(r.targetId) ?? r.targetId}`);
    } else if (r.action in ORDER_WORDS) {
      const number = orders.get(r.targetId) ?? r.targetId;
      const decision = r.action === 'order.extension' ? DECISION_WORDS[str(a.extension) ?? ''] : undefined;
      add(r.at, 'order', r.actor, `${who}${ORDER_WORDS[r.action]}：${number}${decision ? `（${decision}）` : ''}`);
    } else if (r.action === 'handover.handed') {
      add(r.at, 'handover', r.actor, `${who}交班：${str(a.shiftKey) ?? ''}`);
    } else if (r.action === 'handover.accepted') {
      add(r.at, 'accept', r.actor, `${who}接班：${str(a.shiftKey) ?? ''}`);
    } else if (r.action.startsWith('info_report.')) {
      const step = r.action.slice('info_report.'.length);
      const title = infoReports.get(r.targetId) ?? r.targetId;
      if (step === 'late') add(r.at, 'info-report', null, `信息报送逾期（${STEP_WORDS[str(a.step) ?? ''] ?? ''}）：${title}`);
      else if (step === 'open') add(r.at, 'info-report', null, `重大预警开启信息报送：${title}`);
      else add(r.at, 'info-report', r.actor, `${who}报送${STEP_WORDS[step] ?? step}：${title}`);
    } else if (r.action.startsWith('report.')) {
      add(
        r.at,
        'report',
        r.actor,
        `${who === '系统' ? '' : who}${r.action === 'report.drafted' ? '生成值班日报' : `报表（${r.action.slice(7)}）`}`,
      );
    } else if (r.action.startsWith('silence.')) {
      add(r.at, 'other', r.actor, `${who}${r.action === 'silence.create' ? '设置静默' : '取消静默'}`);
    } else if (r.action === 'profile.choose') {
      add(r.at, 'other', r.actor, `${who}切换值守方案：${r.targetId === 'none' ? '常态' : r.targetId}`);
    }
  }
  // the sort is stable: actions at the same millisecond keep the audit log's order
  entries.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
  return entries.slice(0, DUTY_LOG_MAX);
}
