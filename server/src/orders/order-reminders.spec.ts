import { loadConfig } from '../config/config.loader';
import { AUTO_LEVELS, onceKey, planReminders, type DueReminder, type ReminderSettings } from './order-reminders';
import { NOTHING_DONE_YET, type OrderRow } from './order.types';
import { WorkingCalendar } from './working-calendar';

// When reminders (催办) fall due, on the shipped config: its calendar, levels (group 3, platform 2,
// phone 0 working days left) and reminder time (08:30 city time).
const config = loadConfig({ env: {} });
const cal = new WorkingCalendar(config.calendar, config.city.timezone);
const settings: ReminderSettings = { levels: config.orders.reminderLevels, minuteOfDay: config.orders.reminderMinute };

const at = (local: string): number => Date.parse(`${local}+08:00`);
const endOf = (date: string): number => at(`${date}T23:59:59.999`);
const morning = (date: string): number => at(`${date}T08:30:00`);

function row(over: Partial<OrderRow> = {}): OrderRow {
  return {
    id: 'o-1',
    incidentId: 'i-1',
    channel: '12315',
    externalId: 'DJ-1',
    kind: '咨询',
    title: '预付卡退款',
    district: null,
    category: null,
    departmentId: 'market',
    status: 'new',
    urgent: false,
    // Monday 2 March 2026, 10:00
    createdAt: at('2026-03-02T10:00:00'),
    updatedAt: at('2026-03-02T10:00:00'),
    // a 12315 咨询: no first check
    firstCheckBy: null,
    // Thursday 12 March
    dueBy: endOf('2026-03-12'),
    ...NOTHING_DONE_YET,
    version: 0,
    ...over,
  };
}

const plan = (o: OrderRow, now: number, fired: Iterable<DueReminder> = []) =>
  planReminders(o, new Set([...fired].map((r) => onceKey(o.id, r))), now, cal, settings);
const levels = (deadline: DueReminder['deadline'], deadlineAt: number, which = AUTO_LEVELS): DueReminder[] =>
  which.map((level) => ({ deadline, deadlineAt, level }));

describe('planReminders', () => {
  const o = row();
  const DUE = o.dueBy;

  it('uses the shipped levels and reminder time', () => {
    expect(settings).toEqual({ levels: { group: 3, platform: 2, phone: 0 }, minuteOfDay: 8 * 60 + 30 });
  });

  it('plans nothing yet for a fresh order: the next look is at the first level’s morning', () => {
    // 3 working days left from Monday 9 March: 10, 11, 12
    expect(plan(o, o.createdAt)).toEqual({ fire: [], overdue: [], nextAt: morning('2026-03-09') });
  });

  it('fires each level at the reminder time of its first day, once', () => {
    const fired: DueReminder[] = [];
    const times: Record<string, number> = {};
    for (const [level, day] of [
      ['group', '2026-03-09'],
      ['platform', '2026-03-10'],
      ['phone', '2026-03-12'],
    ] as const) {
      // a minute before its morning: not yet, and the next look is that morning
      const before = plan(o, morning(day) - 60_000, fired);
      expect(before.fire).toEqual([]);
      expect(before.nextAt).toBe(morning(day));
      const now = plan(o, morning(day), fired);
      expect(now.fire).toEqual([{ deadline: 'due', deadlineAt: DUE, level }]);
      fired.push(...now.fire);
      times[level] = morning(day);
      // fired: the same moment plans it no more
      expect(plan(o, morning(day), fired).fire).toEqual([]);
    }
    // all three fired: the next look is just after the deadline, to mark it if nothing came
    expect(plan(o, morning('2026-03-12') + 3_600_000, fired)).toEqual({ fire: [], overdue: [], nextAt: DUE + 1 });
  });

  it('respects only its own order’s fired keys', () => {
    const other = planReminders(o, new Set(levels('due', DUE).map((r) => onceKey('o-2', r))), morning('2026-03-12'), cal, settings);
    expect(other.fire).toEqual(levels('due', DUE));
  });

  it('fires at once every level already due (an order received late, or a server that was down)', () => {
    expect(plan(o, at('2026-03-11T20:00:00')).fire).toEqual(levels('due', DUE, ['group', 'platform']));
    expect(plan(o, at('2026-03-12T17:00:00')).fire).toEqual(levels('due', DUE));
    // an order received in the afternoon with 2 working days left: group and platform at once
    const late = row({ createdAt: at('2026-03-10T15:00:00'), dueBy: endOf('2026-03-12') });
    expect(plan(late, late.createdAt)).toEqual({
      fire: levels('due', DUE, ['group', 'platform']),
      overdue: [],
      nextAt: morning('2026-03-12'),
    });
  });

  it('counts working days across a holiday and a make-up Saturday', () => {
    // due Wednesday 25 February 2026: 24th, then (15–23 off) the make-up Saturday 14th, then 13th
    const o2 = row({ createdAt: at('2026-02-02T10:00:00'), dueBy: endOf('2026-02-25') });
    const fired: DueReminder[] = [];
    for (const [level, day] of [
      ['group', '2026-02-13'],
      ['platform', '2026-02-14'],
      ['phone', '2026-02-25'],
    ] as const) {
      const p = plan(o2, morning(day) - 1, fired);
      expect(p.nextAt).toBe(morning(day));
      expect(plan(o2, morning(day), fired).fire).toEqual([{ deadline: 'due', deadlineAt: o2.dueBy, level }]);
      fired.push({ deadline: 'due', deadlineAt: o2.dueBy, level });
    }
  });

  it('a deadline on a day off is reminded on the working day before it', () => {
    // a hotline dueAt on Sunday 15 March, 18:00: its "due today" comes on Friday 13th
    const o2 = row({ dueBy: at('2026-03-15T18:00:00') });
    const fired = levels('due', o2.dueBy, ['group', 'platform']);
    expect(plan(o2, morning('2026-03-13') - 1, fired).nextAt).toBe(morning('2026-03-13'));
    expect(plan(o2, morning('2026-03-13'), fired).fire).toEqual(levels('due', o2.dueBy, ['phone']));
  });

  it('a deadline early in the morning does not fire its levels days early', () => {
    // a hotline dueAt at the very start of Thursday 12 March: its last working day is Wednesday
    const o2 = row({ dueBy: at('2026-03-12T00:00:00') });
    const p = plan(o2, o2.createdAt);
    expect(p.fire).toEqual([]);
    expect(p.nextAt).toBe(morning('2026-03-09'));
    const fired = levels('due', o2.dueBy, ['group', 'platform']);
    expect(plan(o2, morning('2026-03-11') - 1, fired).fire).toEqual([]);
    expect(plan(o2, morning('2026-03-11'), fired).fire).toEqual(levels('due', o2.dueBy, ['phone']));
  });

  describe('a 2-hour first check (12345 紧急)', () => {
    it('received at night: every level of the first check fires at once', () => {
      // Tuesday 3 March 23:00: first check by 01:00, handled by the end of Wednesday 4th
      const urgent = row({
        channel: '12345',
        kind: '投诉',
        urgent: true,
        createdAt: at('2026-03-03T23:00:00'),
        firstCheckBy: at('2026-03-04T01:00:00'),
        dueBy: endOf('2026-03-04'),
      });
      const p = plan(urgent, urgent.createdAt);
      expect(p.fire).toEqual([...levels('firstCheck', urgent.firstCheckBy!), ...levels('due', urgent.dueBy, ['group', 'platform'])]);
      expect(p.overdue).toEqual([]);
      // next: the moment after the first check's deadline
      expect(p.nextAt).toBe(urgent.firstCheckBy! + 1);
    });

    it('received in the morning before the reminder time: at once too', () => {
      const urgent = row({
        urgent: true,
        createdAt: at('2026-03-04T05:00:00'),
        firstCheckBy: at('2026-03-04T07:00:00'),
        dueBy: endOf('2026-03-05'),
      });
      expect(plan(urgent, urgent.createdAt).fire).toEqual(expect.arrayContaining(levels('firstCheck', urgent.firstCheckBy!)));
    });

    it('received on a working day at 10:00: at once, the reminder time having passed', () => {
      const urgent = row({
        urgent: true,
        createdAt: at('2026-03-04T10:00:00'),
        firstCheckBy: at('2026-03-04T12:00:00'),
        dueBy: endOf('2026-03-05'),
      });
      expect(plan(urgent, urgent.createdAt).fire).toEqual(expect.arrayContaining(levels('firstCheck', urgent.firstCheckBy!)));
    });
  });

  describe('a deadline that passed', () => {
    it('marks the order overdue on it and fires no more of its levels', () => {
      const p = plan(o, DUE + 1);
      expect(p).toEqual({ fire: [], overdue: ['due'], nextAt: null });
      // days later (the server was down): the same
      expect(plan(o, DUE + 5 * 86_400_000, levels('due', DUE, ['group']))).toEqual({ fire: [], overdue: ['due'], nextAt: null });
    });

    it('once marked, plans nothing more for it', () => {
      expect(plan(row({ dueOverdue: true }), DUE + 1)).toEqual({ fire: [], overdue: [], nextAt: null });
    });

    it('the first check passed, the handling deadline still ahead: that one goes on', () => {
      const o2 = row({ channel: '12345', kind: '投诉', firstCheckBy: endOf('2026-03-03'), dueBy: endOf('2026-03-20') });
      const p = plan(o2, at('2026-03-04T09:00:00'), levels('firstCheck', o2.firstCheckBy!, ['group', 'platform']));
      expect(p.overdue).toEqual(['firstCheck']);
      expect(p.fire).toEqual([]);
      // 3 working days left from Tuesday 17th
      expect(p.nextAt).toBe(morning('2026-03-17'));
      // marked: only the handling deadline is left
      expect(plan({ ...o2, firstCheckOverdue: true }, at('2026-03-04T09:00:00')).overdue).toEqual([]);
    });
  });

  it('a first check done (contact) is reminded no more', () => {
    const o2 = row({ channel: '12345', kind: '投诉', status: 'signed', firstCheckBy: endOf('2026-03-03'), dueBy: endOf('2026-03-20') });
    expect(plan(o2, at('2026-03-03T09:00:00')).fire.map((r) => r.deadline)).toEqual(['firstCheck', 'firstCheck', 'firstCheck']);
    const contacted = { ...o2, contactedAt: at('2026-03-02T11:00:00') };
    expect(plan(contacted, at('2026-03-03T09:00:00'))).toEqual({ fire: [], overdue: [], nextAt: morning('2026-03-17') });
  });

  it('an extended deadline is a new deadline: its levels fire afresh', () => {
    const fired = levels('due', DUE);
    const extended = row({ dueBy: endOf('2026-03-19') });
    // on Friday 13th: the old deadline's keys do not cover the new one
    expect(plan(extended, morning('2026-03-13'), fired)).toEqual({ fire: [], overdue: [], nextAt: morning('2026-03-16') });
    expect(plan(extended, morning('2026-03-16'), fired).fire).toEqual(levels('due', extended.dueBy, ['group']));
    expect(onceKey('o-1', { deadline: 'due', deadlineAt: DUE, level: 'group' })).not.toBe(
      onceKey('o-1', { deadline: 'due', deadlineAt: extended.dueBy, level: 'group' }),
    );
  });

  it.each(['replied', 'closed'] as const)('a %s order plans nothing, even past its deadlines', (status) => {
    const done = row({ status, firstCheckBy: endOf('2026-03-03') });
    for (const now of [done.createdAt, morning('2026-03-12'), DUE + 1]) {
      expect(plan(done, now)).toEqual({ fire: [], overdue: [], nextAt: null });
    }
  });

  it('a returned order is still owed: duty reassigns it against the same deadlines', () => {
    expect(plan(row({ status: 'returned' }), morning('2026-03-09')).fire).toEqual(levels('due', DUE, ['group']));
  });
});
