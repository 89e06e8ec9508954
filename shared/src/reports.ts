import type { AlertStatus, Severity } from './alert';
import type { Channel } from './channels';
import type { ReplyResult, Satisfaction } from './orders';

// Reports (CONTRACT §8: 日看 周查 月结), information reports and the shift handover (§10).
// Types and constants only, so the web takes them without zod. Every rate is defined once in
// docs/rates.md and computed by server/src/orders/rates.ts.

/** The rates every unit is measured on; each is numerator / denominator, null when nothing counts. */
export const RATE_KEYS = ['sign', 'firstCheck', 'onTime', 'satisfaction', 'resolution', 'untrue'] as const;
/** sign 按时签收率 · firstCheck 按时初查率 · onTime 按时办结率 · satisfaction 满意率 · resolution 解决率 · untrue 不属实率 */
export type RateKey = (typeof RATE_KEYS)[number];

/** A rate with what it is made of, so every figure can be checked by hand. */
export interface Rate {
  /** 0..1, null when the denominator is 0 */
  value: number | null;
  numerator: number;
  denominator: number;
}

/** The counters an order contributes to its receipt day and unit (one row of the rollup). */
export interface OrderCounts {
  received: number;
  /** signed, or its sign limit passed */
  signDecided: number;
  signOnTime: number;
  /** has a first check that is done or whose deadline passed */
  firstCheckDecided: number;
  firstCheckOnTime: number;
  /** replied, or its handling deadline passed */
  dueDecided: number;
  dueOnTime: number;
  replied: number;
  untrue: number;
  followedUp: number;
  satisfied: number;
  resolved: number;
  /** marked overdue on either deadline */
  overdue: number;
  /** still open (new, signed, returned) */
  open: number;
}

export type Rates = Record<RateKey, Rate>;

/** One unit's line of a ranking. */
export interface UnitFigures {
  departmentId: string;
  departmentName: string;
  orders: number;
  counts: OrderCounts;
  rates: Rates;
  /** the weighted score the ranking orders by (config/reports.yaml), 0..100; null when no rate counts */
  score: number | null;
  /** 1-based place; units without a score come last, unranked (null) */
  rank: number | null;
}

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A reporting period in city time: '2026-12-05', '2026-W49', '2026-11', '2026-Q4'. */
export interface Period {
  kind: PeriodKind;
  key: string;
  /** first and last city day, 'YYYY-MM-DD', both included */
  from: string;
  to: string;
  /** the period's bounds as instants, ISO; `end` exclusive */
  start: string;
  end: string;
  /** how it is written for people: 2026年11月, 2026年第49周 (11月30日—12月6日) */
  label: string;
}

export interface CountBy {
  key: string;
  /** a name for people where the key is an id (district, department); else the key */
  label: string;
  count: number;
}

/** The 约谈 list: a unit below the city average three months running, and on what. */
export interface CallInEntry {
  departmentId: string;
  departmentName: string;
  /** the rates it was below the city average on, every one of the months */
  on: Array<'onTime' | 'satisfaction'>;
  /** month keys checked, oldest first, with the unit's and the city's value each month */
  months: Array<{ month: string; onTime: number | null; cityOnTime: number | null; satisfaction: number | null; citySatisfaction: number | null }>;
}

/** GET /api/reports/monthly?month= and ?quarter= : the unit ranking (考核排名). */
export interface RankingReport {
  kind: 'ranking';
  period: Period;
  generatedAt: string;
  /** written for a 通报's first paragraph */
  summary: string;
  city: { orders: number; counts: OrderCounts; rates: Rates; score: number | null };
  units: UnitFigures[];
  callIns: CallInEntry[];
  /** per month of the period (one for a month): the city's rates, for the trend chart */
  trend: Array<{ key: string; label: string; orders: number; rates: Rates }>;
  /** orders received by category (first level), most first */
  categories: CountBy[];
  /** score weights used, from config/reports.yaml */
  weights: Partial<Record<RateKey, number>>;
}

/** One overdue order in the weekly bulletin (title masked). */
export interface OverdueOrderLine {
  id: string;
  channel: Channel;
  externalId: string;
  title: string;
  departmentId: string;
  departmentName: string;
  district: string | null;
  category: string | null;
  createdAt: string;
  /** which deadlines it missed in the week */
  missed: Array<'firstCheck' | 'due'>;
  firstCheckBy: string | null;
  dueBy: string;
  status: string;
  /** when the late step came, null while still not done */
  doneAt: string | null;
}

/** GET /api/reports/weekly?week= : 周通报 of orders not handled in time. */
export interface WeeklyReport {
  kind: 'weekly';
  period: Period;
  generatedAt: string;
  summary: string;
  /** orders with a deadline in the week, and of them how many missed it */
  totals: { due: number; overdue: number; onTimeRate: Rate };
  units: Array<{ departmentId: string; departmentName: string; due: number; overdue: number; onTimeRate: Rate }>;
  orders: OverdueOrderLine[];
  /** true when the list was cut at its cap (the counts are whole) */
  truncated: boolean;
}

export interface DailyAlertLine {
  id: string;
  severity: Severity;
  status: AlertStatus;
  title: string;
  district: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface DailyDispatchLine {
  id: string;
  alertId: string;
  teamId: string;
  teamName: string;
  status: string;
  createdAt: string;
  /** minutes from dispatch to acknowledgement and to arrival, null until they happen */
  ackMinutes: number | null;
  onsiteMinutes: number | null;
}

/** GET /api/reports/daily?date= : 值班日报. */
export interface DailyReport {
  kind: 'daily';
  period: Period;
  generatedAt: string;
  summary: string;
  intake: { total: number; byChannel: CountBy[]; byDistrict: CountBy[]; byCategory: CountBy[] };
  alerts: {
    total: number;
    bySeverity: Record<Severity, number>;
    /** by status as it stands now */
    byStatus: Record<AlertStatus, number>;
    /** urgent and major ones, most severe first */
    notable: DailyAlertLine[];
  };
  dispatches: {
    total: number;
    /** response time: minutes from dispatch to 签收 (ack) and to 到场 (onsite); medians and means over those that happened */
    ackMinutes: { median: number | null; mean: number | null; count: number };
    onsiteMinutes: { median: number | null; mean: number | null; count: number };
    list: DailyDispatchLine[];
  };
  orders: { received: number; due: number; overdue: number; replied: number; closed: number; rates: Rates };
  instructions: Array<{ eventId: string; eventTitle: string; actorName: string; text: string; createdAt: string }>;
  handovers: HandoverSummary[];
  infoReports: Array<{ id: string; title: string; status: InfoReportStatus; lateSteps: InfoReportStep[] }>;
}

export type AnyReport = DailyReport | WeeklyReport | RankingReport;

export const REPORT_FORMATS = ['json', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

// ---- information reports (信息报送, §10)

export const INFO_REPORT_STEPS = ['initial', 'update', 'final'] as const;
/** 首报 续报 终报 */
export type InfoReportStep = (typeof INFO_REPORT_STEPS)[number];
/** open: reports still owed · closed: the final one is in */
export const INFO_REPORT_STATUSES = ['open', 'closed'] as const;
export type InfoReportStatus = (typeof INFO_REPORT_STATUSES)[number];
export const INFO_REPORT_TEXT_MAX = 10000;

export interface InfoReportSubmission {
  id: string;
  step: InfoReportStep;
  /** 1 for the initial and the final; the update's number (续报一, 续报二…) */
  number: number;
  text: string;
  submittedBy: string;
  submittedByName: string;
  submittedAt: string;
  /** the deadline it answered and whether it came after it */
  dueAt: string | null;
  late: boolean;
}

/** What is owed next: the step, by when, and whether that time has passed. */
export interface InfoReportDue {
  step: InfoReportStep;
  dueAt: string;
  late: boolean;
}

export interface InfoReport {
  id: string;
  alertId: string;
  eventId: string;
  title: string;
  severity: Severity;
  district: string | null;
  status: InfoReportStatus;
  openedAt: string;
  /** when the alert was resolved (the final report's clock starts), null while it is not */
  resolvedAt: string | null;
  closedAt: string | null;
  /** what is owed now; null when closed or nothing is owed until the alert is resolved */
  next: InfoReportDue | null;
  submissions: number;
  /** steps that were, or are, late */
  lateSteps: InfoReportStep[];
  simulated?: boolean;
}

/** GET /api/info-reports/{id}: the report, the draft of the next step and every submission. */
export interface InfoReportDetail extends InfoReport {
  /** the server's draft for the next step, written from the event now; null when closed */
  draft: { step: InfoReportStep; text: string } | null;
  /** the draft's facts, for the screen beside the text */
  facts: InfoReportFacts;
  history: InfoReportSubmission[];
}

export interface InfoReportFacts {
  what: string;
  when: string;
  where: string | null;
  channels: Array<{ channel: Channel; count: number }>;
  casualties: string | null;
  amounts: string | null;
  dispatches: Array<{ teamName: string; status: string; createdAt: string; steps: Array<{ step: string; at: string }> }>;
  instructions: Array<{ actorName: string; text: string; createdAt: string }>;
}

// ---- handover and the duty log (交接班, 值班日志, §10)

/** One shift of the duty office, from config/reports.yaml. */
export interface ShiftSpan {
  /** '2026-12-05 08:00-20:00' */
  key: string;
  start: string;
  end: string;
  /** who is on it, from the roster's office lines */
  people: string[];
}

export interface HandoverDraft {
  shift: ShiftSpan;
  next: ShiftSpan;
  generatedAt: string;
  openAlerts: Array<{ id: string; severity: Severity; status: AlertStatus; title: string; createdAt: string }>;
  activeDispatches: Array<{ id: string; alertId: string; teamName: string; status: string; createdAt: string }>;
  /** orders with a deadline inside the next shift */
  ordersDue: Array<{ id: string; externalId: string; title: string; departmentName: string; deadline: 'firstCheck' | 'due'; dueAt: string }>;
  infoReportsDue: Array<{ id: string; title: string; step: InfoReportStep; dueAt: string; late: boolean }>;
  /** 批示 not yet carried out */
  instructions: Array<{ id: string; eventId: string; eventTitle: string; actorName: string; text: string; createdAt: string }>;
}

export const HANDOVER_STATUSES = ['handed', 'accepted'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
export const HANDOVER_NOTES_MAX = 5000;

export interface HandoverSummary {
  id: string;
  shiftKey: string;
  status: HandoverStatus;
  fromUser: string;
  fromName: string;
  handedAt: string;
  toUser: string | null;
  toName: string | null;
  acceptedAt: string | null;
}

export interface Handover extends HandoverSummary {
  notes: string;
  /** the draft as it stood when handed over */
  draft: HandoverDraft;
}

/** The wall's duty strip: who is on, when the shift changes, and whether it was handed over. */
export interface DutyState {
  shift: ShiftSpan;
  next: ShiftSpan;
  /** minutes until the change; the wall nudges from config (20) */
  minutesToChange: number;
  nudge: boolean;
  /** the handover of the shift now ending, if made */
  handover: HandoverSummary | null;
}

export interface DutyLogEntry {
  at: string;
  kind: 'shift' | 'handover' | 'accept' | 'alert' | 'dispatch' | 'instruction' | 'info-report' | 'order' | 'report' | 'other';
  actor: string | null;
  actorName: string | null;
  text: string;
}

/** GET /api/duty-log?date= */
export interface DutyLog {
  date: string;
  shifts: ShiftSpan[];
  handovers: HandoverSummary[];
  entries: DutyLogEntry[];
}

/** Satisfactions that count as satisfied (满意, 基本满意). */
export const SATISFIED: readonly Satisfaction[] = ['满意', '基本满意'];
/** The reply result counted in 不属实率. */
export const UNTRUE_RESULT: ReplyResult = '不属实';
