import { INFO_REPORT_STEPS, type InfoReportStep } from '@jointduty/shared';

/** The deadlines of config/reports.yaml `infoReports`, in minutes. */
export interface InfoReportLimits {
  initialMinutes: number;
  updateEveryMinutes: number;
  finalMinutes: number;
}

/** What a report's deadlines are computed from (epoch ms). */
export interface ReportClock {
  closed: boolean;
  openedAt: number;
  /** when the initial (首报) was submitted; null before it */
  initialAt: number | null;
  /** the last submission, initial or update: the next update is counted from it */
  lastSubmittedAt: number | null;
  /** updates submitted so far */
  updates: number;
  /** when the alert was resolved; null while it is not */
  resolvedAt: number | null;
}

/** A step owed: which, its number (续报 N), and by when. */
export interface Owed {
  step: InfoReportStep;
  number: number;
  dueAt: number;
}

const MINUTE = 60_000;

/**
 * What is owed now. Before the initial: the initial (openedAt + initialMinutes), resolved or not.
 * After it, while the alert is unresolved: the next update (last submission + updateEveryMinutes).
 * Once the alert is resolved: the final (resolution + finalMinutes); an update that was overdue is
 * no longer owed. Closed (the final is in): nothing.
 */
export function owedNow(r: ReportClock, limits: InfoReportLimits): Owed | null {
  if (r.closed) return null;
  if (r.initialAt === null) return { step: 'initial', number: 1, dueAt: r.openedAt + limits.initialMinutes * MINUTE };
  if (r.resolvedAt !== null) return { step: 'final', number: 1, dueAt: r.resolvedAt + limits.finalMinutes * MINUTE };
  return { step: 'update', number: r.updates + 1, dueAt: (r.lastSubmittedAt ?? r.initialAt) + limits.updateEveryMinutes * MINUTE };
}

/**
 * Whether `step` may be submitted now; null when it may, else why not (the text of a 409, naming
 * the step first).
 */
export function stepRefusal(step: InfoReportStep, r: ReportClock): string | null {
  if (r.closed) return `${step}: the report is closed (the final report is in)`;
  if (step === 'initial') return r.initialAt === null ? null : 'initial: already submitted';
  if (r.initialAt === null) return `${step}: submit the initial report first`;
  if (step === 'update') return r.resolvedAt === null ? null : 'update: the alert is resolved; submit the final report';
  return r.resolvedAt === null ? 'final: the alert is not resolved yet' : null;
}

/** Steps that were or are late, in the order of the steps. */
export function lateStepsOf(late: Iterable<InfoReportStep>): InfoReportStep[] {
  const set = new Set(late);
  return INFO_REPORT_STEPS.filter((s) => set.has(s));
}
