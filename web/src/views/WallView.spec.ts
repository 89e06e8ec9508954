import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { StatsOverview } from '@jointduty/shared';
import { createAppI18n } from '../app/i18n';
import { SESSION_KEY } from '../features/session/store';
import { alertFixture, incidentFixture, jsonResponse } from '../test/fixtures';
import { FakeSocket } from '../test/fakeSocket';

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
    simulatorOn: false,
    profile: null,
    ...over,
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
        if (url.startsWith('/api/incidents')) return jsonResponse(200, []);
        if (url.includes('/ack')) return jsonResponse(200, {});
        return jsonResponse(404, { error: 'not found' });
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('shows snapshots, live incidents, counts, a major banner and the simulated badge', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const wrapper = mount(WallView, { global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    await flushPromises();
    const socket = sockets[0]!;
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
});
