import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { StatsOverview, StatsSeries } from '@jointduty/shared';
import { createAppI18n } from '../app/i18n';
import { SESSION_KEY } from '../features/session/store';
import { alertFixture, incidentFixture, jsonResponse, orderFiguresFixture } from '../test/fixtures';
import { FakeSocket } from '../test/fakeSocket';
import { PALETTE } from '../features/charts/palette';

const sockets: FakeSocket[] = [];
vi.mock('../realtime/socket', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../realtime/socket')>()),
  createLiveSocket: () => {
    const s = new FakeSocket();
    sockets.push(s);
    return s;
  },
}));

const { default: WallView } = await import('./WallView.vue');

function overview(over: Partial<StatsOverview> = {}): StatsOverview {
  return {
    date: '2026-07-20',
    generatedAt: new Date().toISOString(),
    total: 10,
    byChannel: { '12345': 4, '12315': 3, '110': 2, sentiment: 1 },
    byDistrict: {},
    byCategory: {},
    openAlerts: { general: 0, urgent: 0, major: 0 },
    responseRate: null,
    onTimeRate: null,
    orders: orderFiguresFixture(),
    simulatorOn: false,
    profile: null,
    roster: [],
    ...over,
  };
}

function seriesAnswer(): StatsSeries {
  const zeros = () => new Array<number>(120).fill(0);
  return {
    start: new Date(Date.now() - 119 * 60_000).toISOString(),
    minutes: 120,
    byChannel: { '12345': zeros(), '12315': zeros(), '110': zeros(), sentiment: zeros() },
    lastWeek: { '12345': zeros(), '12315': zeros(), '110': zeros(), sentiment: zeros() },
    hotMerchants: [],
  };
}

describe('WallView', () => {
  beforeEach(() => {
    sockets.length = 0;
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'duty', role: 'duty' } }));
    const seenAlert = alertFixture({ seq: 3, title: '已有预警' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/alerts')) return jsonResponse(200, [seenAlert]);
        if (url.startsWith('/api/stats/overview')) return jsonResponse(200, overview());
        if (url.startsWith('/api/stats/series')) return jsonResponse(200, seriesAnswer());
        if (url.startsWith('/api/map')) return jsonResponse(200, { type: 'FeatureCollection', features: [] });
        if (url.startsWith('/api/incidents')) return jsonResponse(200, []);
        if (url.includes('/ack')) return jsonResponse(200, {});
        return jsonResponse(404, { error: 'not found' });
      }),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('shows snapshots, live incidents, counts, a major banner and the simulated badge', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(WallView, { global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    await flushPromises();
    const socket = sockets[0]!;
    expect((fetch as unknown as { mock: { calls: [string][] } }).mock.calls.map(([u]) => u)).toContain('/api/map');
    expect(wrapper.text()).toContain('青岛市');
    expect(wrapper.text()).toContain('已有预警');
    expect(wrapper.text()).toContain('连接中');

    socket.fire('connect');
    await flushPromises();
    // the snapshot's seq is where a resume starts
    expect(socket.emitted).toContainEqual(['resume', { afterSeq: 3 }]);
    expect(wrapper.text()).toContain('已连接');
    expect(wrapper.find('.simulated-badge').exists()).toBe(false);

    socket.fire('incidents', [incidentFixture({ channel: '110', title: '路口纠纷', flags: ['simulated'] })]);
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
    expect(wrapper.find('.ticker').text()).toContain('路口纠纷');
    expect(wrapper.find('.simulated-badge').text()).toBe('模拟数据 / SIMULATED DATA');
    const values = wrapper.findAll('.channel-counts .value').map((v) => v.text());
    expect(values).toEqual(['11', '4', '3', '3', '1']);

    socket.fire('alert:new', alertFixture({ seq: 8, severity: 'major', title: '多渠道食物中毒' }));
    await flushPromises();
    expect(wrapper.find('.major-banner').text()).toContain('多渠道食物中毒');

    socket.fire('disconnect', 'transport close');
    await flushPromises();
    expect(wrapper.find('.connection-banner').text()).toContain('正在重连');

    expect(wrapper.find('[data-testid="profile-badge"]').exists()).toBe(false);
    socket.fire(
      'stats',
      overview({ profile: { id: 'beer-festival', name: '青岛国际啤酒节', manual: false, watchAreas: ['金沙滩啤酒城'], roster: [] } }),
    );
    await flushPromises();
    expect(wrapper.find('[data-testid="profile-badge"]').text()).toContain('保障方案青岛国际啤酒节');

    wrapper.unmount();
    expect(socket.listenerCount('incidents')).toBe(0);
  });

  it('lays out the charts, asks for the map and two hours of series, and shows the roster, rates and open alerts', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(WallView, { global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    await flushPromises();
    const urls = (fetch as unknown as { mock: { calls: [string][] } }).mock.calls.map(([u]) => u);
    expect(urls).toContain('/api/stats/series?minutes=120');
    // the map was registered by the first wall of this page: not asked for again
    expect(urls).not.toContain('/api/map');
    expect(wrapper.findAll('[data-chart]').map((c) => c.attributes('data-chart'))).toEqual([
      'trend',
      'categories',
      'merchants',
      'map',
      'response-rate',
      'on-time-rate',
    ]);
    // nothing yet: the roster says so, the open alerts are zero
    expect(wrapper.find('.roster-panel').text()).toContain('暂无在岗人员');
    expect(wrapper.find('.severity-counts [data-severity="major"] .value').text()).toBe('0');

    sockets[0]!.fire('connect');
    sockets[0]!.fire(
      'stats',
      overview({
        openAlerts: { general: 4, urgent: 2, major: 1 },
        roster: [{ unit: '公安局', person: '指挥中心 韩磊', phone: null, shift: '20:00-08:00', source: 'base' }],
      }),
    );
    await flushPromises();
    expect(wrapper.find('.roster-panel').text()).toContain('指挥中心 韩磊');
    expect(wrapper.find('.roster-panel').text()).toContain('20:00-08:00');
    expect(wrapper.findAll('.severity-counts .value').map((v) => v.text())).toEqual(['1', '2', '4']);
    wrapper.unmount();
    expect(sockets[0]!.listenerCount('stats')).toBe(0);
  });

  it('shows the work orders: counts, the clearing mark red after 17:00 city time while any due today is left, and the orders’ on-time gauge', async () => {
    // 09:30 UTC: 17:30 in Shanghai, whatever zone this computer is in
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-07-20T09:30:00Z'));
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(WallView, { global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    await flushPromises();
    expect(wrapper.findAll('.rates-panel figcaption').map((c) => c.text())).toEqual(['24 小时回应率', '工单按时办结率']);
    const panel = wrapper.find('[data-testid="wall-orders"]');
    expect(panel.exists()).toBe(true);

    const figures = orderFiguresFixture({
      dueToday: 6,
      dueTodayLeft: 3,
      overdue: 2,
      returned: 1,
      extensionRequests: 1,
      ledgerOpen: 4,
      onTimeSignRate: 0.96,
      onTimeFirstCheckRate: 0.75,
      onTimeRate: 0.5,
    });
    sockets[0]!.fire('connect');
    sockets[0]!.fire('stats', overview({ onTimeRate: 0.5, orders: figures }));
    await flushPromises();
    const cells = panel
      .findAll('[data-figure]')
      .map((c) => [c.attributes('data-figure'), c.find('.label').text(), c.find('.value').text()]);
    expect(cells).toEqual([
      ['dueToday', '今日到期', '6'],
      ['dueTodayLeft', '未清', '3'],
      ['overdue', '超期', '2'],
      ['returned', '退回', '1'],
      ['extensionRequests', '延期申请', '1'],
      ['ledgerOpen', '台账在办', '4'],
    ]);
    expect(panel.find('[data-figure="overdue"]').classes()).toContain('alarm-danger');
    // the gauges' colours: green from 90 %, amber from 70 %
    expect(
      panel.findAll('[data-rate]').map((r) => [r.find('.label').text(), r.find('.value').text(), r.find('.value').attributes('style')]),
    ).toEqual([
      ['按时签收', '96%', `color: ${PALETTE.ok};`],
      ['按时初查', '75%', `color: ${PALETTE.warn};`],
    ]);
    const mark = panel.find('.clearing-mark');
    expect(mark.attributes('data-state')).toBe('late');
    expect(mark.text()).toBe('今日到期 3 件未清');

    // all cleared: calm
    sockets[0]!.fire('stats', overview({ orders: { ...figures, dueTodayLeft: 0 } }));
    await flushPromises();
    expect(panel.find('.clearing-mark').attributes('data-state')).toBe('clear');
    expect(panel.find('.clearing-mark').text()).toBe('今日到期已清');
    wrapper.unmount();
  });

  it('keeps the clearing mark calm before 17:00 city time, even when the local clock is past it', async () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    try {
      // 00:30 UTC: 17:30 the evening before in Los Angeles, 08:30 in Shanghai
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-07-20T00:30:00Z'));
      expect(new Date().getHours()).toBe(17);
      const pinia = createPinia();
      setActivePinia(pinia);
      const wrapper = mount(WallView, { global: { plugins: [pinia, createAppI18n('zh-CN')] } });
      await flushPromises();
      sockets[0]!.fire('connect');
      sockets[0]!.fire('stats', overview({ orders: orderFiguresFixture({ dueToday: 2, dueTodayLeft: 2 }) }));
      await flushPromises();
      const mark = wrapper.find('[data-testid="wall-orders"] .clearing-mark');
      expect(mark.attributes('data-state')).toBe('pending');
      expect(mark.text()).toBe('今日到期 2 件未清');
      wrapper.unmount();
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
