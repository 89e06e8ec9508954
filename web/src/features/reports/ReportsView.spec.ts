import { beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { h } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { createPinia } from 'pinia';
import { createAppI18n } from '../../app/i18n';
import { createAppRouter } from '../../app/router';
import { SESSION_KEY } from '../session/store';
import { jsonResponse } from '../../test/fixtures';
import { dailyFixture, rankingFixture, weeklyFixture } from './testing';

// /reports with the app's own router and HTTP door; only the network answers are made up here.
type Answer = (url: URL) => Response;

let calls: URL[] = [];

async function open(path: string, answer: Answer) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init?: RequestInit) => {
      const url = new URL(input, 'http://localhost');
      calls.push(url);
      expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer t');
      return answer(url);
    }),
  );
  const pinia = createPinia();
  const router = createAppRouter(pinia, createMemoryHistory());
  await router.push(path);
  const wrapper = mount(
    { render: () => h(RouterView) },
    { global: { plugins: [pinia, createAppI18n('zh-CN'), router] }, attachTo: document.body },
  );
  await flushPromises();
  await vi.dynamicImportSettled();
  await flushPromises();
  return { wrapper, router };
}

describe('/reports', () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: 't', user: { username: 'duty', role: 'duty' } }));
  });

  it('shows the month asked for in the address: units ranked, the city average, the 约谈 unit marked', async () => {
    const { wrapper } = await open('/reports?month=2026-11', () => jsonResponse(200, rankingFixture()));
    expect(calls.map((u) => `${u.pathname}${u.search}`)).toEqual(['/api/reports/monthly?month=2026-11']);
    expect(wrapper.find('.report-title').text()).toBe('工单办理月度考核排名');
    expect(wrapper.find('.period-label').text()).toBe('2026年11月');
    const rows = wrapper.findAll('.ranking-table tbody tr');
    expect(rows.map((r) => r.find('.unit').text())).toEqual(['市场监管局', '城市管理局 约谈', '水务局', '全市平均']);
    // rank, unit, orders, five rates, score
    const market = rows[0]!.findAll('td');
    expect(market).toHaveLength(9);
    expect(market[0]!.text()).toBe('1');
    expect(market[5]!.find('.rate').text()).toContain('95.5%');
    expect(market[5]!.find('.rate').attributes('title')).toContain('21/22');
    expect(market[8]!.text()).toBe('93.5');
    // a unit with nothing counted: a dash, not 0 %
    expect(rows[2]!.findAll('td')[5]!.find('.rate').text()).toMatch(/^—/);
    expect(rows[2]!.findAll('td')[0]!.text()).toBe('—');
    expect(rows[1]!.classes()).toContain('call-in');
    expect(rows[3]!.classes()).toContain('city-row');
    const callIn = wrapper.find('.call-in-table');
    expect(callIn.text()).toContain('城市管理局');
    expect(callIn.findAll('tbody tr')).toHaveLength(3);
    expect(callIn.text()).toContain('50.0%');
    // Word and Excel for a month
    expect(wrapper.find('.download-xlsx').exists()).toBe(true);
    expect(wrapper.find('.download-docx').exists()).toBe(true);
    wrapper.unmount();
  });

  it('switches to the week: the address and the call follow, the bulletin lists the unit that missed', async () => {
    const { wrapper, router } = await open('/reports?month=2026-11', (url) =>
      jsonResponse(200, url.pathname.endsWith('weekly') ? weeklyFixture() : rankingFixture()),
    );
    await wrapper.find('.tab.kind-week').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(calls.at(-1)!.pathname).toBe('/api/reports/weekly');
    expect(wrapper.find('.report-title').text()).toBe('工单超期办理周通报');
    // the unit with the missed order first
    expect(wrapper.findAll('.unit-table tbody tr')[0]!.text()).toContain('城市管理局');
    expect(wrapper.find('.overdue-table').text()).toContain('QD20261201001');
    expect(wrapper.find('.overdue-table').text()).toContain('未完成');
    // a week typed in the picker
    await wrapper.find('select[name="week"]').setValue(wrapper.findAll('select[name="week"] option')[2]!.attributes('value')!);
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ week: wrapper.findAll('select[name="week"] option')[2]!.attributes('value')! });
    expect(wrapper.find('select[name="week"] option').text()).toMatch(/^\d{4}年第\d+周（\d+月\d+日—\d+月\d+日）$/);
    wrapper.unmount();
  });

  it('shows the day: response minutes, a dash where nothing was timed, the notable alert, Word offered', async () => {
    const { wrapper } = await open('/reports?date=2026-12-05', () => jsonResponse(200, dailyFixture()));
    expect(calls.map((u) => `${u.pathname}${u.search}`)).toEqual(['/api/reports/daily?date=2026-12-05']);
    expect(wrapper.find('.report-title').text()).toBe('值班日报');
    const figures = wrapper.findAll('.figures .figure').map((f) => `${f.find('dt').text()} ${f.find('dd').text()}`);
    expect(figures).toContain('签收用时中位数 4.0 分钟');
    expect(figures).toContain('到场用时中位数 —');
    expect(figures).toContain('紧急 1');
    expect(figures).toContain('超期 1');
    expect(wrapper.find('.notable-table').text()).toContain('中山路群体性投诉');
    expect(wrapper.find('.download-docx').exists()).toBe(true);
    wrapper.unmount();
  });

  it('says so for a period without data, and shows a refusal in the words of its code', async () => {
    const empty = rankingFixture({ city: { ...rankingFixture().city, orders: 0 }, units: [], callIns: [] });
    const first = await open('/reports?quarter=2026-Q1', () =>
      jsonResponse(200, { ...empty, period: { ...empty.period, kind: 'quarter', key: '2026-Q1' } }),
    );
    expect(first.wrapper.find('.state.empty').text()).toBe('该时段无数据');
    // no Word for a quarter (§8)
    expect(first.wrapper.find('.download-docx').exists()).toBe(false);
    first.wrapper.unmount();

    const bad = await open('/reports?month=2026-13', () =>
      jsonResponse(400, { error: 'month: not a month (2026-13)', code: 'report.invalid_period' }),
    );
    expect(bad.wrapper.find('.state.failed .error-text').text()).toBe('统计时段不存在或格式有误，请重新选择');
    expect(bad.wrapper.find('.state.failed').text()).toContain('2026-13');
    expect(bad.wrapper.find('.download-xlsx').attributes('disabled')).toBeDefined();
    bad.wrapper.unmount();
  });

  it('downloads the file with the token and saves it under the server’s name', async () => {
    const saved: Array<{ name: string }> = [];
    const clicks = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download });
    });
    const made = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const { wrapper } = await open('/reports?month=2026-11', (url) =>
      url.searchParams.get('format') === 'xlsx'
        ? new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
            status: 200,
            headers: {
              'Content-Disposition': `attachment; filename="ranking.xlsx"; filename*=UTF-8''${encodeURIComponent('考核排名-2026-11.xlsx')}`,
            },
          })
        : jsonResponse(200, rankingFixture()),
    );
    await wrapper.find('.download-xlsx').trigger('click');
    await flushPromises();
    expect(calls.at(-1)!.search).toBe('?month=2026-11&format=xlsx');
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(saved[0]!.name).toBe('考核排名-2026-11.xlsx');
    // the bytes saved are the answer's
    expect((made.mock.calls[0]![0] as Blob).size).toBe(4);
    wrapper.unmount();
  });
});
