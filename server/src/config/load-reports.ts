import type { ReportsConfig, ReportsFile, ShiftConfig } from './orders.schema';
import type { CheckContext } from './read-files';

// The reports' rules (config/reports.yaml). The shifts must follow one another around the clock:
// each ends where the next begins and together they make 24 hours, so every moment belongs to
// exactly one shift and every shift has a handover.

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function shiftOf(text: string): ShiftConfig {
  const [from, to] = text.split('-') as [string, string];
  return { text, start: minutesOf(from), end: minutesOf(to) % 1440 };
}

/** How long a shift lasts, in minutes (an end not after the start is the next day). */
export function shiftLength(s: ShiftConfig): number {
  return s.end > s.start ? s.end - s.start : s.end + 1440 - s.start;
}

export function reportsOf(ctx: CheckContext, file: ReportsFile | undefined): ReportsConfig | undefined {
  if (!file) return undefined;
  const label = ctx.files.label('reports');
  const before = ctx.problems.length;
  const problem = (field: string, why: string) => ctx.problems.push(`${label}: ${field}: ${why}`);

  const shifts = file.shifts.map(shiftOf).sort((a, b) => a.start - b.start);
  const total = shifts.reduce((sum, s) => sum + shiftLength(s), 0);
  shifts.forEach((s, i) => {
    const next = shifts[(i + 1) % shifts.length]!;
    if (s.end !== next.start) problem('shifts', `${s.text} must end where the next shift begins (${next.text})`);
  });
  if (ctx.problems.length === before && total !== 1440) problem('shifts', 'must make 24 hours together, one after another');
  const weights = Object.entries(file.ranking.weights).filter(([, w]) => w !== undefined);
  if (!weights.some(([, w]) => (w ?? 0) > 0)) problem('ranking.weights', 'give at least one rate a weight above 0');

  if (ctx.problems.length > before) return undefined;
  return {
    shifts,
    officeUnit: file.officeUnit,
    handoverNudgeMinutes: file.handoverNudgeMinutes,
    ranking: { weights: Object.fromEntries(weights), callInMonths: file.ranking.callInMonths, callInMinOrders: file.ranking.callInMinOrders },
    weeklyListMax: file.weeklyListMax,
    infoReports: file.infoReports,
  };
}
