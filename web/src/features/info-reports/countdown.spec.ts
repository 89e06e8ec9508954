import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { byUrgency, clockText, countdown, tickerState, useSecondTicker } from './countdown';
import { infoReportFixture } from './testing';

const DUE = Date.parse('2026-07-20T02:30:00Z');
const due = (late = false) => ({ dueAt: new Date(DUE).toISOString(), late });

describe('information report countdown', () => {
  it('reads mm:ss under an hour and h:mm:ss above, never negative', () => {
    expect(clockText(0)).toBe('00:00');
    expect(clockText(9 * 60_000 + 59_000)).toBe('09:59');
    expect(clockText(59 * 60_000 + 59_400)).toBe('1:00:00');
    expect(clockText(119 * 60_000 + 5_000)).toBe('1:59:05');
    expect(clockText(-5_000)).toBe('00:00');
  });

  it('is calm with time to spare, amber under ten minutes, red once the deadline passes', () => {
    expect(countdown(due(), DUE - 25 * 60_000)).toMatchObject({ state: 'ok', clock: '25:00', lateMinutes: 0 });
    expect(countdown(due(), DUE - 10 * 60_000).state).toBe('ok');
    expect(countdown(due(), DUE - 10 * 60_000 + 1000)).toMatchObject({ state: 'soon', clock: '09:59' });
    expect(countdown(due(), DUE)).toMatchObject({ state: 'late', lateMinutes: 0 });
    expect(countdown(due(), DUE + 12 * 60_000 + 30_000)).toMatchObject({ state: 'late', lateMinutes: 12 });
  });

  it('takes the server’s word that a step is late when this screen’s clock is behind', () => {
    expect(countdown(due(true), DUE - 60_000)).toMatchObject({ state: 'late', lateMinutes: 0 });
  });

  it('puts late reports first, then the nearest deadline, and reports owing nothing last', () => {
    const waiting = infoReportFixture({ next: null });
    const later = infoReportFixture({ next: { step: 'update', dueAt: '2026-07-20T04:00:00Z', late: false } });
    const sooner = infoReportFixture({ next: { step: 'initial', dueAt: '2026-07-20T02:30:00Z', late: false } });
    const late = infoReportFixture({ next: { step: 'final', dueAt: '2026-07-20T05:00:00Z', late: true } });
    expect(byUrgency([waiting, later, sooner, late]).map((r) => r.id)).toEqual([late.id, sooner.id, later.id, waiting.id]);
  });
});

describe('useSecondTicker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is one interval for every user, ticking each second, stopped when the last one goes', () => {
    vi.useFakeTimers({ now: Date.parse('2026-07-20T02:00:00.400Z') });
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    const scopes = [effectScope(), effectScope(), effectScope()];
    const ticks = scopes.map((s) => s.run(() => useSecondTicker())!);
    expect(ticks[0]).toBe(ticks[2]);
    expect(tickerState()).toEqual({ users: 3, running: true });

    // aligned on the next whole second, then every second
    vi.advanceTimersByTime(600);
    expect(ticks[0]!.value).toBe(Date.parse('2026-07-20T02:00:01.000Z'));
    vi.advanceTimersByTime(3000);
    expect(ticks[1]!.value).toBe(Date.parse('2026-07-20T02:00:04.000Z'));
    expect(setInterval).toHaveBeenCalledTimes(1);

    scopes[0]!.stop();
    scopes[1]!.stop();
    expect(tickerState().running).toBe(true);
    scopes[2]!.stop();
    expect(tickerState()).toEqual({ users: 0, running: false });
    const stopped = ticks[0]!.value;
    vi.advanceTimersByTime(5000);
    expect(ticks[0]!.value).toBe(stopped);
  });
});
