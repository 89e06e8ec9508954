import { defaultConfigDir } from '../config/config.loader';
import { calendarOf } from '../config/load-calendar';
import { ordersOf } from '../config/load-orders';
import { calendarSchema, ordersSchema, type OrdersConfig } from '../config/orders.schema';
import { configFiles } from '../config/read-files';
import { deadlinesFor, dueAfterFirstCheck, limitsFor, type DeadlineInput } from './order-deadlines';
import { WorkingCalendar } from './working-calendar';

// the shipped config/orders.yaml and config/calendar.yaml
const problems: string[] = [];
const files = configFiles(defaultConfigDir(), true, problems);
const calendar = new WorkingCalendar(calendarOf({ files, problems }, files.read('calendar', calendarSchema))!, 'Asia/Shanghai');
const config: OrdersConfig = ordersOf({ files, problems }, files.read('orders', ordersSchema))!;

const at = (local: string): number => Date.parse(`${local}+08:00`);
const endOf = (date: string): number => at(`${date}T23:59:59.999`);
// received on Thursday 2026-02-12 at 10:00 city time, the day before 春节's days off
const FEB12 = at('2026-02-12T10:00:00');
const order = (o: Partial<DeadlineInput>): DeadlineInput => ({ channel: '12345', kind: '投诉', urgent: false, receivedAt: FEB12, ...o });

describe('order deadlines (CONTRACT §7 default limits)', () => {
  it('reads the shipped config without a problem', () => {
    expect(problems).toEqual([]);
  });

  it('12345 咨询: first check 1 working day, handled 5', () => {
    expect(deadlinesFor(order({ kind: '咨询' }), config, calendar)).toEqual({
      firstCheckBy: endOf('2026-02-13'),
      dueBy: endOf('2026-02-26'),
    });
  });

  it.each(['投诉', '举报', '求助', '建议', '表扬'])('12345 %s (other types): first check 1 working day, handled 15', (kind) => {
    expect(deadlinesFor(order({ kind }), config, calendar)).toEqual({
      firstCheckBy: endOf('2026-02-13'),
      dueBy: endOf('2026-03-11'),
    });
  });

  it.each(['咨询', '投诉'])('12345 urgent %s: first check within 2 hours, handled in 1 working day', (kind) => {
    expect(deadlinesFor(order({ kind, urgent: true }), config, calendar)).toEqual({
      firstCheckBy: at('2026-02-12T12:00:00'),
      dueBy: endOf('2026-02-13'),
    });
    // the hours run through the night and the holidays; the working day does not
    expect(deadlinesFor(order({ kind, urgent: true, receivedAt: at('2026-02-16T23:00:00') }), config, calendar)).toEqual({
      firstCheckBy: at('2026-02-17T01:00:00'),
      dueBy: endOf('2026-02-24'),
    });
  });

  it('12315 投诉: decision in 7 working days, handled 45 working days after it', () => {
    const complaint = order({ channel: '12315', kind: '投诉' });
    // 13, the make-up 14th, 24–27, the make-up 28th
    expect(deadlinesFor(complaint, config, calendar)).toEqual({
      firstCheckBy: endOf('2026-02-28'),
      // until the decision: 45 working days after its deadline (清明, 劳动节 off on the way)
      dueBy: endOf('2026-05-07'),
    });
    // decided on Tuesday 24 February: 45 working days after that day
    expect(dueAfterFirstCheck(complaint, at('2026-02-24T15:00:00'), config, calendar)).toBe(endOf('2026-04-28'));
    // decided late on its last day: the provisional deadline stands
    expect(dueAfterFirstCheck(complaint, at('2026-02-28T23:00:00'), config, calendar)).toBe(endOf('2026-05-07'));
  });

  it('12315 举报: verified in 15 working days, which also ends it', () => {
    expect(deadlinesFor(order({ channel: '12315', kind: '举报' }), config, calendar)).toEqual({
      firstCheckBy: endOf('2026-03-11'),
      dueBy: endOf('2026-03-11'),
    });
  });

  it('12315 咨询: no first check, handled as a 12345 咨询', () => {
    expect(deadlinesFor(order({ channel: '12315', kind: '咨询' }), config, calendar)).toEqual({
      firstCheckBy: null,
      dueBy: endOf('2026-02-26'),
    });
  });

  it.each([
    ['110', '治安'],
    ['sentiment', 'weibo'],
  ] as const)('an order duty opens on %s (%s) takes the default: 1 and 15 working days', (channel, kind) => {
    expect(deadlinesFor(order({ channel, kind, urgent: true }), config, calendar)).toEqual({
      firstCheckBy: endOf('2026-02-13'),
      dueBy: endOf('2026-03-11'),
    });
  });

  it('takes the channel other limits, then the default, for a kind not listed (a name of Object.prototype too)', () => {
    expect(limitsFor({ channel: '12345', kind: 'constructor', urgent: false }, config)).toBe(config.limits.channels['12345']!.other);
    expect(limitsFor({ channel: '12315', kind: 'toString', urgent: true }, config)).toBe(config.limits.default);
  });

  it("lets a 12345 dueAt replace the handling deadline, never the first check's after it", () => {
    const dueAt = at('2026-03-02T18:00:00');
    expect(deadlinesFor(order({ hotlineDueAt: dueAt }), config, calendar)).toEqual({ firstCheckBy: endOf('2026-02-13'), dueBy: dueAt });
    const early = at('2026-02-12T17:00:00');
    expect(deadlinesFor(order({ hotlineDueAt: early }), config, calendar)).toEqual({ firstCheckBy: early, dueBy: early });
    expect(deadlinesFor(order({ hotlineDueAt: null }), config, calendar).dueBy).toBe(endOf('2026-03-11'));
  });

  it('moves no handling deadline after the first check but a 12315 投诉 one', () => {
    const done = at('2026-02-13T09:00:00');
    for (const o of [
      order({ kind: '咨询' }),
      order({ kind: '投诉', urgent: true }),
      order({ channel: '12315', kind: '举报' }),
      order({ channel: '12315', kind: '咨询' }),
      order({ channel: '110', kind: '治安' }),
    ]) {
      expect(dueAfterFirstCheck(o, done, config, calendar)).toBeNull();
    }
    expect(
      dueAfterFirstCheck(order({ channel: '12315', kind: '投诉', hotlineDueAt: endOf('2026-03-01') }), done, config, calendar),
    ).toBeNull();
  });
});
