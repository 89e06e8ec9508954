// How the simulator's rate follows the hour of the day.

// A festival day: quiet at night, busy from late afternoon, peaking around 20–21 h (mean 1).
export const FESTIVAL_HOURLY_RHYTHM: readonly number[] = [
  0.55, 0.35, 0.22, 0.16, 0.15, 0.2, 0.4, 0.6, 0.85, 1.05, 1.15, 1.2, 1.1, 1.0, 1.0, 1.1, 1.2, 1.4, 1.75, 2.05, 2.25, 2.15, 1.65, 1.05,
];

// Records per minute at local hour `hour` (0–23) given the base rate and 24 hourly weights (normalized so their mean is 1).
export function rateAt(ratePerMinute: number, hourlyRhythm: number[] | readonly number[], hour: number): number {
  if (!Number.isFinite(ratePerMinute) || ratePerMinute <= 0) return 0;
  if (!Array.isArray(hourlyRhythm) || hourlyRhythm.length !== 24) return ratePerMinute;
  const weights = hourlyRhythm.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const mean = weights.reduce((a, b) => a + b, 0) / 24;
  if (mean <= 0) return ratePerMinute;
  const h = Number.isFinite(hour) ? ((Math.floor(hour) % 24) + 24) % 24 : 0;
  return (ratePerMinute * weights[h]!) / mean;
}
