import { ORDER_BODY_SCHEMAS, type Channel, type OrderFollowup } from '@jointduty/shared';
import { loadConfig } from '../../config/config.loader';
import { deadlinesFor, dueAfterFirstCheck } from '../../orders/order-deadlines';
import { decide, type StepContext } from '../../orders/order-steps';
import { NOTHING_DONE_YET, type OrderRow } from '../../orders/order.types';
import { UnitDirectory } from '../../orders/units';
import { WorkingCalendar } from '../../orders/working-calendar';
import { Rng } from '../rng';
import { reassignTarget } from './reassign';
import { dueStep, nextStep, streamOf, type PlanContext, type PlannedStep } from './unit-plan';

// the shipped city, its calendar, units and config/simulator.yaml `units`
const shipped = loadConfig({ env: {} });
const settings = shipped.simulator!.units!;
const cal = new WorkingCalendar(shipped.calendar, shipped.city.timezone);
const units = new UnitDirectory(shipped.departments);
const ctx: PlanContext = {
  settings,
  dayStart: (ms) => cal.startOfDay(cal.dayOf(ms)),
  reassign: (o, rng) => reassignTarget(units, o, rng),
  maxExtensionDays: shipped.orders.extensionMaxWorkingDays,
};
const MIN = 60_000;
const HOUR = 3_600_000;
const at = (local: string): number => Date.parse(`${local}+08:00`);
// Tuesday 2026-03-10, 10:00 city time: an ordinary working day
const T0 = at('2026-03-10T10:00:00');

/** An order as intake makes it, received at `receivedAt`. */
function order(over: Partial<OrderRow> & { receivedAt?: number; hotlineDueAt?: number } = {}): OrderRow {
  const { receivedAt = T0, hotlineDueAt, ...rest } = over;
  const channel = (rest.channel ?? '12345') as Channel;
  const kind = rest.kind ?? '投诉';
  const urgent = rest.urgent ?? false;
  const d = deadlinesFor({ channel, kind, urgent, receivedAt, hotlineDueAt: hotlineDueAt ?? null }, shipped.orders, cal);
  return {
    id: 'order-1',
    incidentId: 'incident-1',
    channel,
    externalId: 'SIM-GD-1',
    kind,
    title: '反映海鲜排档缺斤短两',
    district: '市北区',
    category: '市场监管>计量监管',
    departmentId: 'market',
    status: 'new',
    urgent,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    firstCheckBy: d.firstCheckBy,
    dueBy: d.dueBy,
    ...NOTHING_DONE_YET,
    version: 0,
    ...rest,
  };
}

const none = { lastFollowup: null };

function stepContext(now: number, actor: string, lastFollowup: OrderFollowup | null): StepContext {
  return {
    now,
    actor,
    deadline: (from, n) => cal.deadline(from, n),
    extend: (ms, n) => cal.endOfDay(cal.addWorkingDays(cal.dayOf(ms), n)),
    maxExtensionDays: shipped.orders.extensionMaxWorkingDays,
    reopenWorkingDays: shipped.orders.reopenWorkingDays,
    unitName: (id) => units.get(id)?.name,
    dueAfterFirstCheck: (o, doneAt) =>
      dueAfterFirstCheck({ channel: o.channel, kind: o.kind, urgent: o.urgent }, doneAt, shipped.orders, cal),
    lastFollowup,
  };
}

interface Life {
  final: OrderRow;
  steps: Array<PlannedStep & { from: string }>;
  firstReplyLate: boolean | null;
  firstCheckLate: boolean | null;
}

/**
 * An order's whole life as the plan leads it through the real step machine, with the reminder
 * sweep's one write that moves a plan (an unsigned order marked late at its first-check deadline).
 */
function live(o: OrderRow): Life {
  let row = o;
  let lastFollowup: OrderFollowup | null = null;
  const steps: Life['steps'] = [];
  let firstReplyLate: boolean | null = null;
  let firstCheckLate: boolean | null = null;
  for (let n = 0; n < 40; n++) {
    let step = nextStep(row, { lastFollowup }, ctx);
    if (!step) break;
    const signBy = row.firstCheckBy ?? row.dueBy;
    if (row.status === 'new' && step.at > signBy && row.updatedAt < signBy && !row.signLate) {
      row = { ...row, signLate: true, firstCheckOverdue: row.firstCheckBy !== null, updatedAt: signBy + 20_000 };
      step = nextStep(row, { lastFollowup }, ctx)!;
      expect(step.at).toBeGreaterThan(signBy);
    }
    // every planned body is one the API takes
    expect(ORDER_BODY_SCHEMAS[step.action].safeParse(step.body).success).toBe(true);
    expect(step.at).toBeGreaterThanOrEqual(row.updatedAt);
    const actor: string = step.by === 'duty' ? 'sim-duty' : `sim-${row.departmentId}`;
    const d = decide(row, step.action, step.body as never, stepContext(step.at, actor, lastFollowup));
    expect(d.row).not.toBeNull();
    steps.push({ ...step, from: row.status });
    if (firstCheckLate === null && row.firstCheckBy !== null && (step.action === 'contact' || step.action === 'reply')) {
      firstCheckLate = d.row!.firstCheckOverdue;
    }
    if (firstReplyLate === null && step.action === 'reply') firstReplyLate = d.row!.dueOverdue;
    if (step.action === 'followup') {
      const b = step.body as { satisfaction: OrderFollowup['satisfaction']; resolved: boolean; note?: string };
      lastFollowup = {
        at: new Date(step.at).toISOString(),
        by: actor,
        satisfaction: b.satisfaction,
        resolved: b.resolved,
        note: b.note ?? null,
      };
    }
    row = { ...d.row!, version: row.version + 1 };
  }
  return { final: row, steps, firstReplyLate, firstCheckLate };
}

/** Orders like the simulator's: 12345 of every type (some urgent, some with the hotline's deadline) and 12315. */
function population(n: number): OrderRow[] {
  const rng = new Rng(20260310);
  const kinds12345 = { 投诉: 46, 求助: 14, 咨询: 18, 举报: 7, 建议: 8, 表扬: 7 } as Record<string, number>;
  const kinds12315 = { 投诉: 78, 举报: 12, 咨询: 10 } as Record<string, number>;
  const out: OrderRow[] = [];
  for (let i = 0; i < n; i++) {
    const receivedAt = T0 + Math.floor(rng.next() * 7 * 24 * HOUR);
    const hotline = rng.chance(0.7);
    const mix = hotline ? kinds12345 : kinds12315;
    const kind = rng.weighted(Object.keys(mix), (k) => mix[k]!);
    const urgent = hotline && rng.chance(0.03);
    const hotlineDueAt = hotline && rng.chance(0.4) ? receivedAt + (urgent ? 2 : rng.int(12, 23)) * HOUR : undefined;
    const category = rng.pick(['市场监管>计量监管', '城市管理>占道经营', '交通运输>出租车', '住房建设>物业管理', '教育>校外培训']);
    const district = rng.pick(['市南区', '市北区', '黄岛区', '崂山区']);
    const departmentId = units.route({ department: null, category, district }).id;
    out.push(
      order({
        id: `order-${i}`,
        channel: hotline ? '12345' : '12315',
        kind,
        urgent,
        receivedAt,
        hotlineDueAt,
        category,
        district,
        departmentId,
      }),
    );
  }
  return out;
}

describe('the simulated units: what comes next with an order, and when', () => {
  it('reads the shipped units section', () => {
    expect(settings.sign.minutes).toEqual([1, 40]);
    expect(settings.notes.reply.default?.['已解决']?.length).toBeGreaterThan(0);
  });

  it('answers the same for the same order, however often asked; another order draws its own', () => {
    const o = order();
    expect(nextStep(o, none, ctx)).toEqual(nextStep({ ...o }, none, ctx));
    const times = new Set(Array.from({ length: 20 }, (_, i) => nextStep(order({ id: `o-${i}` }), none, ctx)!.at));
    expect(times.size).toBeGreaterThan(15);
  });

  it('is due from its time on, not before', () => {
    const o = order();
    const step = nextStep(o, none, ctx)!;
    expect(dueStep(o, none, ctx, step.at - 1)).toBeNull();
    expect(dueStep(o, none, ctx, step.at)).toEqual(step);
    expect(dueStep(o, none, ctx, step.at + HOUR)).toEqual(step);
  });

  it('a new order is signed within 1–40 minutes, but the late share after its first-check deadline; a few are returned', () => {
    const steps = Array.from({ length: 2000 }, (_, i) => ({ o: order({ id: `n-${i}` }) })).map(({ o }) => ({
      o,
      s: nextStep(o, none, ctx)!,
    }));
    const signs = steps.filter(({ s }) => s.action === 'sign');
    const returns = steps.filter(({ s }) => s.action === 'return');
    expect(returns.length / steps.length).toBeGreaterThan(0.03);
    expect(returns.length / steps.length).toBeLessThan(0.08);
    for (const { s } of returns) expect(s.by).toBe('unit');
    const late = signs.filter(({ o, s }) => s.at > o.firstCheckBy!);
    expect(late.length / signs.length).toBeGreaterThan(0.05);
    expect(late.length / signs.length).toBeLessThan(0.11);
    for (const { o, s } of signs.filter((x) => !late.includes(x))) {
      expect(s.at - o.updatedAt).toBeGreaterThanOrEqual(MIN - 1);
      expect(s.at - o.updatedAt).toBeLessThanOrEqual(40 * MIN);
    }
    // most come early: the board moves within minutes of an order's arrival
    expect(signs.filter(({ o, s }) => s.at - o.updatedAt <= 10 * MIN).length / signs.length).toBeGreaterThan(0.3);
  });

  it('an urgent order with a 2-hour first check is signed and contacted within it, but for the late share', () => {
    const lives = Array.from({ length: 400 }, (_, i) => live(order({ id: `u-${i}`, urgent: true, departmentId: 'market' })));
    const met = lives.filter((l) => l.firstCheckLate === false).length;
    const judged = lives.filter((l) => l.firstCheckLate !== null).length;
    expect(met / judged).toBeGreaterThan(0.8);
    expect(met / judged).toBeLessThan(0.97);
  });

  it('duty reassigns a returned order within 10–30 minutes, to another unit', () => {
    const o = order({
      status: 'returned',
      departmentId: 'market',
      returnedAt: T0 + HOUR,
      updatedAt: T0 + HOUR,
      category: '市场监管>计量监管',
    });
    for (let i = 0; i < 50; i++) {
      const s = nextStep({ ...o, id: `r-${i}` }, none, ctx)!;
      expect(s).toMatchObject({ action: 'assign', by: 'duty' });
      expect(s.at - (T0 + HOUR)).toBeGreaterThanOrEqual(10 * MIN - 1);
      expect(s.at - (T0 + HOUR)).toBeLessThanOrEqual(30 * MIN);
      const to = (s.body as { departmentId: string }).departmentId;
      expect(to).not.toBe('market');
      expect(units.get(to)).toBeDefined();
    }
    // a feed-named unit that returns it: the category's own unit takes it
    const named = nextStep({ ...o, departmentId: 'city-management' }, none, ctx)!;
    expect((named.body as { departmentId: string }).departmentId).toBe('market');
  });

  it('duty reviews a pending extension request 20–180 minutes after it, approving about 70 %', () => {
    const requestedAt = T0 + 3 * HOUR;
    const base = order({ status: 'signed', signedAt: T0 + 10 * MIN, contactedAt: T0 + HOUR, updatedAt: requestedAt });
    let approved = 0;
    for (let i = 0; i < 500; i++) {
      const s = nextStep(
        {
          ...base,
          id: `e-${i}`,
          extension: {
            workingDays: 5,
            reason: '需联合调查',
            requestedAt: new Date(requestedAt).toISOString(),
            requestedBy: 'sim-market',
            decision: 'pending',
            decidedAt: null,
            decidedBy: null,
            dueBefore: new Date(base.dueBy).toISOString(),
            dueAfter: null,
          },
        },
        none,
        ctx,
      )!;
      expect(s).toMatchObject({ action: 'extension', by: 'duty' });
      expect(s.at - requestedAt).toBeGreaterThanOrEqual(20 * MIN - 1);
      expect(s.at - requestedAt).toBeLessThanOrEqual(180 * MIN);
      if ((s.body as { approve: boolean }).approve) approved++;
    }
    expect(approved / 500).toBeGreaterThan(0.62);
    expect(approved / 500).toBeLessThan(0.78);
  });

  it('duty calls back 1–6 hours after a reply, only from 8:00 to 21:00, and closes off after a satisfied call', () => {
    for (let i = 0; i < 300; i++) {
      // replies around the clock
      const repliedAt = T0 + i * 17 * MIN;
      const o = order({ id: `f-${i}`, status: 'replied', signedAt: T0, repliedAt, updatedAt: repliedAt, result: '已解决' });
      const s = nextStep(o, none, ctx)!;
      expect(s).toMatchObject({ action: 'followup', by: 'duty' });
      expect(s.at - repliedAt).toBeGreaterThanOrEqual(HOUR - 1);
      const hour = (s.at - ctx.dayStart(s.at)) / HOUR;
      expect(hour).toBeGreaterThanOrEqual(8);
      expect(hour).toBeLessThan(21);
      const body = s.body as { satisfaction: string; resolved: boolean };
      if (body.satisfaction === '不满意') continue;
      const f: OrderFollowup = {
        at: new Date(s.at).toISOString(),
        by: 'sim-duty',
        satisfaction: body.satisfaction as never,
        resolved: body.resolved,
        note: null,
      };
      const close = nextStep(o, { lastFollowup: f }, ctx)!;
      expect(close).toMatchObject({ action: 'close', by: 'duty' });
      expect(close.at).toBeGreaterThan(s.at);
    }
  });

  it('a reopened order is replied again after its reopening, solved', () => {
    const reopenedAt = T0 + 30 * HOUR;
    const o = order({
      status: 'signed',
      signedAt: T0,
      contactedAt: T0 + HOUR,
      repliedAt: T0 + 5 * HOUR,
      reopened: 1,
      ledger: true,
      updatedAt: reopenedAt,
      dueBy: cal.deadline(reopenedAt, 5),
    });
    const f: OrderFollowup = {
      at: new Date(reopenedAt).toISOString(),
      by: 'sim-duty',
      satisfaction: '不满意',
      resolved: false,
      note: null,
    };
    const s = nextStep(o, { lastFollowup: f }, ctx)!;
    expect(s).toMatchObject({ action: 'reply', by: 'unit', body: { result: '已解决' } });
    expect(s.at).toBeGreaterThan(reopenedAt);
  });

  it('a closed order has nothing more', () => {
    expect(nextStep(order({ status: 'closed', closedAt: T0 }), none, ctx)).toBeNull();
  });

  it('draws each stage from the order’s own stream', () => {
    expect(streamOf({ id: 'a' }, 'new').next()).toBe(streamOf({ id: 'a' }, 'new').next());
    expect(streamOf({ id: 'a' }, 'new').next()).not.toBe(streamOf({ id: 'a' }, 'contact').next());
  });

  describe('a week of orders led through the real step machine', () => {
    const lives = population(1500).map(live);
    const share = (n: number, d: number) => n / d;

    it('every order ends closed off by duty, none refused on the way', () => {
      for (const l of lives) expect(l.final.status).toBe('closed');
      for (const l of lives) expect(l.steps[l.steps.length - 1]).toMatchObject({ action: 'close', by: 'duty' });
    });

    it('the on-time rates land between 85 and 97 %', () => {
      const signed = lives.filter((l) => l.final.signedAt !== null);
      const signRate = share(signed.filter((l) => !l.final.signLate).length, signed.length);
      const checked = lives.filter((l) => l.firstCheckLate !== null);
      const firstCheckRate = share(checked.filter((l) => !l.firstCheckLate).length, checked.length);
      const replied = lives.filter((l) => l.firstReplyLate !== null);
      const dueRate = share(replied.filter((l) => !l.firstReplyLate).length, replied.length);
      for (const rate of [signRate, firstCheckRate, dueRate]) {
        expect(rate).toBeGreaterThan(0.85);
        expect(rate).toBeLessThan(0.97);
      }
    });

    it('some are returned and reassigned, some ask for more time, some go on the ledger and are closed off after replying again', () => {
      const did = (l: Life, action: string) => l.steps.some((s) => s.action === action);
      const returned = lives.filter((l) => did(l, 'return'));
      expect(share(returned.length, lives.length)).toBeGreaterThan(0.03);
      expect(share(returned.length, lives.length)).toBeLessThan(0.08);
      for (const l of returned) expect(did(l, 'assign')).toBe(true);
      const extended = lives.filter((l) => did(l, 'extend'));
      expect(share(extended.length, lives.length)).toBeGreaterThan(0.02);
      expect(share(extended.length, lives.length)).toBeLessThan(0.08);
      for (const l of extended) expect(did(l, 'extension')).toBe(true);
      const ledger = lives.filter((l) => l.final.ledger);
      expect(share(ledger.length, lives.length)).toBeGreaterThan(0.06);
      expect(share(ledger.length, lives.length)).toBeLessThan(0.2);
      for (const l of ledger) {
        expect(l.final.reopened).toBeGreaterThanOrEqual(1);
        expect(l.final.ledgerClosedAt).not.toBeNull();
        expect(l.steps.filter((s) => s.action === 'reply').length).toBe(l.final.reopened + 1);
      }
    });

    it('results are mostly 已解决, some 部分解决, few 不属实; notes fit the category where the bank has it', () => {
      const replies = lives.flatMap((l) => l.steps.filter((s) => s.action === 'reply' && l.final.reopened === 0).map((s) => ({ l, s })));
      const result = (r: string) => share(replies.filter(({ s }) => (s.body as { result: string }).result === r).length, replies.length);
      expect(result('已解决')).toBeGreaterThan(0.7);
      expect(result('部分解决')).toBeGreaterThan(0.04);
      expect(result('不属实')).toBeGreaterThan(0.02);
      expect(result('不属实')).toBeLessThan(0.12);
      const market = replies.find(
        ({ l, s }) => l.final.category!.startsWith('市场监管') && (s.body as { result: string }).result === '已解决',
      )!;
      expect(settings.notes.reply['市场监管']!['已解决']).toContain((market.s.body as { note: string }).note);
    });
  });
});
