import { describe, expect, it } from 'vitest';
import {
  cityDate,
  currentKey,
  isoWeekOf,
  periodFromQuery,
  queryOfPeriod,
  recentMonths,
  recentQuarters,
  recentWeeks,
  weekDays,
  wellFormed,
} from './period';

describe('periods of /reports', () => {
  it.each([
    ['2026-12-05', '2026-W49'],
    ['2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2027-01-01', '2026-W53'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-01-01', '2026-W01'],
  ])('%s is in ISO week %s', (day, week) => {
    expect(isoWeekOf(day)).toBe(week);
  });

  it('reads now in the city: 17:30 UTC is already the next day in Qingdao', () => {
    const now = new Date('2026-12-31T17:30:00Z');
    expect(cityDate(now)).toBe('2027-01-01');
    expect(currentKey('day', now)).toBe('2027-01-01');
    expect(currentKey('week', now)).toBe('2026-W53');
    expect(currentKey('month', now)).toBe('2027-01');
    expect(currentKey('quarter', now)).toBe('2027-Q1');
  });

  it('takes the period from the address, the month now without one', () => {
    const now = new Date('2026-12-05T02:00:00Z');
    expect(periodFromQuery({}, now)).toEqual({ kind: 'month', key: '2026-12' });
    expect(periodFromQuery({ date: '2026-12-01' }, now)).toEqual({ kind: 'day', key: '2026-12-01' });
    expect(periodFromQuery({ week: ['2026-W48', '2026-W47'] }, now)).toEqual({ kind: 'week', key: '2026-W48' });
    expect(periodFromQuery({ quarter: ' 2026-Q3 ' }, now)).toEqual({ kind: 'quarter', key: '2026-Q3' });
    // a value the server will judge is kept as given, so its refusal is shown
    expect(periodFromQuery({ month: '2026-13' }, now)).toEqual({ kind: 'month', key: '2026-13' });
    expect(queryOfPeriod({ kind: 'week', key: '2026-W49' })).toEqual({ week: '2026-W49' });
  });

  it('lets the picker send well-formed keys only', () => {
    expect(wellFormed({ kind: 'day', key: '2026-12-05' })).toBe(true);
    expect(wellFormed({ kind: 'day', key: '2026-12' })).toBe(false);
    expect(wellFormed({ kind: 'week', key: '2026-W9' })).toBe(false);
    expect(wellFormed({ kind: 'quarter', key: '2026-Q4' })).toBe(true);
  });

  it('offers this quarter and the seven before it, across years', () => {
    expect(recentQuarters(new Date('2026-02-10T00:00:00Z'))).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
      '2024-Q4',
      '2024-Q3',
      '2024-Q2',
    ]);
  });

  it('offers recent weeks and months, newest first, each with its days', () => {
    const now = new Date('2027-01-02T02:00:00Z');
    expect(recentWeeks(now, 3)).toEqual(['2026-W53', '2026-W52', '2026-W51']);
    expect(recentMonths(now, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(weekDays('2026-W49')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(weekDays('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekDays('2026-49')).toBeNull();
  });
});
