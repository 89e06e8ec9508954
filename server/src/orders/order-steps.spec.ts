import {
  ORDER_DUTY_ACTIONS,
  ORDER_STATUSES,
  ORDER_UNIT_ACTIONS,
  type OrderAction,
  type OrderBodies,
  type OrderExtension,
  type OrderFollowup,
  type OrderStatus,
} from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { loadConfig } from '../config/config.loader';
import { dueAfterFirstCheck } from './order-deadlines';
import { decide, type Decision, type StepContext } from './order-steps';
import { NOTHING_DONE_YET, type OrderRow } from './order.types';
import { UnitDirectory } from './units';
import { WorkingCalendar } from './working-calendar';

// The step machine (CONTRACT §7) on the shipped config: its calendar, limits and units.
const config = loadConfig({ env: {} });
const cal = new WorkingCalendar(config.calendar, config.city.timezone);
const units = new UnitDirectory(config.departments);

const at = (local: string): number => Date.parse(`${local}+08:00`);
const endOf = (date: string): number => at(`${date}T23:59:59.999`);
const iso = (ms: number) => new Date(ms).toISOString();

// a 12345 complaint received on Thursday 12 February 2026 at 10:00, the day before 春节's days off
const RECEIVED = at('2026-02-12T10:00:00');
const FIRST_CHECK = endOf('2026-02-13');
const DUE = endOf('2026-03-11');

function row(over: Partial<OrderRow> = {}): OrderRow {
  return {
    id: 'o-1',
    incidentId: 'i-1',
    channel: '12345',
    externalId: 'GD-1',
    kind: '投诉',
    title: '海鲜大排档缺斤短两',
    district: '市北区',
    category: '市场监管>计量监管',
    departmentId: 'market',
    status: 'new',
    urgent: false,
    createdAt: RECEIVED,
    updatedAt: RECEIVED,
    firstCheckBy: FIRST_CHECK,
    dueBy: DUE,
    ...NOTHING_DONE_YET,
    version: 3,
    ...over,
  };
}

const pending = (over: Partial<OrderExtension> = {}): OrderExtension => ({
  workingDays: 5,
  reason: '需要送检',
  requestedAt: iso(at('2026-02-12T11:00:00')),
  requestedBy: 'dept-market',
  decision: 'pending',
  decidedAt: null,
  decidedBy: null,
  dueBefore: iso(DUE),
  dueAfter: null,
  ...over,
});

// an order as the machine leaves it in each status
const SIGNED_AT = at('2026-02-12T10:30:00');
const REPLIED_AT = at('2026-02-12T15:00:00');
const IN: Record<OrderStatus, Partial<OrderRow>> = {
  new: {},
  signed: { status: 'signed', signedAt: SIGNED_AT },
  replied: { status: 'replied', signedAt: SIGNED_AT, contactedAt: SIGNED_AT, repliedAt: REPLIED_AT, result: '已解决' },
  returned: { status: 'returned', returnedAt: SIGNED_AT },
  closed: {
    status: 'closed',
    signedAt: SIGNED_AT,
    contactedAt: SIGNED_AT,
    repliedAt: REPLIED_AT,
    result: '已解决',
    closedAt: at('2026-02-12T16:00:00'),
  },
};

function ctx(now: number, over: Partial<StepContext> = {}): StepContext {
  return {
    now,
    actor: 'tester',
    deadline: (from, n) => cal.deadline(from, n),
    extend: (ms, n) => cal.endOfDay(cal.addWorkingDays(cal.dayOf(ms), n)),
    maxExtensionDays: config.orders.extensionMaxWorkingDays,
    reopenWorkingDays: config.orders.reopenWorkingDays,
    unitName: (id) => units.get(id)?.name,
    dueAfterFirstCheck: (o, doneAt) =>
      dueAfterFirstCheck({ channel: o.channel, kind: o.kind, urgent: o.urgent }, doneAt, config.orders, cal),
    lastFollowup: null,
    ...over,
  };
}

const NOW = at('2026-02-12T17:00:00');

/** decide(), or the AppException it throws (anything else fails the test). */
function attempt<A extends OrderAction>(o: OrderRow, action: A, body: OrderBodies[A], c: StepContext = ctx(NOW)): Decision | AppException {
  try {
    return decide(o, action, body, c);
  } catch (e) {
    if (e instanceof AppException) return e;
    throw e;
  }
}

function refusal(r: Decision | AppException): AppException {
  if (!(r instanceof AppException)) throw new Error(`expected a refusal, got ${JSON.stringify(r.row?.status)}`);
  return r;
}

function accepted(r: Decision | AppException): { row: OrderRow; step: NonNullable<Decision['step']> } {
  if (r instanceof AppException) throw new Error(`expected the step to be taken, got ${r.code}: ${r.message}`);
  expect(r.row).not.toBeNull();
  expect(r.step).not.toBeNull();
  return { row: r.row!, step: r.step! };
}

const BODIES: { [A in OrderAction]: OrderBodies[A] } = {
  sign: {},
  contact: { note: '已电话联系诉求人' },
  reply: { result: '已解决', note: '已责令商户整改' },
  extend: { workingDays: 5, reason: '需要送检' },
  return: { reason: '不属于本单位职责' },
  assign: { departmentId: 'city-management' },
  remind: { note: '请尽快办理' },
  extension: { approve: true },
  followup: { satisfaction: '满意', resolved: true },
  close: {},
};

// What each action does from each status: the status it leaves, 'as is' (a repeat that changes
// nothing), or null (refused). A review of an extension is tried where a request can wait
// (signed, replied); elsewhere there is none.
const TABLE: Record<OrderAction, Record<OrderStatus, OrderStatus | 'as is' | null>> = {
  sign: { new: 'signed', signed: 'as is', replied: null, returned: null, closed: null },
  contact: { new: null, signed: 'signed', replied: null, returned: null, closed: null },
  reply: { new: null, signed: 'replied', replied: null, returned: null, closed: null },
  extend: { new: null, signed: 'signed', replied: null, returned: null, closed: null },
  return: { new: 'returned', signed: 'returned', replied: null, returned: null, closed: null },
  assign: { new: 'new', signed: 'new', replied: null, returned: 'new', closed: null },
  remind: { new: 'new', signed: 'signed', replied: null, returned: 'returned', closed: null },
  extension: { new: null, signed: 'signed', replied: 'replied', returned: null, closed: null },
  followup: { new: null, signed: null, replied: 'replied', returned: null, closed: null },
  close: { new: null, signed: null, replied: 'closed', returned: null, closed: null },
};

describe('the order step machine', () => {
  it('covers every action and status', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...ORDER_UNIT_ACTIONS, ...ORDER_DUTY_ACTIONS].sort());
    for (const byStatus of Object.values(TABLE)) expect(Object.keys(byStatus).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  describe.each(Object.keys(TABLE) as OrderAction[])('%s', (action) => {
    it.each(ORDER_STATUSES.map((s) => [s, TABLE[action][s]] as const))('from %s → %s', (status, expected) => {
      const extension = action === 'extension' && (status === 'signed' || status === 'replied') ? pending() : null;
      const before = row({ ...IN[status], extension });
      const frozen = structuredClone(before);
      const r = attempt(before, action, BODIES[action]);
      // the order given is never changed in place
      expect(before).toEqual(frozen);
      if (expected === null) {
        const e = refusal(r);
        expect(e.status).toBe(409);
        expect(e.code).toBe(action === 'extension' ? 'order.no_extension_request' : 'order.step_out_of_order');
        expect(e.message.startsWith(`${action}: `)).toBe(true);
      } else if (expected === 'as is') {
        expect(r).toEqual({ row: null, step: null });
      } else {
        const { row: after, step } = accepted(r);
        expect(after.status).toBe(expected);
        expect(after.updatedAt).toBe(NOW);
        expect(after.version).toBe(before.version);
        expect(step.action).toBe(action);
      }
    });
  });

  it('sign repeated while signed answers the order as it is and records nothing', () => {
    expect(decide(row(IN.signed), 'sign', { note: '再次签收' }, ctx(NOW))).toEqual({ row: null, step: null });
  });

  describe('overdue marks', () => {
    it('a sign after the first-check deadline is late', () => {
      expect(accepted(attempt(row(), 'sign', {}, ctx(FIRST_CHECK + 1))).row.signLate).toBe(true);
      expect(accepted(attempt(row(), 'sign', {}, ctx(FIRST_CHECK))).row.signLate).toBe(false);
    });

    it('a contact after the first-check deadline marks the first check overdue; on time it does not', () => {
      const late = accepted(attempt(row(IN.signed), 'contact', BODIES.contact, ctx(FIRST_CHECK + 1))).row;
      expect(late.contactedAt).toBe(FIRST_CHECK + 1);
      expect(late.firstCheckOverdue).toBe(true);
      expect(late.dueOverdue).toBe(false);
      const onTime = accepted(attempt(row(IN.signed), 'contact', BODIES.contact, ctx(NOW))).row;
      expect(onTime.contactedAt).toBe(NOW);
      expect(onTime.firstCheckOverdue).toBe(false);
    });

    it('a second contact keeps the first one’s time', () => {
      const again = accepted(attempt(row({ ...IN.signed, contactedAt: NOW }), 'contact', BODIES.contact, ctx(FIRST_CHECK + 1)));
      expect(again.row.contactedAt).toBe(NOW);
      expect(again.row.firstCheckOverdue).toBe(false);
      expect(again.step.note).toBe(BODIES.contact.note);
    });

    it('a reply after the handling deadline marks it overdue, and the first check too when it never came', () => {
      const late = accepted(attempt(row(IN.signed), 'reply', BODIES.reply, ctx(DUE + 1))).row;
      expect(late).toMatchObject({ status: 'replied', repliedAt: DUE + 1, result: '已解决', firstCheckOverdue: true, dueOverdue: true });
      const contacted = row({ ...IN.signed, contactedAt: NOW });
      expect(accepted(attempt(contacted, 'reply', BODIES.reply, ctx(DUE + 1))).row).toMatchObject({
        firstCheckOverdue: false,
        dueOverdue: true,
      });
      const onTime = accepted(attempt(row(IN.signed), 'reply', BODIES.reply, ctx(NOW))).row;
      expect(onTime).toMatchObject({ firstCheckOverdue: false, dueOverdue: false });
    });

    it('a mark once set stays, whatever comes after', () => {
      const marked = row({ ...IN.signed, firstCheckOverdue: true });
      expect(accepted(attempt(marked, 'reply', BODIES.reply, ctx(NOW))).row.firstCheckOverdue).toBe(true);
    });

    it('a 12315 complaint’s handling deadline counts 45 working days from the day of its first check', () => {
      const complaint = row({
        ...IN.signed,
        channel: '12315',
        kind: '投诉',
        firstCheckBy: endOf('2026-02-28'),
        dueBy: endOf('2026-05-07'),
      });
      const done = accepted(attempt(complaint, 'contact', { note: '已作出受理决定' }, ctx(at('2026-02-24T15:00:00')))).row;
      expect(done.dueBy).toBe(endOf('2026-04-28'));
    });
  });

  describe('extensions', () => {
    const signed = row(IN.signed);

    it('a request waits for review and records who asked, for how long and from which deadline', () => {
      const { row: after, step } = accepted(
        attempt(signed, 'extend', { workingDays: 5, reason: '需要送检' }, ctx(NOW, { actor: 'dept-market' })),
      );
      expect(after.extension).toEqual({
        workingDays: 5,
        reason: '需要送检',
        requestedAt: iso(NOW),
        requestedBy: 'dept-market',
        decision: 'pending',
        decidedAt: null,
        decidedBy: null,
        dueBefore: iso(DUE),
        dueAfter: null,
      });
      expect(after.dueBy).toBe(DUE);
      expect(step).toEqual({ action: 'extend', note: '需要送检', data: { workingDays: 5 } });
    });

    it('a pending request blocks a second one', () => {
      const e = refusal(attempt(row({ ...IN.signed, extension: pending() }), 'extend', BODIES.extend));
      expect(e.status).toBe(409);
      expect(e.code).toBe('order.extension_pending');
      expect(e.message.startsWith('extend: ')).toBe(true);
    });

    it('a decided request leaves room for a new one', () => {
      for (const decision of ['approved', 'refused'] as const) {
        const after = accepted(attempt(row({ ...IN.signed, extension: pending({ decision }) }), 'extend', BODIES.extend)).row;
        expect(after.extension?.decision).toBe('pending');
      }
    });

    it.each([31, 365])('more than the limit (%i working days) is a 400 naming workingDays', (workingDays) => {
      const e = refusal(attempt(signed, 'extend', { workingDays, reason: '需要送检' }));
      expect(e.status).toBe(400);
      expect(e.message).toMatch(/^workingDays: .*30/);
    });

    it('the limit itself is allowed', () => {
      expect(accepted(attempt(signed, 'extend', { workingDays: 30, reason: '需要送检' })).row.extension?.workingDays).toBe(30);
    });

    it('approved: the handling deadline moves by working days (across 春节), and the request says so', () => {
      const o = row({ ...IN.signed, dueBy: endOf('2026-02-13'), extension: pending({ dueBefore: iso(endOf('2026-02-13')) }) });
      const { row: after, step } = accepted(attempt(o, 'extension', { approve: true, note: '同意' }, ctx(NOW, { actor: 'duty' })));
      // the make-up Saturday 14th, then 24–27 February
      expect(after.dueBy).toBe(endOf('2026-02-27'));
      expect(after.extension).toMatchObject({
        decision: 'approved',
        decidedAt: iso(NOW),
        decidedBy: 'duty',
        dueBefore: iso(endOf('2026-02-13')),
        dueAfter: iso(endOf('2026-02-27')),
      });
      expect(step).toEqual({ action: 'extension', note: '同意', data: { approve: true, workingDays: 5, dueBy: iso(endOf('2026-02-27')) } });
    });

    it('refused: the deadline stays', () => {
      const { row: after } = accepted(
        attempt(row({ ...IN.signed, extension: pending() }), 'extension', { approve: false }, ctx(NOW, { actor: 'duty' })),
      );
      expect(after.dueBy).toBe(DUE);
      expect(after.extension).toMatchObject({ decision: 'refused', decidedAt: iso(NOW), decidedBy: 'duty', dueAfter: null });
    });

    it('a review with no request waiting is refused naming the step', () => {
      for (const extension of [null, pending({ decision: 'approved' }), pending({ decision: 'refused' })]) {
        const e = refusal(attempt(row({ ...IN.signed, extension }), 'extension', { approve: true }));
        expect(e.code).toBe('order.no_extension_request');
        expect(e.message.startsWith('extension: ')).toBe(true);
      }
    });

    it('a return ends a pending request: the next unit asks for its own', () => {
      const after = accepted(attempt(row({ ...IN.signed, extension: pending() }), 'return', BODIES.return)).row;
      expect(after.status).toBe('returned');
      expect(after.extension?.decision).not.toBe('pending');
      expect(after.extension?.decidedAt).toBe(iso(NOW));
      expect(after.dueBy).toBe(DUE);
    });

    it('a reassignment drops a pending request and keeps a decided one', () => {
      expect(accepted(attempt(row({ ...IN.signed, extension: pending() }), 'assign', BODIES.assign)).row.extension).toBeNull();
      const approved = pending({ decision: 'approved' });
      expect(accepted(attempt(row({ ...IN.signed, extension: approved }), 'assign', BODIES.assign)).row.extension).toEqual(approved);
    });

    it('closing an order ends a request still waiting: nothing is left to review on a closed order', () => {
      const o = row({ ...IN.replied, extension: pending() });
      const after = accepted(attempt(o, 'close', {})).row;
      expect(after.status).toBe('closed');
      expect(after.extension?.decision).not.toBe('pending');
      expect(after.dueBy).toBe(DUE);
      expect(refusal(attempt(after, 'extension', { approve: true })).status).toBe(409);
    });
  });

  describe('follow-up and the ledger', () => {
    // replied on Thursday 2 April; 清明 is off 4–6 April
    const NOW_APR = at('2026-04-02T10:00:00');
    const replied = row({ ...IN.replied, repliedAt: at('2026-04-01T16:00:00') });
    const followup = (f: Partial<OrderFollowup> = {}): OrderFollowup => ({
      at: iso(NOW_APR),
      by: 'duty',
      satisfaction: '满意',
      resolved: true,
      note: null,
      ...f,
    });

    it.each([
      ['不满意', true, 'unsatisfied'],
      ['不满意', false, 'unsatisfied'],
      ['满意', false, 'unresolved'],
      ['基本满意', false, 'unresolved'],
    ] as const)('%s, resolved %s: on the ledger (%s), reopened at its unit with 5 new working days', (satisfaction, resolved, reason) => {
      const { row: after, step } = accepted(attempt(replied, 'followup', { satisfaction, resolved, note: '诉求人称未退款' }, ctx(NOW_APR)));
      expect(after).toMatchObject({
        ledger: true,
        ledgerAt: NOW_APR,
        ledgerReason: reason,
        ledgerClosedAt: null,
        status: 'signed',
        reopened: 1,
        result: null,
      });
      // Friday 3rd, then 7–10 April
      expect(after.dueBy).toBe(endOf('2026-04-10'));
      expect(after.departmentId).toBe(replied.departmentId);
      expect(step).toEqual({ action: 'followup', note: '诉求人称未退款', data: { satisfaction, resolved, reopened: true } });
    });

    it('a second unsatisfied follow-up keeps the ledger entry and counts the reopening', () => {
      const onLedger = row({ ...IN.replied, ledger: true, ledgerAt: REPLIED_AT, ledgerReason: 'unresolved', reopened: 1 });
      const after = accepted(attempt(onLedger, 'followup', { satisfaction: '不满意', resolved: false }, ctx(NOW_APR))).row;
      expect(after).toMatchObject({ ledger: true, ledgerAt: REPLIED_AT, ledgerReason: 'unresolved', reopened: 2, status: 'signed' });
    });

    it.each(['满意', '基本满意'] as const)('%s and resolved: the order stays replied, off the ledger', (satisfaction) => {
      const { row: after, step } = accepted(attempt(replied, 'followup', { satisfaction, resolved: true }, ctx(NOW_APR)));
      expect(after).toMatchObject({ status: 'replied', ledger: false, reopened: 0, dueBy: replied.dueBy, result: '已解决' });
      expect(step.data).toEqual({ satisfaction, resolved: true, reopened: false });
    });

    it('a reopened order owes no first check again: contact and reply go on, and it is replied again', () => {
      const reopened = accepted(attempt(replied, 'followup', { satisfaction: '不满意', resolved: false }, ctx(NOW_APR))).row;
      const contacted = accepted(attempt(reopened, 'contact', BODIES.contact, ctx(NOW_APR + 1000))).row;
      expect(contacted.contactedAt).toBe(replied.contactedAt);
      expect(contacted.firstCheckOverdue).toBe(false);
      expect(accepted(attempt(contacted, 'reply', BODIES.reply, ctx(NOW_APR + 2000))).row.status).toBe('replied');
    });

    describe('closing off a ledger order', () => {
      const REPLY2 = at('2026-04-08T10:00:00');
      const ledger = row({ ...IN.replied, repliedAt: REPLY2, ledger: true, ledgerAt: NOW_APR, ledgerReason: 'unsatisfied', reopened: 1 });
      const closeAt = at('2026-04-09T10:00:00');
      const close = (lastFollowup: OrderFollowup | null) => attempt(ledger, 'close', { note: '销号' }, ctx(closeAt, { lastFollowup }));

      it.each([
        ['no follow-up', null],
        ['only the unsatisfied one before the latest reply', followup({ satisfaction: '不满意', resolved: false })],
        ['a satisfied one before the latest reply', followup({ at: iso(REPLY2 - 1) })],
        ['an unsatisfied one after it', followup({ at: iso(REPLY2 + 1), satisfaction: '不满意' })],
        ['a satisfied but unresolved one after it', followup({ at: iso(REPLY2 + 1), resolved: false })],
      ])('is refused with %s', (_what, last) => {
        const e = refusal(close(last));
        expect(e.status).toBe(409);
        expect(e.code).toBe('order.followup_required');
        expect(e.message.startsWith('close: ')).toBe(true);
      });

      it.each(['满意', '基本满意'] as const)('is done after a %s, resolved follow-up of the latest reply', (satisfaction) => {
        const after = accepted(close(followup({ at: iso(REPLY2 + 60_000), satisfaction }))).row;
        expect(after).toMatchObject({ status: 'closed', closedAt: closeAt, ledger: true, ledgerClosedAt: closeAt });
      });

      it('a follow-up in the same millisecond as the reply counts as after it', () => {
        expect(accepted(close(followup({ at: iso(REPLY2) }))).row.status).toBe('closed');
      });
    });

    it('an order not on the ledger closes without a follow-up', () => {
      const after = accepted(attempt(replied, 'close', {}, ctx(NOW_APR))).row;
      expect(after).toMatchObject({ status: 'closed', closedAt: NOW_APR, ledgerClosedAt: null });
    });
  });

  describe('return and reassignment', () => {
    it('a return records the unit it came from', () => {
      const { row: after, step } = accepted(attempt(row(IN.signed), 'return', BODIES.return));
      expect(after).toMatchObject({ status: 'returned', returnedAt: NOW, departmentId: 'market' });
      expect(step).toEqual({ action: 'return', note: BODIES.return.reason, data: { departmentId: 'market' } });
    });

    it('assign sends the order, unsigned, to another unit with its deadlines', () => {
      const { row: after, step } = accepted(
        attempt(row(IN.returned), 'assign', { departmentId: 'city-management-shinan', note: '转城管' }),
      );
      expect(after).toMatchObject({
        status: 'new',
        departmentId: 'city-management-shinan',
        signedAt: null,
        returnedAt: null,
        firstCheckBy: FIRST_CHECK,
        dueBy: DUE,
      });
      expect(step).toEqual({ action: 'assign', note: '转城管', data: { from: 'market', to: 'city-management-shinan' } });
    });

    it('a returned order may go back to the same unit; an order still there may not be sent to it again', () => {
      expect(accepted(attempt(row(IN.returned), 'assign', { departmentId: 'market' })).row.status).toBe('new');
      const e = refusal(attempt(row(IN.signed), 'assign', { departmentId: 'market' }));
      expect(e.code).toBe('order.step_out_of_order');
      expect(e.message.startsWith('assign: ')).toBe(true);
    });

    it.each(['nowhere', 'market-nowhere', ''])('to a unit config does not know (%j): 400 naming departmentId', (departmentId) => {
      for (const status of ORDER_STATUSES) {
        const e = refusal(attempt(row(IN[status]), 'assign', { departmentId }));
        expect(e.status).toBe(400);
        expect(e.code).toBe('order.unknown_department');
        expect(e.message.startsWith('departmentId: ')).toBe(true);
      }
    });
  });
});
