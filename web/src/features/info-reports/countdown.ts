import { getCurrentScope, onScopeDispose, shallowRef, type Ref } from 'vue';
import type { InfoReport, InfoReportDue } from '@jointduty/shared';
import { timeOf } from '../../app/format';

// The information reports' countdowns: time left to the next step's deadline, from the server's
// dueAt against this screen's clock; amber under ten minutes, red once late.

export const SOON_MS = 10 * 60_000;

export type CountdownState = 'ok' | 'soon' | 'late';

export interface Countdown {
  state: CountdownState;
  /** ms left; negative once late */
  left: number;
  /** mm:ss under an hour, h:mm:ss above (a 续报 is owed every two hours) */
  clock: string;
  /** whole minutes late, 0 while not late */
  lateMinutes: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** mm:ss, or h:mm:ss from an hour up; never negative. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Where a deadline stands at `now`; the server's `late` counts even if this clock is behind. */
export function countdown(due: Pick<InfoReportDue, 'dueAt' | 'late'>, now: number): Countdown {
  const left = timeOf(due.dueAt) - now;
  const late = due.late || left <= 0;
  return {
    state: late ? 'late' : left < SOON_MS ? 'soon' : 'ok',
    left,
    clock: clockText(left),
    lateMinutes: late ? Math.max(0, Math.floor(-left / 60_000)) : 0,
  };
}

/** Open reports, the most pressing first: late ones, then by deadline; nothing owed last. */
export function byUrgency(reports: readonly InfoReport[]): InfoReport[] {
  const key = (r: InfoReport) => (r.next ? timeOf(r.next.dueAt) - (r.next.late ? 1e15 : 0) : Number.POSITIVE_INFINITY);
  return [...reports].sort((a, b) => key(a) - key(b) || a.id.localeCompare(b.id));
}

// One ticker for every countdown on the page: a single 1 s interval, aligned on whole seconds,
// running while at least one component uses it.
const tick = shallowRef(Date.now());
let users = 0;
let align: ReturnType<typeof setTimeout> | null = null;
let interval: ReturnType<typeof setInterval> | null = null;

function start(): void {
  tick.value = Date.now();
  align = setTimeout(
    () => {
      align = null;
      tick.value = Date.now();
      interval = setInterval(() => (tick.value = Date.now()), 1000);
    },
    1000 - (Date.now() % 1000),
  );
}

function stop(): void {
  if (align) clearTimeout(align);
  if (interval) clearInterval(interval);
  align = interval = null;
}

/** The shared second ticker; released with the calling scope. */
export function useSecondTicker(): Readonly<Ref<number>> {
  if (users++ === 0) start();
  if (getCurrentScope()) {
    onScopeDispose(() => {
      if (--users === 0) stop();
    });
  }
  return tick;
}

/** How many components hold the ticker, and whether it runs (for tests). */
export function tickerState(): { users: number; running: boolean } {
  return { users, running: align !== null || interval !== null };
}
