import type { OrderAction, OrderBodies, OrderExtension, OrderFollowup } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { firstCheckPending, type OrderRow, type StepRecord } from './order.types';

// The life of an order (CONTRACT §7), decided without the database: given the order as it is and
// an action, the order as it becomes and the step to record, or a refusal naming the step.
//   new 待签收 → signed 办理中 → replied 已答复 → closed 办结
//   new|signed → returned 退回 → (duty assigns) → new, at the other unit
//   replied → (follow-up 不满意 or unresolved) → on the ledger, signed again at its unit

export interface StepContext {
  now: number;
  /** the end of the working day `n` working days after the day of `fromMs` */
  deadline(fromMs: number, n: number): number;
  /** the end of the working day `n` working days after the day of the deadline `ms` */
  extend(ms: number, n: number): number;
  maxExtensionDays: number;
  reopenWorkingDays: number;
  /** a department or unit id the order may go to: its name, or undefined */
  unitName(id: string): string | undefined;
  /** a handling deadline counted from the first check's day (12315 投诉: 45 working days after it), else null */
  dueAfterFirstCheck(o: OrderRow, doneAt: number): number | null;
  /** the latest follow-up recorded, if any */
  lastFollowup: OrderFollowup | null;
  actor: string;
}

export interface Decision {
  /** the order as it becomes; null when the action changes nothing (a repeat of what was done) */
  row: OrderRow | null;
  step: StepRecord | null;
}

const refuse = (step: string, why: string): never => {
  throw new AppException('order.step_out_of_order', `${step}: ${why}`);
};

/** A pending extension request ended by the order moving on (nobody decided it): refused, at that moment. */
const lapsed = (ext: OrderExtension, now: number): OrderExtension => ({
  ...ext,
  decision: 'refused',
  decidedAt: new Date(now).toISOString(),
});

const STATUS_WORDS: Record<OrderRow['status'], string> = {
  new: 'is waiting to be signed',
  signed: 'is being handled',
  replied: 'is replied',
  returned: 'was returned and waits for duty to reassign it',
  closed: 'is closed',
};

export function decide<A extends OrderAction>(o: OrderRow, action: A, body: OrderBodies[A], ctx: StepContext): Decision {
  const { now } = ctx;
  const next: OrderRow = { ...o, updatedAt: now };
  const step = (note: string | null | undefined, data: Record<string, unknown> | null = null): Decision => ({
    row: next,
    step: { action, note: note ?? null, data },
  });
  const status = (allowed: OrderRow['status'][], hint: string) => {
    if (!allowed.includes(o.status)) refuse(action, `the order ${STATUS_WORDS[o.status]}; ${hint}`);
  };

  switch (action) {
    case 'sign': {
      const b = body as OrderBodies['sign'];
      // signed meanwhile by a colleague: answered as it is, nothing recorded
      if (o.status === 'signed') return { row: null, step: null };
      status(['new'], 'only a new order is signed');
      next.status = 'signed';
      next.signedAt = now;
      if (now > (o.firstCheckBy ?? o.dueBy)) next.signLate = true;
      return step(b.note);
    }
    case 'contact': {
      const b = body as OrderBodies['contact'];
      status(['signed'], o.status === 'new' ? 'sign it first' : 'contact belongs to handling');
      if (firstCheckPending(o)) {
        next.contactedAt = now;
        if (now > o.firstCheckBy!) next.firstCheckOverdue = true;
        const due = ctx.dueAfterFirstCheck(o, now);
        if (due !== null) next.dueBy = due;
      }
      return step(b.note);
    }
    case 'reply': {
      const b = body as OrderBodies['reply'];
      status(['signed'], o.status === 'new' ? 'sign it first' : 'only an order being handled is replied');
      if (firstCheckPending(o) && now > o.firstCheckBy!) next.firstCheckOverdue = true;
      next.status = 'replied';
      next.repliedAt = now;
      next.result = b.result;
      // the reply ends the handling an extension was asked for
      if (o.extension?.decision === 'pending') next.extension = lapsed(o.extension, now);
      if (now > o.dueBy) next.dueOverdue = true;
      return step(b.note, { result: b.result });
    }
    case 'extend': {
      const b = body as OrderBodies['extend'];
      if (b.workingDays > ctx.maxExtensionDays) {
        throw new AppException('request.invalid_body', `workingDays: at most ${ctx.maxExtensionDays} working days (got ${b.workingDays})`);
      }
      status(['signed'], o.status === 'new' ? 'sign it first' : 'only an order being handled is extended');
      if (o.extension?.decision === 'pending') {
        throw new AppException('order.extension_pending', 'extend: an extension request already waits for review');
      }
      const ext: OrderExtension = {
        workingDays: b.workingDays,
        reason: b.reason,
        requestedAt: new Date(now).toISOString(),
        requestedBy: ctx.actor,
        decision: 'pending',
        decidedAt: null,
        decidedBy: null,
        dueBefore: new Date(o.dueBy).toISOString(),
        dueAfter: null,
      };
      next.extension = ext;
      return step(b.reason, { workingDays: b.workingDays });
    }
    case 'return': {
      const b = body as OrderBodies['return'];
      status(['new', 'signed'], 'only an order not yet replied is returned');
      next.status = 'returned';
      next.returnedAt = now;
      // a pending extension dies with the return: the next unit asks for its own
      if (o.extension?.decision === 'pending') next.extension = lapsed(o.extension, now);
      return step(b.reason, { departmentId: o.departmentId });
    }
    case 'assign': {
      const b = body as OrderBodies['assign'];
      const name = ctx.unitName(b.departmentId);
      if (name === undefined) {
        throw new AppException('order.unknown_department', `departmentId: ${b.departmentId.slice(0, 64)} is not a department or unit`);
      }
      status(['new', 'signed', 'returned'], 'only an order not yet replied is reassigned');
      if (b.departmentId === o.departmentId && o.status !== 'returned') {
        refuse(action, `the order is already at ${name}`);
      }
      next.status = 'new';
      next.departmentId = b.departmentId;
      next.signedAt = null;
      next.returnedAt = null;
      if (o.extension?.decision === 'pending') next.extension = null;
      return step(b.note, { from: o.departmentId, to: b.departmentId });
    }
    case 'remind': {
      const b = body as OrderBodies['remind'];
      status(['new', 'signed', 'returned'], 'only an open order is reminded');
      return step(b.note);
    }
    case 'extension': {
      const b = body as OrderBodies['extension'];
      if (o.extension?.decision !== 'pending') {
        throw new AppException('order.no_extension_request', 'extension: no extension request waits for review');
      }
      const ext: OrderExtension = { ...o.extension, decidedAt: new Date(now).toISOString(), decidedBy: ctx.actor };
      if (b.approve) {
        next.dueBy = ctx.extend(o.dueBy, ext.workingDays);
        ext.decision = 'approved';
        ext.dueAfter = new Date(next.dueBy).toISOString();
      } else {
        ext.decision = 'refused';
      }
      next.extension = ext;
      return step(b.note, { approve: b.approve, workingDays: ext.workingDays, dueBy: new Date(next.dueBy).toISOString() });
    }
    case 'followup': {
      const b = body as OrderBodies['followup'];
      status(['replied'], o.status === 'closed' ? 'a closed order takes no follow-up' : 'the unit has not replied yet');
      const satisfied = b.satisfaction !== '不满意' && b.resolved;
      // the latest follow-up stays on the row (the rates count it)
      next.satisfaction = b.satisfaction;
      next.followupResolved = b.resolved;
      if (!satisfied) {
        // 挂牌督办: on the ledger, and back to its unit with a new handling deadline
        if (!o.ledger || o.ledgerClosedAt !== null) {
          next.ledger = true;
          next.ledgerAt = now;
          next.ledgerClosedAt = null;
          next.ledgerReason = b.satisfaction === '不满意' ? 'unsatisfied' : 'unresolved';
        }
        next.status = 'signed';
        next.reopened = o.reopened + 1;
        next.dueBy = ctx.deadline(now, ctx.reopenWorkingDays);
        next.result = null;
      }
      return step(b.note, { satisfaction: b.satisfaction, resolved: b.resolved, reopened: !satisfied });
    }
    case 'close': {
      const b = body as OrderBodies['close'];
      status(['replied'], o.status === 'closed' ? 'it was closed before' : 'only a replied order is closed');
      const f = ctx.lastFollowup;
      const afterReply = f !== null && o.repliedAt !== null && Date.parse(f.at) >= o.repliedAt;
      if (o.ledger && o.ledgerClosedAt === null && !(afterReply && f.satisfaction !== '不满意' && f.resolved)) {
        throw new AppException(
          'order.followup_required',
          'close: a ledger order is closed off only after a satisfied, resolved follow-up of its latest reply',
        );
      }
      next.status = 'closed';
      next.closedAt = now;
      // a request still waiting has nothing left to extend: off duty's review list
      if (o.extension?.decision === 'pending') next.extension = lapsed(o.extension, now);
      if (o.ledger && o.ledgerClosedAt === null) next.ledgerClosedAt = now;
      return step(b.note);
    }
  }
  return refuse(action, 'unknown action');
}
