import type { DutyState, HandoverSummary, ShiftSpan } from '@jointduty/shared';
import { formatDateTime } from '../../app/format';

// What the duty strip says about the coming shift change, at `now` on this screen's clock.

/** 'HH:mm–HH:mm' in city time, from a shift's bounds. */
export function spanText(shift: Pick<ShiftSpan, 'start' | 'end'>): string {
  return `${formatDateTime(shift.start).slice(11)}–${formatDateTime(shift.end).slice(11)}`;
}

/**
 * Whole minutes until the change: the server's count when the state came, less the minutes this
 * screen has counted since — a wall's own clock may be off, its seconds are not.
 */
export function minutesLeft(state: Pick<DutyState, 'minutesToChange'>, receivedAt: number, now: number): number {
  return Math.max(0, state.minutesToChange - Math.floor(Math.max(0, now - receivedAt) / 60_000));
}

/** The roster without the people the duty strip already names (the office's, on this shift). */
export function withoutShiftPeople<T extends { person: string }>(entries: readonly T[], state: DutyState | null): T[] {
  const named = new Set(state?.shift.people ?? []);
  return entries.filter((e) => !named.has(e.person));
}

/** 'MM-DD HH:mm–HH:mm', or with the end's date too when the shift runs past midnight (the log). */
export function datedSpanText(shift: Pick<ShiftSpan, 'start' | 'end'>): string {
  const from = formatDateTime(shift.start).slice(5);
  const to = formatDateTime(shift.end).slice(5);
  return `${from}–${from.slice(0, 5) === to.slice(0, 5) ? to.slice(6) : to}`;
}

export type ChangeStatus = 'calm' | 'nudge' | 'handed' | 'accepted';

/**
 * calm: the change is far off and nothing is handed over · nudge: the server says the change is
 * near (config: 20 min) and the shift is not handed over · handed: handed over, not accepted ·
 * accepted.
 */
export function changeStatus(state: Pick<DutyState, 'nudge' | 'handover'>): ChangeStatus {
  const h: HandoverSummary | null = state.handover;
  if (h?.status === 'accepted') return 'accepted';
  if (h?.status === 'handed') return 'handed';
  return state.nudge ? 'nudge' : 'calm';
}
