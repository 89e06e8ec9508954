import { AppException } from '../common/app.exception';
import { WorkingCalendar } from '../orders/working-calendar';
import {
  dailyPeriodOf,
  formatOf,
  isoWeekOf,
  isoWeeksIn,
  monthsOf,
  rangePeriod,
  rankingPeriodOf,
  shiftMonth,
  weeklyPeriodOf,
} from './periods';

const clock = new WorkingCalendar({ years: [] }, 'Asia/Shanghai');
const NOW = Date.parse('2026-12-05T10:00:00+08:00');

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppException) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('report periods', () => {
  it.each([
    // query, kind, key, from, to, start (UTC), end (UTC, exclusive), label
    [
      'daily',
      { date: '2026-12-05' },
      'day',
      '2026-12-05',
      '2026-12-05',
      '2026-12-05',
      '2026-12-04T16:00:00.000Z',
      '2026-12-05T16:00:00.000Z',
      '2026年12月5日',
    ],
    ['daily', {}, 'day', '2026-12-05', '2026-12-05', '2026-12-05', '2026-12-04T16:00:00.000Z', '2026-12-05T16:00:00.000Z', '2026年12月5日'],
    [
      'daily',
      { date: ' 2024-02-29 ' },
      'day',
      '2024-02-29',
      '2024-02-29',
      '2024-02-29',
      '2024-02-28T16:00:00.000Z',
      '2024-02-29T16:00:00.000Z',
      '2024年2月29日',
    ],
    [
      'weekly',
      { week: '2026-W49' },
      'week',
      '2026-W49',
      '2026-11-30',
      '2026-12-06',
      '2026-11-29T16:00:00.000Z',
      '2026-12-06T16:00:00.000Z',
      '2026年第49周 (11月30日—12月6日)',
    ],
    // 2026 begins on a Thursday: it has 53 weeks, its week 1 begins in 2025
    [
      'weekly',
      { week: '2026-W01' },
      'week',
      '2026-W01',
      '2025-12-29',
      '2026-01-04',
      '2025-12-28T16:00:00.000Z',
      '2026-01-04T16:00:00.000Z',
      '2026年第1周 (12月29日—1月4日)',
    ],
    [
      'weekly',
      { week: '2026-W53' },
      'week',
      '2026-W53',
      '2026-12-28',
      '2027-01-03',
      '2026-12-27T16:00:00.000Z',
      '2027-01-03T16:00:00.000Z',
      '2026年第53周 (12月28日—1月3日)',
    ],
    [
      'weekly',
      { week: '2020-W53' },
      'week',
      '2020-W53',
      '2020-12-28',
      '2021-01-03',
      '2020-12-27T16:00:00.000Z',
      '2021-01-03T16:00:00.000Z',
      '2020年第53周 (12月28日—1月3日)',
    ],
    [
      'monthly',
      { month: '2026-11' },
      'month',
      '2026-11',
      '2026-11-01',
      '2026-11-30',
      '2026-10-31T16:00:00.000Z',
      '2026-11-30T16:00:00.000Z',
      '2026年11月',
    ],
    [
      'monthly',
      { month: '2024-02' },
      'month',
      '2024-02',
      '2024-02-01',
      '2024-02-29',
      '2024-01-31T16:00:00.000Z',
      '2024-02-29T16:00:00.000Z',
      '2024年2月',
    ],
    [
      'monthly',
      { month: '2026-12' },
      'month',
      '2026-12',
      '2026-12-01',
      '2026-12-31',
      '2026-11-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2026年12月',
    ],
    [
      'monthly',
      { quarter: '2026-Q4' },
      'quarter',
      '2026-Q4',
      '2026-10-01',
      '2026-12-31',
      '2026-09-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
      '2026年第四季度',
    ],
    [
      'monthly',
      { quarter: '2026-Q1', month: '' },
      'quarter',
      '2026-Q1',
      '2026-01-01',
      '2026-03-31',
      '2025-12-31T16:00:00.000Z',
      '2026-03-31T16:00:00.000Z',
      '2026年第一季度',
    ],
  ])('%s %j → %s %s', (report, query, kind, key, from, to, start, end, label) => {
    const p =
      report === 'daily'
        ? dailyPeriodOf(clock, query, NOW)
        : report === 'weekly'
          ? weeklyPeriodOf(clock, query)
          : rankingPeriodOf(clock, query);
    expect(p).toEqual({ kind, key, from, to, start, end, label });
  });

  it.each([
    ['daily', { date: '2026-02-30' }, 'date'],
    ['daily', { date: '2026-13-01' }, 'date'],
    ['daily', { date: '2025-02-29' }, 'date'],
    ['daily', { date: '20261205' }, 'date'],
    ['daily', { date: 'yesterday' }, 'date'],
    ['daily', { date: ['2026-12-05', '2026-12-06'] }, 'date'],
    ['weekly', {}, 'week'],
    ['weekly', { week: '' }, 'week'],
    ['weekly', { week: '2026-W54' }, 'week'],
    ['weekly', { week: '2025-W53' }, 'week'],
    ['weekly', { week: '2026-W00' }, 'week'],
    ['weekly', { week: '2026-49' }, 'week'],
    ['weekly', { week: '2026-W5' }, 'week'],
    ['monthly', {}, 'month'],
    ['monthly', { month: '2026-13' }, 'month'],
    ['monthly', { month: '2026-00' }, 'month'],
    ['monthly', { month: '2026-1' }, 'month'],
    ['monthly', { month: 'november' }, 'month'],
    ['monthly', { quarter: '2026-Q5' }, 'quarter'],
    ['monthly', { quarter: '2026-Q0' }, 'quarter'],
    ['monthly', { quarter: '2026Q4' }, 'quarter'],
    ['monthly', { month: '2026-11', quarter: '2026-Q4' }, 'quarter'],
  ])('%s %j → 400 report.invalid_period naming %s', (report, query, param) => {
    const r = refusal(() =>
      report === 'daily'
        ? dailyPeriodOf(clock, query, NOW)
        : report === 'weekly'
          ? weeklyPeriodOf(clock, query)
          : rankingPeriodOf(clock, query),
    );
    expect(r.code).toBe('report.invalid_period');
    expect(r.message.startsWith(`${param}: `)).toBe(true);
  });

  it('a range of days: up to a year, longer refused', () => {
    expect(rangePeriod(clock, '2024-01-01', '2024-12-31')).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(refusal(() => rangePeriod(clock, '2026-01-01', '2027-01-02'))).toMatchObject({ code: 'report.range_too_long' });
    expect(refusal(() => rangePeriod(clock, '2026-01-01', '2027-01-02')).message).toMatch(/^to: /);
    expect(refusal(() => rangePeriod(clock, '2026-02-01', '2026-01-31')).message).toMatch(/^to: /);
    expect(refusal(() => rangePeriod(clock, '2026-02-30', '2026-03-01')).message).toMatch(/^from: /);
  });

  it('the bulletin over other days: from and to, both, without week, at most a year', () => {
    expect(weeklyPeriodOf(clock, { from: '2026-10-01', to: '2026-10-08' })).toMatchObject({
      kind: 'day',
      key: '2026-10-01..2026-10-08',
      from: '2026-10-01',
      to: '2026-10-08',
    });
    expect(refusal(() => weeklyPeriodOf(clock, { from: '2026-10-01' })).message).toMatch(/^to: missing/);
    expect(refusal(() => weeklyPeriodOf(clock, { to: '2026-10-08' })).message).toMatch(/^from: missing/);
    expect(refusal(() => weeklyPeriodOf(clock, { week: '2026-W40', from: '2026-10-01', to: '2026-10-08' })).message).toMatch(/^week: /);
    const long = refusal(() => weeklyPeriodOf(clock, { from: '2025-10-01', to: '2026-10-08' }));
    expect(long.code).toBe('report.range_too_long');
    expect(long.message).toMatch(/^to: /);
  });

  it.each([
    [{}, 'json'],
    [{ format: 'json' }, 'json'],
    [{ format: 'xlsx' }, 'xlsx'],
    [{ format: 'docx' }, 'docx'],
  ])('format %j → %s', (query, format) => {
    expect(formatOf(query)).toBe(format);
  });

  it.each([[{ format: 'pdf' }], [{ format: 'XLSX' }], [{ format: ['xlsx', 'docx'] }]])('format %j → 400 report.unknown_format', (query) => {
    const r = refusal(() => formatOf(query));
    expect(r.code).toBe('report.unknown_format');
    expect(r.message).toMatch(/^format: /);
  });

  it('docx is refused where a report has no Word form', () => {
    expect(refusal(() => formatOf({ format: 'docx' }, ['xlsx'])).code).toBe('report.unknown_format');
  });

  it('weeks, months and their arithmetic', () => {
    expect([2020, 2021, 2025, 2026, 2027].map(isoWeeksIn)).toEqual([53, 52, 52, 53, 52]);
    expect(isoWeekOf('2026-12-05')).toBe('2026-W49');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-11', -5)).toBe('2026-06');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(monthsOf({ from: '2026-10-01', to: '2026-12-31' })).toEqual(['2026-10', '2026-11', '2026-12']);
  });
});
