import type { AnyReport, Rate } from '@jointduty/shared';

// How the reports' numbers are written: a rate as 92.3 %, with what it is made of; nothing to
// count as a dash, never 0 % or NaN.

export const NONE = '—';

/** 0.923 → '92.3%'; null (nothing counted) → '—'. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? NONE : `${(value * 100).toFixed(1)}%`;
}

/** A rate's parts, '120/130', for a hover and the muted line under it. */
export function ratio(rate: Rate): string {
  return `${rate.numerator}/${rate.denominator}`;
}

/** A figure with one decimal (minutes, a score); null → '—'. */
export function oneDecimal(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? NONE : value.toFixed(1);
}

/** Nothing happened in the period: the page says so instead of a sheet of zeros. */
export function reportIsEmpty(r: AnyReport): boolean {
  switch (r.kind) {
    case 'daily':
      return (
        r.intake.total === 0 &&
        r.alerts.total === 0 &&
        r.dispatches.total === 0 &&
        r.orders.received === 0 &&
        r.orders.due === 0 &&
        r.orders.replied === 0 &&
        r.orders.closed === 0 &&
        r.instructions.length === 0 &&
        r.handovers.length === 0 &&
        r.infoReports.length === 0
      );
    case 'weekly':
      return r.totals.due === 0 && r.orders.length === 0;
    case 'ranking':
      return r.city.orders === 0 && r.units.every((u) => u.orders === 0);
  }
}
