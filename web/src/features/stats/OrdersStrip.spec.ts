import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mount, RouterLinkStub } from '@vue/test-utils';
import type { OrderFigures } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { orderFiguresFixture } from '../../test/fixtures';
import ClearingMark from './ClearingMark.vue';
import OrdersStrip from './OrdersStrip.vue';

// the screen's computer is set to Los Angeles; the clearing hour is 17:00 in Shanghai (UTC+8)
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

const BEFORE = Date.parse('2026-07-20T08:59:00Z'); // 16:59 in Shanghai, 01:59 locally
const AFTER = Date.parse('2026-07-20T09:01:00Z'); // 17:01 in Shanghai, 02:01 locally
const LOCAL_EVENING = Date.parse('2026-07-20T00:30:00Z'); // 08:30 in Shanghai, 17:30 locally

function mark(figures: OrderFigures | null, now: number, locale: 'zh-CN' | 'en' = 'zh-CN') {
  return mount(ClearingMark, { props: { figures, now }, global: { plugins: [createAppI18n(locale)] } });
}

describe('ClearingMark', () => {
  it('says how many due today are left, calm before 17:00 city time and red after it', () => {
    const figures = orderFiguresFixture({ dueToday: 6, dueTodayLeft: 4 });
    const before = mark(figures, BEFORE);
    expect(before.text()).toBe('今日到期 4 件未清');
    expect(before.attributes('data-state')).toBe('pending');
    expect(before.classes()).not.toContain('is-late');
    expect(before.attributes('title')).toBe('日结日清：今日到期的工单 17:00 前办结');

    const after = mark(figures, AFTER);
    expect(after.attributes('data-state')).toBe('late');
    expect(after.classes()).toContain('is-late');
    expect(after.text()).toBe('今日到期 4 件未清');

    // the local clock says 17:30, the city's 08:30: not late
    expect(mark(figures, LOCAL_EVENING).attributes('data-state')).toBe('pending');
  });

  it('is calm when nothing due today is left, after the hour too', () => {
    const figures = orderFiguresFixture({ dueToday: 6, dueTodayLeft: 0 });
    for (const now of [BEFORE, AFTER]) {
      const w = mark(figures, now);
      expect(w.attributes('data-state')).toBe('clear');
      expect(w.classes()).toContain('is-clear');
      expect(w.text()).toBe('今日到期已清');
    }
    expect(mark(figures, AFTER, 'en').text()).toBe('All due today done');
    expect(mark(orderFiguresFixture({ dueTodayLeft: 2 }), AFTER, 'en').text()).toBe('2 due today left');
  });

  it('shows nothing before the figures come', () => {
    expect(mark(null, AFTER).find('.clearing-mark').exists()).toBe(false);
  });
});

describe('OrdersStrip', () => {
  const figures = orderFiguresFixture({
    dueToday: 7,
    dueTodayLeft: 3,
    overdue: 2,
    returned: 1,
    extensionRequests: 4,
    ledgerOpen: 5,
    onTimeSignRate: 0.953,
    onTimeFirstCheckRate: 0.8,
    onTimeRate: null,
  });

  function strip(f: OrderFigures | null, locale: 'zh-CN' | 'en' = 'zh-CN') {
    return mount(OrdersStrip, {
      props: { figures: f, now: AFTER },
      global: { plugins: [createAppI18n(locale)], stubs: { RouterLink: RouterLinkStub } },
    });
  }

  it('links each count to the orders behind it on /orders', () => {
    const w = strip(figures);
    const links = w.findAllComponents(RouterLinkStub).filter((l) => l.attributes('data-figure'));
    expect(links.map((l) => [l.attributes('data-figure'), l.find('.label').text(), l.find('.value').text(), l.props('to')])).toEqual([
      ['dueToday', '今日到期', '7', { path: '/orders', query: { due: 'today' } }],
      ['dueTodayLeft', '未清', '3', { path: '/orders', query: { due: 'today' } }],
      ['overdue', '超期', '2', { path: '/orders', query: { due: 'overdue' } }],
      ['returned', '退回', '1', { path: '/orders', query: { status: 'returned' } }],
      ['extensionRequests', '延期申请', '4', { path: '/orders', query: { extension: 'pending' } }],
      ['ledgerOpen', '台账在办', '5', { path: '/orders', query: { ledger: 'true' } }],
    ]);
    expect(w.find('[data-figure="overdue"]').classes()).toContain('alarm-danger');
    expect(w.find('[data-figure="ledgerOpen"]').classes()).not.toContain('alarm-danger');
    expect(w.find('.clearing-mark').attributes('data-state')).toBe('late');
  });

  it('shows the three on-time rates, a dash where there is none yet', () => {
    const w = strip(figures);
    expect(w.findAll('.rates li').map((li) => [li.attributes('data-rate'), li.find('.label').text(), li.find('.value').text()])).toEqual([
      ['onTimeSignRate', '按时签收', '95%'],
      ['onTimeFirstCheckRate', '按时初查', '80%'],
      ['onTimeRate', '按时办结', '—'],
    ]);
    expect(strip(figures, 'en').find('.rates').text()).toContain('Signed in time');
  });

  it('shows dashes until the figures come', () => {
    const w = strip(null);
    expect(w.findAll('.count .value').map((v) => v.text())).toEqual(['—', '—', '—', '—', '—', '—']);
    expect(w.find('.clearing-mark').exists()).toBe(false);
  });
});
