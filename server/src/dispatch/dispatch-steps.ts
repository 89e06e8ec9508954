import {
  DISPATCH_STATUSES,
  DISPATCH_STEPS,
  STEP_CLOCK_SKEW_MS,
  STEP_MAX_AGE_MS,
  STEP_STATUS,
  type AlertStatus,
  type Dispatch,
  type DispatchStatus,
  type DispatchStep,
} from '@jointduty/shared';
import { AppException } from '../common/app.exception';

// The rules of a team's response steps:
// - in order, one at a time: 签收 → 已联系 → 到场 → 办结. Skipping ahead is refused (409): the
//   phone always offers the next step only, and a skipped step would leave a hole in the timeline
//   the wall and the leaders read;
// - a step already recorded, sent again (a phone replaying its offline queue after a lost answer,
//   or a second phone of the same team), answers 200 with the dispatch as it is: nothing changes;
// - once the duty room has resolved the alert, no new step is taken (409);
// - `at` is when the officer pressed the button. It may not be later than the server's clock nor
//   earlier than the previous step (or the dispatch itself) by more than the clock skew allowed;
//   within that skew it is clamped, so the timeline stays in order. Older than 24 h is refused.

export type StepDecision = { kind: 'repeat' } | { kind: 'apply'; at: number; expected: DispatchStatus };

const TIME_OF: Record<DispatchStatus, keyof Dispatch> = {
  dispatched: 'createdAt',
  acknowledged: 'ackedAt',
  contacted: 'contactedAt',
  onsite: 'onsiteAt',
  resolved: 'resolvedAt',
};

const iso = (t: number) => new Date(t).toISOString();

export function decideStep(
  d: Dispatch,
  step: DispatchStep,
  opts: { at?: string; alertStatus: AlertStatus; resultNote?: string; now: number },
): StepDecision {
  const current = DISPATCH_STATUSES.indexOf(d.status);
  const target = DISPATCH_STATUSES.indexOf(STEP_STATUS[step]);
  if (target <= current) return { kind: 'repeat' };
  if (opts.alertStatus === 'resolved') {
    throw new AppException('dispatch.alert_resolved', `step: the duty room has resolved the alert; ${step} is no longer taken`);
  }
  if (target > current + 1) {
    const missing = DISPATCH_STEPS[current]!;
    throw new AppException('dispatch.step_skipped', `step: ${step} cannot skip ${missing} (the dispatch is ${d.status})`);
  }
  if (step === 'resolve' && (opts.resultNote === undefined || opts.resultNote.trim().length === 0)) {
    throw new AppException('dispatch.note_required', 'note: required for resolve: the result of the handling');
  }
  const previous = Date.parse(String(d[TIME_OF[d.status]]));
  let at = opts.now;
  if (opts.at !== undefined) {
    const t = Date.parse(opts.at);
    if (t > opts.now + STEP_CLOCK_SKEW_MS) {
      throw new AppException('dispatch.time_in_future', `at: ${opts.at} is in the future (the server's clock says ${iso(opts.now)})`);
    }
    if (t < opts.now - STEP_MAX_AGE_MS) {
      throw new AppException('dispatch.time_too_old', `at: ${opts.at} is more than 24 hours ago`);
    }
    if (t < previous - STEP_CLOCK_SKEW_MS) {
      const what = d.status === 'dispatched' ? 'the dispatch was sent' : `the previous step (${d.status})`;
      throw new AppException('dispatch.time_before_previous', `at: ${opts.at} is before ${what} at ${iso(previous)}`);
    }
    at = Math.min(opts.now, Math.max(previous, t));
  }
  return { kind: 'apply', at: Math.max(at, previous), expected: d.status };
}
