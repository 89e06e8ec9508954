import type { OrderAction, OrderBodies, OrderFollowup, ReplyResult } from '@jointduty/shared';
import type { UnitsSettings } from '../../config/simulator.schema';
import { firstCheckPending, type OrderRow } from '../../orders/order.types';
import { Rng } from '../rng';

// What a simulated unit, or duty, does next with an order, and when: decided from the order as it
// stands (its status and the times of its steps) and its id, without the database or the clock.
// Every draw comes from a stream seeded by the order's id and the stage it is at, so the same order
// gets the same answer however often it is asked, before and after a restart.

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** the share of the time left to its deadline by which an on-time step comes, at the latest */
const ON_TIME_SHARE = [0.4, 0.8] as const;
/** how far into the calling hours a call put off to them comes, at most */
const CALL_SPREAD = 1.5 * HOUR;

/** Who takes a planned step: the order's unit, or duty. */
export type StepActor = 'unit' | 'duty';

/** The next step of an order: what, by whom, from when on, with its body. */
export type PlannedStep = {
  [A in OrderAction]: { action: A; by: StepActor; at: number; body: OrderBodies[A] };
}[OrderAction];

/** What the plan needs besides the order. */
export interface PlanContext {
  settings: UnitsSettings;
  /** the start (ms) of the city day that holds `ms` */
  dayStart(ms: number): number;
  /** where duty sends an order its unit returned: another unit, drawn from `rng` */
  reassign(o: OrderRow, rng: Rng): string;
  /** the most working days one extension request may ask for */
  maxExtensionDays: number;
}

/** What is known of an order beyond its row: its latest follow-up. */
export interface OrderFacts {
  lastFollowup: OrderFollowup | null;
}

/** The step an order is due for at `now`, or null when none is (yet). */
export function dueStep(o: OrderRow, facts: OrderFacts, ctx: PlanContext, now: number): PlannedStep | null {
  const step = nextStep(o, facts, ctx);
  return step && step.at <= now ? step : null;
}

/** The next step of an order and when it comes; null for a closed order. */
export function nextStep(o: OrderRow, facts: OrderFacts, ctx: PlanContext): PlannedStep | null {
  switch (o.status) {
    case 'new':
      return onNew(o, ctx);
    case 'signed':
      return onSigned(o, facts, ctx);
    case 'returned':
      return onReturned(o, ctx);
    case 'replied':
      return onReplied(o, facts, ctx);
    case 'closed':
      return null;
  }
}

// 待签收: signed soon, a few left until past their first check, a few returned as not theirs by
// the unit it first went to (an order never changed since it arrived); one reassigned is signed.
// The order's last change is its arrival, or its reassignment to this unit.
function onNew(o: OrderRow, ctx: PlanContext): PlannedStep {
  const s = ctx.settings;
  const rng = streamOf(o, `new:${o.departmentId}`);
  const returned = rng.chance(s.returns.share) && o.updatedAt === o.createdAt;
  const at = timed(rng, o.updatedAt, o.firstCheckBy ?? o.dueBy, s.sign.minutes, returned ? 0 : s.sign.late, s.lateBy);
  if (returned) return { action: 'return', by: 'unit', at, body: { reason: rng.pick(s.notes.return) } };
  const note = rng.pick(s.notes.sign);
  return { action: 'sign', by: 'unit', at, body: note ? { note } : {} };
}

// 办理中: duty reviews a pending extension; else the unit contacts the citizen (the first check)
// unless its reply comes first, may ask for more time, and replies.
function onSigned(o: OrderRow, facts: OrderFacts, ctx: PlanContext): PlannedStep {
  const s = ctx.settings;
  const ext = o.extension;
  if (ext?.decision === 'pending') {
    const rng = streamOf(o, 'review');
    const approve = rng.chance(s.extension.approve);
    const at = Date.parse(ext.requestedAt) + span(rng, s.extension.reviewMinutes);
    const note = rng.pick(approve ? s.notes.extension.approve : s.notes.extension.refuse);
    return { action: 'extension', by: 'duty', at, body: { approve, note } };
  }
  const signedAt = o.signedAt ?? o.updatedAt;
  const replyRng = streamOf(o, `reply:${o.reopened}`);
  const replyMinutes = s.reply.kinds[o.kind] ?? s.reply.minutes;
  const reply = (base: number): PlannedStep => {
    const at = timed(replyRng, base, o.dueBy, replyMinutes, s.reply.late, s.lateBy);
    return { action: 'reply', by: 'unit', at, body: replyBody(o, replyRng, s) };
  };
  if (firstCheckPending(o)) {
    const rng = streamOf(o, 'contact');
    const contactAt = timed(rng, signedAt, o.firstCheckBy, s.contact.minutes, s.contact.late, s.lateBy);
    const direct = reply(signedAt);
    // answered at once (a consultation): the reply is the first check too
    if (direct.at < contactAt) return direct;
    return { action: 'contact', by: 'unit', at: contactAt, body: { note: rng.pick(s.notes.contact) } };
  }
  // handling restarts from the last thing that happened: contact, the extension's review, a reopening
  const reopenedAt = o.reopened > 0 && facts.lastFollowup ? Date.parse(facts.lastFollowup.at) : null;
  const decidedAt = ext?.decidedAt ? Date.parse(ext.decidedAt) : null;
  const base = Math.max(signedAt, o.contactedAt ?? 0, decidedAt ?? 0, reopenedAt ?? (o.reopened > 0 ? o.updatedAt : 0));
  if (o.reopened === 0 && ext === null) {
    const rng = streamOf(o, 'extend');
    if (rng.chance(s.extension.share)) {
      const at = timed(rng, base, o.dueBy, s.extension.minutes, 0, s.lateBy);
      const [lo, hi] = s.extension.workingDays;
      const workingDays = Math.min(rng.int(lo, hi), ctx.maxExtensionDays);
      return { action: 'extend', by: 'unit', at, body: { workingDays, reason: rng.pick(s.notes.extend) } };
    }
  }
  return reply(base);
}

// 退回: duty reassigns it, to the unit the category goes to or another.
function onReturned(o: OrderRow, ctx: PlanContext): PlannedStep {
  const s = ctx.settings;
  const rng = streamOf(o, `assign:${o.departmentId}`);
  const at = (o.returnedAt ?? o.updatedAt) + span(rng, s.returns.reassignMinutes);
  return { action: 'assign', by: 'duty', at, body: { departmentId: ctx.reassign(o, rng), note: rng.pick(s.notes.assign) } };
}

// 已答复: duty calls the citizen back in calling hours, then closes off after a satisfied call.
function onReplied(o: OrderRow, facts: OrderFacts, ctx: PlanContext): PlannedStep | null {
  const s = ctx.settings;
  const repliedAt = o.repliedAt ?? o.updatedAt;
  const f = facts.lastFollowup;
  if (f && Date.parse(f.at) >= repliedAt) {
    // an unsatisfied call reopens the order; one recorded against this reply was satisfied
    if (f.satisfaction === '不满意' || !f.resolved) return null;
    const rng = streamOf(o, `close:${o.reopened}`);
    return { action: 'close', by: 'duty', at: Date.parse(f.at) + span(rng, s.close.minutes), body: { note: rng.pick(s.notes.close) } };
  }
  const rng = streamOf(o, `followup:${o.reopened}`);
  const at = inHours(rng, repliedAt + span(rng, s.followup.minutes), s.followup.hours, ctx);
  const satisfaction = weighted(rng, o.reopened > 0 ? s.followup.afterReopen : s.followup.satisfaction);
  const unresolved =
    o.reopened === 0 && (o.result === '未解决' || (o.result === '部分解决' && rng.chance(s.followup.unresolvedWhenPartial)));
  const note = rng.pick(s.notes.followup[unresolved ? '不满意' : satisfaction]);
  return { action: 'followup', by: 'duty', at, body: { satisfaction, resolved: !unresolved, note } };
}

function replyBody(o: OrderRow, rng: Rng, s: UnitsSettings): OrderBodies['reply'] {
  // a reopened order is handled until it is solved
  const drawn = weighted(rng, s.reply.results);
  const result: ReplyResult = o.reopened > 0 ? '已解决' : drawn;
  const head = (o.category ?? '').split('>')[0]!;
  const bank = s.notes.reply[head]?.[result] ?? s.notes.reply.default?.[result] ?? s.notes.reply.default?.['已解决'] ?? ['已办理。'];
  return { result, note: rng.pick(bank) };
}

/**
 * When a step comes that must meet a deadline: `minutes` after `base`, but before the deadline
 * (at a drawn share of the time left, ON_TIME_SHARE, when the draw would come later: a margin for
 * the scan to reach it); for the `late` share, `lateBy` after the deadline. A deadline already
 * past leaves the plain draw. Draws the same numbers whichever way it goes, so the stream stays
 * in step.
 */
export function timed(
  rng: Rng,
  base: number,
  deadline: number | null,
  minutes: readonly [number, number],
  late: number,
  lateBy: readonly [number, number],
): number {
  const isLate = rng.chance(late);
  const at = base + span(rng, minutes);
  const past = span(rng, lateBy);
  const share = ON_TIME_SHARE[0] + rng.next() * (ON_TIME_SHARE[1] - ON_TIME_SHARE[0]);
  if (deadline === null) return at;
  if (isLate) return Math.max(at, deadline + past);
  if (at <= base + share * (deadline - base) || deadline <= base) return at;
  return base + Math.floor(share * (deadline - base));
}

/** A time `[low, high]` minutes long, drawn log-uniformly: most short, a tail long (ms). */
export function span(rng: Rng, [low, high]: readonly [number, number]): number {
  const minutes = low === high ? low : low * Math.pow(high / low, rng.next());
  return Math.round(minutes * MINUTE);
}

/** `at`, or the start of the next calling window (hours [from, until) city time) with a spread. */
function inHours(rng: Rng, at: number, [from, until]: readonly [number, number], ctx: PlanContext): number {
  const spread = Math.floor(rng.next() * CALL_SPREAD);
  const day = ctx.dayStart(at);
  const hour = (at - day) / HOUR;
  if (hour >= from && hour < until) return at;
  const start = hour < from ? day : ctx.dayStart(day + 30 * HOUR);
  return start + from * HOUR + Math.min(spread, Math.max(0, (until - from) * HOUR - MINUTE));
}

function weighted<K extends string>(rng: Rng, weights: Partial<Record<K, number>>): K {
  const keys = (Object.keys(weights) as K[]).filter((k) => (weights[k] ?? 0) > 0);
  return rng.weighted(keys, (k) => weights[k] ?? 0);
}

/** The order's own random stream for a stage (FNV-1a of its id and the stage). */
export function streamOf(o: Pick<OrderRow, 'id'>, stage: string): Rng {
  const key = `${o.id}|${stage}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return new Rng(h >>> 0);
}
