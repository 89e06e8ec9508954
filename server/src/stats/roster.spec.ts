import { localMinuteOfDay, rosterOnDuty, type RosterLine } from './roster';
import { onShift, parseShift } from '../config/shift';

const SHANGHAI = 'Asia/Shanghai';
// a moment given as local Shanghai wall time (+08:00, no DST)
const at = (hhmm: string) => Date.parse(`2026-07-20T${hhmm}:00+08:00`);

const base: RosterLine[] = [
  { unit: '联席办', person: '日班 刘', phone: '0532-1', shift: '08:00-20:00' },
  { unit: '联席办', person: '夜班 陈', phone: '0532-1', shift: '20:00-08:00' },
  { unit: '公安局', person: '日班 张', shift: '08:00-20:00' },
  { unit: '公安局', person: '夜班 韩', shift: '20:00-08:00' },
  { unit: '市场监管局', person: '徐', shift: '08:30-17:30' },
];
const who = (list: ReturnType<typeof rosterOnDuty>) => list.map((e) => `${e.unit} ${e.person}`);

describe('parseShift', () => {
  it.each([
    ['08:00-20:00', { start: 480, end: 1200 }],
    ['20:00-08:00', { start: 1200, end: 480 }],
    ['18:00–次日02:00', { start: 1080, end: 120 }],
    ['10:00–24:00', { start: 600, end: 0 }],
    ['8:30 - 17:30', { start: 510, end: 1050 }],
    ['00:00-24:00', { start: 0, end: 0 }],
    ['全天', { start: 0, end: 0 }],
  ])('reads %s', (text, shift) => {
    expect(parseShift(text)).toEqual(shift);
  });

  it.each(['白班', '25:00-08:00', '08:60-20:00', '24:00-08:00', '0800-2000', '08:00', ''])('refuses %s', (text) => {
    expect(parseShift(text)).toBeNull();
  });

  it('covers its start, not its end, and wraps across midnight', () => {
    const day = parseShift('08:00-20:00')!;
    expect([479, 480, 1199, 1200].map((m) => onShift(day, m))).toEqual([false, true, true, false]);
    const night = parseShift('20:00-08:00')!;
    expect([1199, 1200, 1439, 0, 479, 480].map((m) => onShift(night, m))).toEqual([false, true, true, true, true, false]);
    const untilMidnight = parseShift('10:00–24:00')!;
    expect([599, 600, 1439, 0].map((m) => onShift(untilMidnight, m))).toEqual([false, true, true, false]);
    expect(onShift(parseShift('全天')!, 0)).toBe(true);
  });
});

describe('rosterOnDuty', () => {
  it('shows the day shift by day and the night shift across midnight, in the city’s time zone', () => {
    expect(who(rosterOnDuty(base, [], at('10:00'), SHANGHAI))).toEqual(['联席办 日班 刘', '公安局 日班 张', '市场监管局 徐']);
    expect(who(rosterOnDuty(base, [], at('23:30'), SHANGHAI))).toEqual(['联席办 夜班 陈', '公安局 夜班 韩']);
    expect(who(rosterOnDuty(base, [], at('03:00'), SHANGHAI))).toEqual(['联席办 夜班 陈', '公安局 夜班 韩']);
    expect(who(rosterOnDuty(base, [], at('07:59'), SHANGHAI))).toEqual(['联席办 夜班 陈', '公安局 夜班 韩']);
    expect(who(rosterOnDuty(base, [], at('08:00'), SHANGHAI))).toEqual(['联席办 日班 刘', '公安局 日班 张']);
    expect(rosterOnDuty(base, [], at('10:00'), SHANGHAI)[0]).toEqual({
      unit: '联席办',
      person: '日班 刘',
      phone: '0532-1',
      shift: '08:00-20:00',
      source: 'base',
    });
  });

  it('reads the clock of the city, not of the server', () => {
    // 02:00 UTC is 10:00 in Shanghai and 04:00 in Berlin (summer time)
    const now = Date.parse('2026-07-20T02:00:00Z');
    expect(localMinuteOfDay(now, SHANGHAI)).toBe(600);
    expect(localMinuteOfDay(now, 'Europe/Berlin')).toBe(240);
    expect(who(rosterOnDuty(base, [], now, SHANGHAI))).toContain('公安局 日班 张');
    expect(who(rosterOnDuty(base, [], now, 'Europe/Berlin'))).toContain('公安局 夜班 韩');
    // midnight local
    expect(localMinuteOfDay(at('00:00'), SHANGHAI)).toBe(0);
  });

  it('lets the active profile take over a unit while its person is on duty, and add units', () => {
    const profile: RosterLine[] = [
      { unit: '公安局', person: '啤酒节 李', shift: '18:00–次日02:00' },
      { unit: '文化和旅游局', person: '赵', shift: '10:00–22:00' },
      { unit: '联席办', person: '王', shift: '全天' },
      { unit: '12345热线办', person: '郑' }, // no shift: all day
    ];
    // 19:00: the profile's 公安 person replaces the base day shift; 联席办 likewise; others added
    expect(who(rosterOnDuty(base, profile, at('19:00'), SHANGHAI))).toEqual([
      '联席办 王',
      '公安局 啤酒节 李',
      '文化和旅游局 赵',
      '12345热线办 郑',
    ]);
    // 01:00: still the profile's night person for 公安 (across midnight)
    expect(who(rosterOnDuty(base, profile, at('01:00'), SHANGHAI))).toEqual(['联席办 王', '公安局 啤酒节 李', '12345热线办 郑']);
    // 10:00: the profile's 公安 person is off duty, so the base day shift shows
    const morning = rosterOnDuty(base, profile, at('10:00'), SHANGHAI);
    expect(who(morning)).toEqual(['联席办 王', '公安局 日班 张', '市场监管局 徐', '文化和旅游局 赵', '12345热线办 郑']);
    expect(morning.map((e) => e.source)).toEqual(['profile', 'base', 'base', 'profile', 'profile']);
    expect(morning.find((e) => e.unit === '12345热线办')).toMatchObject({ shift: null, phone: null });
  });
});
