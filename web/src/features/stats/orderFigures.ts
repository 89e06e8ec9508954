import type { OrderFigures } from '@jointduty/shared';
import { CITY_TIME_ZONE } from '../../app/format';

// The work orders' counts as the wall and the console show them, each with the /orders filter
// that lists the orders behind it, and the 日结日清 mark: every order due today done by the
// clearing hour, city time.

export type OrderCountKey = 'dueToday' | 'dueTodayLeft' | 'overdue' | 'returned' | 'extensionRequests' | 'ledgerOpen';
export type OrderRateKey = 'onTimeSignRate' | 'onTimeFirstCheckRate' | 'onTimeRate';

export interface OrderCount {
  key: OrderCountKey;
  /** the /orders query listing these orders (GET /api/orders takes the same names) */
  query: Record<string, string>;
  /** a number above zero here wants attention */
  alarm?: 'danger' | 'warn';
}

export const ORDER_COUNTS: readonly OrderCount[] = [
  { key: 'dueToday', query: { due: 'today' } },
  { key: 'dueTodayLeft', query: { due: 'today' } },
  { key: 'overdue', query: { due: 'overdue' }, alarm: 'danger' },
  { key: 'returned', query: { status: 'returned' }, alarm: 'warn' },
  { key: 'extensionRequests', query: { extension: 'pending' }, alarm: 'warn' },
  { key: 'ledgerOpen', query: { ledger: 'true' } },
];

/** signed, first-checked and handled within their deadlines, in the order an order goes */
export const ORDER_RATES: readonly OrderRateKey[] = ['onTimeSignRate', 'onTimeFirstCheckRate', 'onTimeRate'];

const clock = new Intl.DateTimeFormat('en-GB', { timeZone: CITY_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes since the city's midnight at this instant, whatever zone the screen's computer is in. */
export function cityMinuteOfDay(ms: number): number {
  let hour = 0;
  let minute = 0;
  for (const part of clock.formatToParts(new Date(ms))) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * 'clear': nothing due today is left; 'pending': some is, and the clearing hour has not come;
 * 'late': some is, past the clearing hour (city time).
 */
export type ClearingState = 'clear' | 'pending' | 'late';

export function clearingState(figures: Pick<OrderFigures, 'dueTodayLeft' | 'clearingHour'>, now: number): ClearingState {
  if (figures.dueTodayLeft <= 0) return 'clear';
  return cityMinuteOfDay(now) >= Math.round(figures.clearingHour * 60) ? 'late' : 'pending';
}

/** The clearing hour as the clock shows it, e.g. 17:00. */
export function clearingTime(hour: number): string {
  const minutes = Math.round(hour * 60);
  const pad = (x: number) => String(x).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
