import { shiftOf } from '../config/load-reports';
import type { RosterLine } from '../config/config.schema';
import {
  addDays,
  cityDay,
  cityInstant,
  isCityDate,
  minutesToChange,
  nextShift,
  peopleOn,
  shiftAt,
  shiftsOfDay,
  type ShiftContext,
} from './shifts';

const roster: RosterLine[] = [
  { unit: '联席办', person: '值班长 刘', shift: '08:00-20:00' },
  { unit: '联席办', person: '夜班长 陈', shift: '20:00-08:00' },
  { unit: '联席办', person: '早班 马', shift: '07:00-09:00' },
  { unit: '公安局', person: '张', shift: '08:00-20:00' },
];
const ctx = (shifts: string[], timeZone = 'Asia/Shanghai', lines = roster): ShiftContext => ({
  shifts: shifts.map(shiftOf).sort((a, b) => a.start - b.start),
  timeZone,
  roster: lines,
  officeUnit: '联席办',
});
const office = ctx(['08:00-20:00', '20:00-08:00']);
const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('the office shifts in city time', () => {
  it('finds the day shift, its people and the night shift after it', () => {
    const now = sh('2026-12-05T19:59:00');
    const s = shiftAt(office, now);
    expect(s).toEqual({
      key: '2026-12-05 08:00-20:00',
      start: '2026-12-05T00:00:00.000Z',
      end: '2026-12-05T12:00:00.000Z',
      people: ['值班长 刘', '早班 马'],
    });
    expect(nextShift(office, now)).toMatchObject({ key: '2026-12-05 20:00-08:00', start: s.end, end: '2026-12-06T00:00:00.000Z' });
    expect(nextShift(office, now).people).toEqual(['夜班长 陈', '早班 马']);
    expect(minutesToChange(s, now)).toBe(1);
  });

  it('keys a night shift by the day it starts on, across midnight', () => {
    for (const local of ['2026-12-05T20:00:00', '2026-12-05T23:59:59', '2026-12-06T00:00:00', '2026-12-06T07:59:59']) {
      expect(shiftAt(office, sh(local)).key).toBe('2026-12-05 20:00-08:00');
    }
    expect(nextShift(office, sh('2026-12-06T03:00:00')).key).toBe('2026-12-06 08:00-20:00');
    expect(shiftAt(office, sh('2026-12-06T08:00:00')).key).toBe('2026-12-06 08:00-20:00');
    // the last night of a year runs into the next
    expect(nextShift(office, sh('2026-12-31T12:00:00')).end).toBe(new Date(sh('2027-01-01T08:00:00')).toISOString());
    expect(minutesToChange(shiftAt(office, sh('2026-12-06T07:45:00')), sh('2026-12-06T07:45:00'))).toBe(15);
  });

  it('lists the shifts touching a city day: the night before, the day, the night after', () => {
    expect(shiftsOfDay(office, '2026-12-05').map((s) => s.key)).toEqual([
      '2026-12-04 20:00-08:00',
      '2026-12-05 08:00-20:00',
      '2026-12-05 20:00-08:00',
    ]);
    const three = ctx(['00:00-08:00', '08:00-16:00', '16:00-24:00']);
    expect(shiftsOfDay(three, '2026-12-05').map((s) => s.key)).toEqual([
      '2026-12-05 00:00-08:00',
      '2026-12-05 08:00-16:00',
      '2026-12-05 16:00-24:00',
    ]);
    expect(shiftAt(three, sh('2026-12-05T23:30:00')).end).toBe(new Date(sh('2026-12-06T00:00:00')).toISOString());
    expect(nextShift(three, sh('2026-12-05T23:30:00')).key).toBe('2026-12-06 00:00-08:00');
  });

  it('a single shift round the clock hands over to itself the next day', () => {
    const one = ctx(['08:00-08:00']);
    expect(shiftAt(one, sh('2026-12-05T07:00:00')).key).toBe('2026-12-04 08:00-08:00');
    expect(nextShift(one, sh('2026-12-05T07:00:00')).key).toBe('2026-12-05 08:00-08:00');
    expect(shiftsOfDay(one, '2026-12-05')).toHaveLength(2);
  });

  it('works in another time zone, in UTC and across a change of clocks', () => {
    const utc = ctx(['08:00-20:00', '20:00-08:00'], 'UTC');
    expect(shiftAt(utc, Date.parse('2026-12-05T21:00:00Z'))).toMatchObject({
      key: '2026-12-05 20:00-08:00',
      start: '2026-12-05T20:00:00.000Z',
      end: '2026-12-06T08:00:00.000Z',
    });
    const ny = ctx(['08:00-20:00', '20:00-08:00'], 'America/New_York');
    // clocks go forward at 02:00 on 2026-03-08: that night lasts 11 hours
    const night = shiftAt(ny, Date.parse('2026-03-08T06:00:00Z'));
    expect(night).toMatchObject({ key: '2026-03-07 20:00-08:00', start: '2026-03-08T01:00:00.000Z', end: '2026-03-08T12:00:00.000Z' });
    expect(nextShift(ny, Date.parse('2026-03-08T06:00:00Z')).start).toBe('2026-03-08T12:00:00.000Z');
    // and back at 02:00 on 2026-11-01: 13 hours
    expect(shiftAt(ny, Date.parse('2026-11-01T06:00:00Z'))).toMatchObject({
      start: '2026-11-01T00:00:00.000Z',
      end: '2026-11-01T13:00:00.000Z',
    });
    expect(cityDay(Date.parse('2026-12-05T03:00:00Z'), 'America/New_York')).toBe('2026-12-04');
    expect(cityInstant('2026-12-05', 0, 'Asia/Shanghai')).toBe(Date.parse('2026-12-04T16:00:00Z'));
  });

  it('people: the office unit’s lines overlapping the shift, each once; an all-day line is on all of them', () => {
    const lines: RosterLine[] = [
      ...roster,
      { unit: '联席办', person: '主任 王', shift: '全天' },
      { unit: '联席办', person: '值班长 刘', shift: '08:00-12:00' },
    ];
    const [day, night] = office.shifts;
    expect(peopleOn(day!, lines, '联席办')).toEqual(['值班长 刘', '早班 马', '主任 王']);
    expect(peopleOn(night!, lines, '联席办')).toEqual(['夜班长 陈', '早班 马', '主任 王']);
    expect(peopleOn(day!, lines, '无此单位')).toEqual([]);
  });

  it('dates: real calendar days only; days move across months and years', () => {
    expect(isCityDate('2026-12-05')).toBe(true);
    for (const bad of ['2026-02-30', '2026-13-01', '2026-1-5', '20261205', 'today', '']) expect(isCityDate(bad)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
