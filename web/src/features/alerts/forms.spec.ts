import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { Silence, TeamInfo } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import AlertActions from './AlertActions.vue';
import DispatchForm from './DispatchForm.vue';
import SilenceForm from './SilenceForm.vue';
import SilenceList from './SilenceList.vue';
import { useAlertsStore } from './store';
import { useSilencesStore } from './silencesStore';

const teams: TeamInfo[] = [
  { id: 'huangdao-1', name: '西海岸新区市场监管执法一队', district: '黄岛区', department: 'market' },
  { id: 'shinan-1', name: '市南区市场监管执法一队', district: '市南区', department: 'market' },
  { id: 'shinan-2', name: '市南区文旅执法队', district: '市南区', department: 'culture-tourism' },
];
const silence = (over: Partial<Silence> = {}): Silence => ({
  id: 's1',
  eventId: 'e1',
  rule: 'group-complaint',
  reason: '已约谈商家',
  createdBy: 'duty',
  startsAt: '2026-07-20T12:00:00Z',
  endsAt: '2026-07-20T13:00:00Z',
  cancelledAt: null,
  ...over,
});

let pinia: Pinia;
const global = () => ({ plugins: [createAppI18n('zh-CN'), pinia] });
const bodyOf = (call: unknown[]) => JSON.parse(String((call[1] as RequestInit).body)) as unknown;
const methodOf = (call: unknown[]) => (call[1] as RequestInit).method;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => vi.unstubAllGlobals());

describe('DispatchForm', () => {
  it('lists the alert’s district’s teams first, needs one, and sends the teams with the note', async () => {
    const alert = alertFixture({ district: '市南区', status: 'acknowledged' });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, teams))
      .mockResolvedValueOnce(jsonResponse(200, { alert: { ...alert, seq: alert.seq + 1, status: 'dispatched' }, dispatches: [] }));
    vi.stubGlobal('fetch', fetchMock);
    useAlertsStore().upsert(alert);
    const wrapper = mount(DispatchForm, { props: { alert }, global: global() });
    await flushPromises();
    expect(wrapper.findAll('input[name="team"]').map((i) => (i.element as HTMLInputElement).value)).toEqual([
      'shinan-1',
      'shinan-2',
      'huangdao-1',
    ]);
    expect(wrapper.findAll('.here')).toHaveLength(2);

    await wrapper.find('form').trigger('submit');
    expect(wrapper.find('[role="alert"]').text()).toBe('请至少选择一支队伍');
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await wrapper.findAll('input[name="team"]')[0]!.setValue(true);
    await wrapper.findAll('input[name="team"]')[2]!.setValue(true);
    await wrapper.find('input[name="note"]').setValue('  请核实现场  ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock.mock.calls[1]![0]).toBe(`/api/alerts/${alert.id}/dispatch`);
    expect(bodyOf(fetchMock.mock.calls[1]!)).toEqual({ teamIds: ['shinan-1', 'huangdao-1'], note: '请核实现场' });
    expect(wrapper.emitted('done')).toHaveLength(1);
    expect(useAlertsStore().items[0]!.status).toBe('dispatched');
  });

  it('shows a refusal inline and stays open', async () => {
    const alert = alertFixture({ status: 'resolved' });
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(jsonResponse(200, teams))
        .mockResolvedValueOnce(
          jsonResponse(409, { error: 'alert is resolved: cannot become dispatched', code: 'alert.transition_invalid' }),
        ),
    );
    const wrapper = mount(DispatchForm, { props: { alert }, global: global() });
    await flushPromises();
    await wrapper.findAll('input[name="team"]')[0]!.setValue(true);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('操作失败：预警状态已变化，无法执行此操作，请刷新后重试');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});

describe('SilenceForm', () => {
  it.each([
    ['both', { eventId: 'e7', rule: 'viral-post' }],
    ['event', { eventId: 'e7' }],
    ['rule', { rule: 'viral-post' }],
  ] as const)('silences scope %s for the chosen time with the reason', async (scope, target) => {
    const alert = alertFixture({ eventId: 'e7', rule: 'viral-post' });
    const fetchMock = vi.fn().mockResolvedValueOnce(jsonResponse(201, silence({ id: 's9' })));
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mount(SilenceForm, { props: { alert }, global: global() });
    await wrapper.find('select[name="scope"]').setValue(scope);
    await wrapper.find('select[name="minutes"]').setValue('240');
    // a reason is required
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    await wrapper.find('input[name="reason"]').setValue(' 已派人现场处置 ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/silences');
    expect(bodyOf(fetchMock.mock.calls[0]!)).toEqual({ ...target, minutes: 240, reason: '已派人现场处置' });
    expect(wrapper.emitted('done')).toHaveLength(1);
    expect(useSilencesStore().items.map((s) => s.id)).toEqual(['s9']);
  });

  it('shows a refusal inline', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(jsonResponse(400, { error: 'reason: required, at most 500 characters', code: 'request.invalid_body' })),
    );
    const wrapper = mount(SilenceForm, { props: { alert: alertFixture() }, global: global() });
    await wrapper.find('input[name="reason"]').setValue('x');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('[role="alert"]').text()).toBe('操作失败：提交的内容有误：reason');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});

describe('SilenceList', () => {
  it('lists the active silences (text as text) and lifts one', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, [silence(), silence({ id: 's2', eventId: null, reason: '<b>全市</b>' })]))
      .mockResolvedValueOnce(jsonResponse(200, silence({ cancelledAt: '2026-07-20T12:30:00Z' })));
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mount(SilenceList, { global: global() });
    await flushPromises();
    const rows = wrapper.findAll('.silence');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.find('.what').text()).toContain('群体性投诉');
    expect(rows[1]!.find('.what').text()).toContain('所有事件');
    expect(wrapper.find('b').exists()).toBe(false);
    await rows[0]!.find('button').trigger('click');
    await flushPromises();
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/silences/s1');
    expect(methodOf(fetchMock.mock.calls[1]!)).toBe('DELETE');
    expect(wrapper.findAll('.silence')).toHaveLength(1);
  });
});

describe('AlertActions on the console', () => {
  it('opens one form at a time: dispatch, silence', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, teams)),
    );
    const wrapper = mount(AlertActions, {
      props: { alert: alertFixture(), resolvable: true, dispatchable: true, silenceable: true },
      global: global(),
    });
    await wrapper.find('button.dispatch').trigger('click');
    expect(wrapper.findComponent(DispatchForm).exists()).toBe(true);
    await wrapper.find('button.silence').trigger('click');
    expect(wrapper.findComponent(DispatchForm).exists()).toBe(false);
    expect(wrapper.findComponent(SilenceForm).exists()).toBe(true);
    // elsewhere (the leader's panel, the wall's banner) neither is offered
    const plain = mount(AlertActions, { props: { alert: alertFixture(), resolvable: true }, global: global() });
    expect(plain.find('button.dispatch').exists()).toBe(false);
    expect(plain.find('button.silence').exists()).toBe(false);
  });
});
