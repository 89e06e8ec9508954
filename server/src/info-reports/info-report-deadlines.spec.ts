import { lateStepsOf, owedNow, stepRefusal, type ReportClock } from './info-report-deadlines';

const LIMITS = { initialMinutes: 30, updateEveryMinutes: 120, finalMinutes: 60 };
const T0 = Date.parse('2026-12-05T09:00:00Z');
const min = (n: number) => n * 60_000;
const clock = (over: Partial<ReportClock> = {}): ReportClock => ({
  closed: false,
  openedAt: T0,
  initialAt: null,
  lastSubmittedAt: null,
  updates: 0,
  resolvedAt: null,
  ...over,
});

describe('information report deadlines', () => {
  it('owes the initial within initialMinutes of opening, resolved or not', () => {
    expect(owedNow(clock(), LIMITS)).toEqual({ step: 'initial', number: 1, dueAt: T0 + min(30) });
    expect(owedNow(clock({ resolvedAt: T0 + min(5) }), LIMITS)).toEqual({ step: 'initial', number: 1, dueAt: T0 + min(30) });
  });

  it('owes the next update every updateEveryMinutes after the last submission while unresolved', () => {
    const afterInitial = clock({ initialAt: T0 + min(40), lastSubmittedAt: T0 + min(40) });
    expect(owedNow(afterInitial, LIMITS)).toEqual({ step: 'update', number: 1, dueAt: T0 + min(160) });
    const afterTwo = clock({ initialAt: T0 + min(40), lastSubmittedAt: T0 + min(300), updates: 2 });
    expect(owedNow(afterTwo, LIMITS)).toEqual({ step: 'update', number: 3, dueAt: T0 + min(420) });
  });

  it('owes the final within finalMinutes of resolution, and no longer an overdue update; nothing once closed', () => {
    const resolved = clock({ initialAt: T0 + min(10), lastSubmittedAt: T0 + min(10), resolvedAt: T0 + min(500) });
    expect(owedNow(resolved, LIMITS)).toEqual({ step: 'final', number: 1, dueAt: T0 + min(560) });
    expect(owedNow({ ...resolved, closed: true }, LIMITS)).toBeNull();
  });

  it('refuses steps out of turn, naming the step first', () => {
    expect(stepRefusal('initial', clock())).toBeNull();
    expect(stepRefusal('update', clock())).toBe('update: submit the initial report first');
    expect(stepRefusal('final', clock({ resolvedAt: T0 }))).toBe('final: submit the initial report first');
    const after = clock({ initialAt: T0, lastSubmittedAt: T0 });
    expect(stepRefusal('initial', after)).toBe('initial: already submitted');
    expect(stepRefusal('update', after)).toBeNull();
    expect(stepRefusal('final', after)).toBe('final: the alert is not resolved yet');
    const resolved = { ...after, resolvedAt: T0 + min(1) };
    expect(stepRefusal('final', resolved)).toBeNull();
    expect(stepRefusal('update', resolved)).toBe('update: the alert is resolved; submit the final report');
    expect(stepRefusal('final', { ...resolved, closed: true })).toBe('final: the report is closed (the final report is in)');
    expect(stepRefusal('update', { ...resolved, closed: true })).toMatch(/^update: the report is closed/);
  });

  it('lists late steps once each, in the order of the steps', () => {
    expect(lateStepsOf(['final', 'update', 'initial', 'update'])).toEqual(['initial', 'update', 'final']);
    expect(lateStepsOf([])).toEqual([]);
  });
});
