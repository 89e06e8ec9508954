import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../app/i18n';
import { calendarDaysLeft, chipColour, deadlineChips, pastOverdueMarks } from './countdown';
import DeadlineChips from './DeadlineChips.vue';
import { cityTime, endOfCityDay, orderFixture } from './testing';

const ms = (iso: string) => Date.parse(iso);
// Monday 2026-07-20, 10:00 in Shanghai
const NOW = ms(cityTime('2026-07-20T10:00'));

describe('countdown colours', () => {
  it('takes the server’s hint while the calendar allows it', () => {
    const at = ms(endOfCityDay('2026-07-30'));
    expect(chipColour(at, NOW, false, 'green')).toBe('green');
    expect(chipColour(at, NOW, false, 'yellow')).toBe('yellow');
    expect(chipColour(at, NOW, false, 'red')).toBe('red');
    // no hint: as far as the calendar tells
    expect(chipColour(at, NOW, false)).toBe('green');
  });

  it('turns a chip more urgent as days pass, never less', () => {
    // 3 calendar days away is at most 3 working days: yellow even on a stale green hint
    expect(chipColour(ms(endOfCityDay('2026-07-23')), NOW, false, 'green')).toBe('yellow');
    // tomorrow or today: red
    expect(chipColour(ms(endOfCityDay('2026-07-21')), NOW, false, 'green')).toBe('red');
    expect(chipColour(ms(endOfCityDay('2026-07-20')), NOW, false, 'yellow')).toBe('red');
    // a red hint stays red however far the calendar date
    expect(chipColour(ms(endOfCityDay('2026-07-27')), NOW, false, 'red')).toBe('red');
  });

  it('is red once overdue: marked by the server, or past its deadline while the page is open', () => {
    const at = ms(endOfCityDay('2026-07-30'));
    expect(chipColour(at, NOW, true, 'green')).toBe('red');
    expect(chipColour(at, at + 1, false, 'green')).toBe('red');
  });

  it('counts days in the city’s time zone', () => {
    // 23:30 UTC is already the next day in Shanghai
    const late = ms('2026-07-20T23:30:00Z');
    expect(calendarDaysLeft(late, ms(endOfCityDay('2026-07-21')))).toBe(0);
    expect(calendarDaysLeft(ms('2026-07-20T15:30:00Z'), ms(endOfCityDay('2026-07-21')))).toBe(1);
  });
});

describe('deadline chips of an order', () => {
  it('shows 初查 until the first contact and 办理 until the reply, each with its hint', () => {
    const order = orderFixture({
      status: 'signed',
      firstCheckBy: endOfCityDay('2026-07-21'),
      dueBy: endOfCityDay('2026-08-10'),
      hints: { firstCheck: 'red', due: 'green' },
    });
    expect(deadlineChips(order, NOW).map((c) => [c.deadline, c.colour, c.overdue])).toEqual([
      ['firstCheck', 'red', false],
      ['due', 'green', false],
    ]);
    const contacted = { ...order, contactedAt: cityTime('2026-07-20T09:30') };
    expect(deadlineChips(contacted, NOW).map((c) => c.deadline)).toEqual(['due']);
    expect(deadlineChips({ ...contacted, status: 'replied' }, NOW)).toEqual([]);
  });

  it('keeps a missed deadline marked after it is done', () => {
    const order = orderFixture({
      status: 'signed',
      contactedAt: cityTime('2026-07-20T09:30'),
      overdue: { firstCheck: true, due: false },
    });
    expect(pastOverdueMarks(order)).toEqual(['firstCheck']);
  });

  it('renders green, yellow and red chips, overdue ones saying 超期, and follows the clock', async () => {
    const order = orderFixture({
      status: 'signed',
      firstCheckBy: endOfCityDay('2026-07-23'),
      dueBy: endOfCityDay('2026-08-10'),
      hints: { firstCheck: 'yellow', due: 'green' },
    });
    const wrapper = mount(DeadlineChips, { props: { order, now: NOW }, global: { plugins: [createAppI18n('zh-CN')] } });
    const chips = () => wrapper.findAll('.chip').map((c) => ({ text: c.text(), classes: c.classes() }));
    expect(chips()[0]!.text).toBe('初查 剩 3天13时');
    expect(chips()[0]!.classes).toContain('is-yellow');
    expect(chips()[1]!.text).toMatch(/^办理 剩 21天/);
    expect(chips()[1]!.classes).toContain('is-green');

    // the first check's deadline passes while the page is open
    await wrapper.setProps({ now: ms(cityTime('2026-07-24T02:00')) });
    expect(chips()[0]!.text).toBe('初查 超期 2时0分');
    expect(chips()[0]!.classes).toEqual(expect.arrayContaining(['is-red', 'overdue']));
    expect(chips()[1]!.classes).toContain('is-green');
  });

  it('says 超期 for a deadline the server marked overdue', () => {
    const order = orderFixture({ status: 'new', overdue: { firstCheck: true, due: false }, firstCheckBy: cityTime('2026-07-20T08:00') });
    const wrapper = mount(DeadlineChips, { props: { order, now: NOW }, global: { plugins: [createAppI18n('zh-CN')] } });
    const first = wrapper.find('.deadline-firstCheck');
    expect(first.text()).toBe('初查 超期 2时0分');
    expect(first.classes()).toContain('is-red');
  });
});
