import { defaultConfigDir } from '../config/config.loader';
import { calendarOf } from '../config/load-calendar';
import { calendarSchema, type CalendarConfig } from '../config/orders.schema';
import { configFiles } from '../config/read-files';
import { WorkingCalendar } from './working-calendar';

// the shipped config/calendar.yaml (2025 and 2026)
function shippedCalendar(): CalendarConfig {
  const problems: string[] = [];
  const files = configFiles(defaultConfigDir(), true, problems);
  const calendar = calendarOf({ files, problems }, files.read('calendar', calendarSchema));
  expect(problems).toEqual([]);
  return calendar!;
}

const SHANGHAI = 'Asia/Shanghai';
const cal = new WorkingCalendar(shippedCalendar(), SHANGHAI);
// an instant given in city time (+08:00)
const at = (local: string): number => Date.parse(`${local}+08:00`);
const endOf = (date: string): number => at(`${date}T23:59:59.999`);

// every date from..to, both included
function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('WorkingCalendar', () => {
  describe('isWorkingDay, 2026 (国务院办公厅 notice, CONTRACT §7)', () => {
    const holidays: Array<[string, string, string]> = [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ];
    const offDays = holidays.flatMap(([name, from, to]) => dates(from, to).map((d) => [name, d] as const));

    it.each(offDays)('%s: %s is off', (_name, date) => {
      expect(cal.isWorkingDay(date)).toBe(false);
    });

    it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
      'the make-up day %s (a weekend day) is worked',
      (date) => {
        expect(cal.isWorkingDay(date)).toBe(true);
      },
    );

    it.each([
      ['2026-01-05', true], // Monday after 元旦
      ['2026-02-13', true], // Friday before 春节
      ['2026-02-24', true], // Tuesday after it
      ['2026-02-07', false], // an ordinary Saturday
      ['2026-02-08', false], // an ordinary Sunday
      ['2026-10-08', true],
      ['2026-10-11', false], // the Sunday after the Saturday worked
    ])('%s working: %s', (date, expected) => {
      expect(cal.isWorkingDay(date)).toBe(expected);
    });

    it('counts 2026 as 365 days less the weekends and holidays, plus the make-up days', () => {
      const all = dates('2026-01-01', '2026-12-31');
      const weekdays = all.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
      const offWeekdays = offDays.filter(([, d]) => weekdays.includes(d)).length;
      expect(all.filter((d) => cal.isWorkingDay(d))).toHaveLength(weekdays.length - offWeekdays + 6);
    });

    it('counts a year not in the calendar Monday to Friday', () => {
      // 2027-01-01 is a Friday (元旦, but 2027 is not entered yet)
      expect(dates('2027-01-01', '2027-01-07').map((d) => cal.isWorkingDay(d))).toEqual([true, false, false, true, true, true, true]);
    });

    it('refuses what is not a date', () => {
      expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
      expect(() => cal.isWorkingDay('26-2-1')).toThrow(RangeError);
    });
  });

  describe('deadline: the end of the n-th working day after the day of receipt', () => {
    const feb12 = at('2026-02-12T10:00:00');

    it("follows the contract's journey across 春节 (a 12345 咨询 and 投诉 received 2026-02-12 10:00)", () => {
      expect(cal.deadline(feb12, 1)).toBe(endOf('2026-02-13'));
      expect(cal.deadline(feb12, 5)).toBe(endOf('2026-02-26'));
      expect(cal.deadline(feb12, 15)).toBe(endOf('2026-03-11'));
    });

    it.each([
      // receipt, working days, deadline's date
      ['2026-02-12T23:59:59', 2, '2026-02-14'], // the make-up Saturday counts
      ['2026-02-14T08:00:00', 1, '2026-02-24'], // nine days off
      ['2026-02-16T09:00:00', 1, '2026-02-24'], // received on a holiday
      ['2026-02-13T00:00:00', 0, '2026-02-13'],
      ['2026-04-03T17:00:00', 1, '2026-04-07'], // 清明 Saturday to Monday
      ['2026-04-30T12:00:00', 1, '2026-05-06'], // 劳动节
      ['2026-05-08T12:00:00', 1, '2026-05-09'], // the make-up Saturday
      ['2026-06-18T12:00:00', 1, '2026-06-22'], // 端午
      ['2026-09-18T12:00:00', 1, '2026-09-20'], // the make-up Sunday before 中秋
      ['2026-09-24T12:00:00', 1, '2026-09-28'], // 中秋
      ['2026-09-30T12:00:00', 1, '2026-10-08'], // 国庆
      ['2026-10-09T12:00:00', 1, '2026-10-10'], // the make-up Saturday after it
      ['2026-10-09T12:00:00', 2, '2026-10-12'],
    ])('received %s + %d working days → end of %s', (received, n, date) => {
      expect(cal.deadline(at(received), n)).toBe(endOf(date));
    });

    it('crosses the year end into 2026: 元旦 off, the make-up Sunday worked', () => {
      const dec31 = at('2025-12-31T10:00:00');
      expect(cal.deadline(dec31, 1)).toBe(endOf('2026-01-04'));
      expect(cal.deadline(dec31, 2)).toBe(endOf('2026-01-05'));
      expect(cal.deadline(at('2025-12-30T10:00:00'), 1)).toBe(endOf('2025-12-31'));
    });

    it('crosses the year end into 2027, not in the calendar: Monday to Friday', () => {
      const dec30 = at('2026-12-30T10:00:00'); // a Wednesday
      expect(cal.deadline(dec30, 1)).toBe(endOf('2026-12-31'));
      expect(cal.deadline(dec30, 2)).toBe(endOf('2027-01-01'));
      expect(cal.deadline(dec30, 3)).toBe(endOf('2027-01-04'));
      expect(cal.deadline(dec30, 15)).toBe(endOf('2027-01-20'));
    });

    it("counts from the city's day, not UTC's (23:30 UTC is the next morning in Shanghai)", () => {
      const t = Date.parse('2026-02-12T23:30:00Z');
      expect(cal.dayOf(t)).toBe('2026-02-13');
      expect(cal.deadline(t, 1)).toBe(endOf('2026-02-14'));
      expect(cal.deadline(t, 1)).toBe(Date.parse('2026-02-14T15:59:59.999Z'));
      // the last and first instants of 2026-02-12 in Shanghai
      expect(cal.dayOf(Date.parse('2026-02-12T15:59:59.999Z'))).toBe('2026-02-12');
      expect(cal.dayOf(Date.parse('2026-02-12T16:00:00.000Z'))).toBe('2026-02-13');
      expect(cal.dayOf(Date.parse('2026-02-11T16:00:00.000Z'))).toBe('2026-02-12');
    });

    it('refuses a count that is not a whole number ≥ 0', () => {
      expect(() => cal.deadline(feb12, -1)).toThrow(RangeError);
      expect(() => cal.deadline(feb12, 1.5)).toThrow(RangeError);
      expect(() => cal.deadline(NaN, 1)).toThrow(RangeError);
    });
  });

  describe('days and their bounds', () => {
    it('gives the first and last instants of a city day', () => {
      expect(cal.startOfDay('2026-02-13')).toBe(Date.parse('2026-02-12T16:00:00Z'));
      expect(cal.endOfDay('2026-02-13')).toBe(Date.parse('2026-02-13T15:59:59.999Z'));
      expect(cal.startOfDay('2027-01-01')).toBe(Date.parse('2026-12-31T16:00:00Z'));
    });

    it.each([
      ['2026-09-24', 1, '2026-09-28'],
      ['2026-10-09', 1, '2026-10-10'],
      ['2026-02-24', -1, '2026-02-14'],
      ['2026-01-05', -2, '2025-12-31'],
      ['2026-02-21', 0, '2026-02-21'],
      ['2026-02-13', 3, '2026-02-25'],
    ])('addWorkingDays(%s, %d) → %s', (date, n, expected) => {
      expect(cal.addWorkingDays(date, n)).toBe(expected);
    });

    it('keeps other time zones exact, summer time included', () => {
      const kolkata = new WorkingCalendar({ years: [] }, 'Asia/Kolkata');
      expect(kolkata.startOfDay('2026-02-13')).toBe(Date.parse('2026-02-13T00:00:00+05:30'));
      expect(kolkata.dayOf(Date.parse('2026-02-12T18:29:59Z'))).toBe('2026-02-12');
      expect(kolkata.dayOf(Date.parse('2026-02-12T18:30:00Z'))).toBe('2026-02-13');

      const newYork = new WorkingCalendar({ years: [] }, 'America/New_York');
      // 2026-03-08 has 23 hours there, 2026-11-01 has 25
      expect(newYork.startOfDay('2026-03-08')).toBe(Date.parse('2026-03-08T05:00:00Z'));
      expect(newYork.endOfDay('2026-03-08') + 1 - newYork.startOfDay('2026-03-08')).toBe(23 * 3_600_000);
      expect(newYork.endOfDay('2026-11-01') + 1 - newYork.startOfDay('2026-11-01')).toBe(25 * 3_600_000);
      expect(newYork.dayOf(Date.parse('2026-03-09T03:59:59Z'))).toBe('2026-03-08');
      expect(newYork.dayOf(Date.parse('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
    });

    it('begins each day at its first instant where summer time starts at midnight', () => {
      // Havana and Santiago have moved their clocks at midnight: a day may begin at 01:00
      for (const zone of ['America/Havana', 'America/Santiago', 'Asia/Beirut']) {
        const c = new WorkingCalendar({ years: [] }, zone);
        for (const date of dates('2026-01-01', '2026-12-31')) {
          const start = c.startOfDay(date);
          expect([zone, c.dayOf(start)]).toEqual([zone, date]);
          expect([zone, c.dayOf(start - 1)]).toEqual([zone, dayBefore(date)]);
        }
      }
    });

    it('answers from its caches after the first call of a day', () => {
      const c = new WorkingCalendar(shippedCalendar(), SHANGHAI);
      const t = at('2026-02-12T10:00:00');
      c.deadline(t, 1);
      c.deadline(t, 15);
      c.workingDaysLeft(t, c.deadline(t, 5));
      const spy = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
      try {
        for (let i = 0; i < 10_000; i += 1) {
          c.deadline(t + (i % 3_600) * 1000, i % 2 === 0 ? 1 : 15);
          c.dayOf(t + i * 1000);
        }
        expect(spy).not.toHaveBeenCalled();
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('workingDaysLeft and levelStart', () => {
    const due = endOf('2026-02-26'); // the 咨询 of 2026-02-12

    it.each([
      ['2026-02-12T10:00:00', 5],
      ['2026-02-13T23:59:00', 4],
      ['2026-02-14T09:00:00', 3], // the make-up Saturday
      ['2026-02-16T09:00:00', 3], // a holiday
      ['2026-02-24T09:00:00', 2],
      ['2026-02-26T00:00:00', 0],
      ['2026-02-26T23:59:59', 0],
      ['2026-02-27T09:00:00', -1], // past: minus the working days since
      ['2026-03-02T09:00:00', -3], // 27th, the make-up 28th, 2 March
    ])('at %s: %d working days left', (now, left) => {
      expect(cal.workingDaysLeft(at(now), due)).toBe(left);
    });

    it.each([
      [0, '2026-02-26'],
      [1, '2026-02-25'],
      [2, '2026-02-24'],
      [3, '2026-02-14'],
      [4, '2026-02-13'],
    ])('levelStart(due, %d) = %s', (k, date) => {
      expect(cal.levelStart(due, k)).toBe(date);
    });

    it('starts a level on the last working day before a deadline that falls on a day off', () => {
      const saturday = at('2026-02-21T18:00:00'); // 春节
      expect(cal.workingDaysLeft(at('2026-02-14T09:00:00'), saturday)).toBe(0);
      expect(cal.levelStart(saturday, 0)).toBe('2026-02-14');
      expect(cal.levelStart(saturday, 1)).toBe('2026-02-13');
      expect(cal.levelStart(at('2027-01-02T12:00:00'), 0)).toBe('2027-01-01'); // a Saturday of a year not entered
    });

    it('starts each level on the first day with k or fewer working days left', () => {
      for (const deadline of [due, endOf('2026-10-10'), endOf('2026-10-08'), at('2026-05-04T12:00:00'), endOf('2026-01-04')]) {
        for (const k of [0, 1, 2, 3]) {
          const start = cal.levelStart(deadline, k);
          const before = cal.startOfDay(start) - 1;
          expect([deadline, k, cal.workingDaysLeft(cal.startOfDay(start), deadline)]).toEqual([deadline, k, k]);
          expect(cal.workingDaysLeft(before, deadline)).toBe(k + 1);
        }
      }
    });
  });

  it('hoursLater runs on the clock, through nights and holidays', () => {
    expect(cal.hoursLater(at('2026-02-16T23:00:00'), 2)).toBe(at('2026-02-17T01:00:00'));
  });
});
