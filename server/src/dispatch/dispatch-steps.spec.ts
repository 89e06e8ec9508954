import { STEP_CLOCK_SKEW_MS, type Dispatch } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { decideStep } from './dispatch-steps';

const NOW = Date.parse('2026-07-20T12:00:00.000Z');
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();

function dispatch(over: Partial<Dispatch> = {}): Dispatch {
  return {
    id: 'd1',
    alertId: 'a1',
    teamId: 'shinan-1',
    status: 'dispatched',
    note: null,
    dispatchedBy: 'duty',
    createdAt: iso(NOW - 30 * MIN),
    ackedAt: null,
    contactedAt: null,
    onsiteAt: null,
    resolvedAt: null,
    resultNote: null,
    ...over,
  };
}

function refused(fn: () => unknown): { status: number; message: string } {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppException) return { status: err.status, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

const open = { alertStatus: 'dispatched' as const, now: NOW };

describe('decideStep', () => {
  it('takes the next step at the server time when no `at` is given', () => {
    expect(decideStep(dispatch(), 'ack', open)).toEqual({ kind: 'apply', at: NOW, expected: 'dispatched' });
  });

  it('takes the phone time when it lies between the previous step and now', () => {
    const d = dispatch({ status: 'acknowledged', ackedAt: iso(NOW - 20 * MIN) });
    expect(decideStep(d, 'contacted', { ...open, at: iso(NOW - 10 * MIN) })).toEqual({
      kind: 'apply',
      at: NOW - 10 * MIN,
      expected: 'acknowledged',
    });
  });

  it('clamps a time within the clock skew to now or to the previous step, so the timeline stays in order', () => {
    expect(decideStep(dispatch(), 'ack', { ...open, at: iso(NOW + STEP_CLOCK_SKEW_MS - 1000) })).toMatchObject({ at: NOW });
    const d = dispatch({ status: 'acknowledged', ackedAt: iso(NOW - 5 * MIN) });
    expect(decideStep(d, 'contacted', { ...open, at: iso(NOW - 6 * MIN) })).toMatchObject({ at: NOW - 5 * MIN });
  });

  it('refuses a time in the future, before the dispatch or the previous step, or older than 24 h, naming `at`', () => {
    expect(refused(() => decideStep(dispatch(), 'ack', { ...open, at: iso(NOW + 3 * MIN) }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^at: .*in the future/),
    });
    expect(refused(() => decideStep(dispatch(), 'ack', { ...open, at: iso(NOW - 40 * MIN) }))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^at: .*before the dispatch was sent/),
    });
    const d = dispatch({ status: 'acknowledged', ackedAt: iso(NOW - 5 * MIN) });
    expect(refused(() => decideStep(d, 'contacted', { ...open, at: iso(NOW - 10 * MIN) })).message).toMatch(
      /^at: .*before the previous step \(acknowledged\)/,
    );
    const old = dispatch({ createdAt: iso(NOW - 30 * 3_600_000) });
    expect(refused(() => decideStep(old, 'ack', { ...open, at: iso(NOW - 25 * 3_600_000) })).message).toMatch(
      /^at: .*more than 24 hours ago/,
    );
  });

  it('answers a step already recorded as a repeat, whatever its `at` or note', () => {
    const d = dispatch({ status: 'onsite', ackedAt: iso(NOW - 20 * MIN), contactedAt: iso(NOW - 15 * MIN), onsiteAt: iso(NOW - 5 * MIN) });
    for (const step of ['ack', 'contacted', 'onsite'] as const) {
      expect(decideStep(d, step, { ...open, at: iso(NOW + 60 * MIN) })).toEqual({ kind: 'repeat' });
    }
    const done = dispatch({ status: 'resolved' });
    expect(decideStep(done, 'resolve', { ...open, alertStatus: 'resolved' })).toEqual({ kind: 'repeat' });
  });

  it('refuses skipping ahead, naming the missing step', () => {
    const d = dispatch({ status: 'acknowledged', ackedAt: iso(NOW - 5 * MIN) });
    expect(refused(() => decideStep(d, 'onsite', open))).toEqual({
      status: 409,
      message: 'step: onsite cannot skip contacted (the dispatch is acknowledged)',
    });
    expect(refused(() => decideStep(dispatch(), 'resolve', { ...open, resultNote: '已处置' })).status).toBe(409);
  });

  it('refuses a new step once the duty room resolved the alert', () => {
    expect(refused(() => decideStep(dispatch(), 'ack', { ...open, alertStatus: 'resolved' }))).toMatchObject({
      status: 409,
      message: expect.stringMatching(/^step: /),
    });
  });

  it('wants a result for 办结', () => {
    const d = dispatch({ status: 'onsite', onsiteAt: iso(NOW - MIN) });
    expect(refused(() => decideStep(d, 'resolve', open))).toMatchObject({ status: 400, message: expect.stringMatching(/^note: required/) });
    expect(refused(() => decideStep(d, 'resolve', { ...open, resultNote: '   ' })).status).toBe(400);
    expect(decideStep(d, 'resolve', { ...open, resultNote: '已劝离' })).toMatchObject({ kind: 'apply', expected: 'onsite' });
  });
});
