import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { EventDetail, EventIncident, MoveResult, ReclassifyResult } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { incidentFixture, jsonResponse } from '../../test/fixtures';
import type { CategoryGroup } from '../incidents/taxonomyStore';
import EventDetailPanel from './EventDetailPanel.vue';
import MoveForm from './MoveForm.vue';
import ReclassifyForm from './ReclassifyForm.vue';
import { useEventDetailStore } from './store';

const XSS = '<img src=x onerror="alert(1)"><b>粗体</b>';
const groups: CategoryGroup[] = [
  { department: { id: 'market', name: '市场监管局' }, heads: ['市场监管'], paths: ['市场监管>食品安全', '市场监管>预付卡'] },
  { department: { id: 'health', name: '卫生健康委员会' }, heads: ['卫生健康'], paths: ['卫生健康>公共卫生'] },
];

function eventIncident(over: Partial<EventIncident> = {}): EventIncident {
  return { ...incidentFixture({ eventId: 'ev-1' }), joinReason: null, subject: null, place: null, ...over };
}

function eventDetail(incidents: EventIncident[], over: Partial<EventDetail> = {}): EventDetail {
  return {
    id: 'ev-1',
    title: '海韵渔家大排档 群体投诉',
    district: '市南区',
    category: '市场监管>预付卡',
    subject: null,
    place: null,
    channels: ['12315'],
    incidentCount: incidents.length,
    firstAt: '2026-07-20T12:00:00Z',
    lastAt: '2026-07-20T13:00:00Z',
    reasons: [],
    createdAt: '2026-07-20T12:00:00Z',
    updatedAt: '2026-07-20T13:00:00Z',
    incidents,
    notes: [],
    ...over,
  };
}

let pinia: Pinia;
const global = () => ({ plugins: [createAppI18n('zh-CN'), pinia] });
const bodyOf = (call: unknown[]) => JSON.parse(String((call[1] as RequestInit).body)) as unknown;

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => vi.unstubAllGlobals());

describe('EventDetailPanel', () => {
  it('shows the event’s incidents with channel, place and why each joined, citizen text as text', async () => {
    const incidents = [
      eventIncident({ channel: '12315', place: '闽江路', title: XSS }),
      eventIncident({ channel: '110', joinReason: 'same merchant 海韵渔家大排档' }),
      eventIncident({ channel: 'sentiment', joinReason: 'moved by duty', district: '市北区' }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(200, eventDetail(incidents))),
    );
    await useEventDetailStore().open('ev-1');
    const wrapper = mount(EventDetailPanel, { props: { groups }, global: global() });
    const rows = wrapper.findAll('.incident');
    expect(rows.map((r) => r.find('.channel').text())).toEqual(['12315', '110', '舆情']);
    expect(rows.map((r) => r.find('.why').text())).toEqual(['事件首件', '同一商家：海韵渔家大排档', '由 duty 人工移入']);
    expect(rows[0]!.find('.place').text()).toBe('闽江路');
    expect(rows[2]!.find('.place').text()).toBe('市北区');
    expect(wrapper.find('img').exists()).toBe(false);
    expect(rows[0]!.find('.title').text()).toBe(XSS);
    expect(wrapper.find('.event-category').text()).toBe('市场监管>预付卡');
  });

  it('reclassifies an incident, reads the event again and says the event followed', async () => {
    const one = eventIncident({ category: '市场监管>食品安全' });
    const result: ReclassifyResult = { incident: { ...one, category: '卫生健康>公共卫生' }, eventFollowed: true };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, eventDetail([one])))
      .mockResolvedValueOnce(jsonResponse(200, result))
      .mockResolvedValueOnce(
        jsonResponse(200, eventDetail([{ ...one, category: '卫生健康>公共卫生' }], { category: '卫生健康>公共卫生' })),
      );
    vi.stubGlobal('fetch', fetchMock);
    await useEventDetailStore().open('ev-1');
    const wrapper = mount(EventDetailPanel, { props: { groups }, global: global() });
    await wrapper.find('button.reclassify').trigger('click');
    const form = wrapper.findComponent(ReclassifyForm);
    expect(form.exists()).toBe(true);
    await form.find('select[name="category"]').setValue('卫生健康>公共卫生');
    await form.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock.mock.calls[1]![0]).toBe(`/api/incidents/${one.id}/reclassify`);
    expect(bodyOf(fetchMock.mock.calls[1]!)).toEqual({ category: '卫生健康>公共卫生' });
    expect(wrapper.findComponent(ReclassifyForm).exists()).toBe(false);
    expect(wrapper.find('.notice').text()).toBe('已重新分类，事件分类随之更新');
    expect(wrapper.find('.event-category').text()).toBe('卫生健康>公共卫生');
  });
});

describe('ReclassifyForm', () => {
  it('offers the taxonomy’s paths, sends a chosen department by id, and shows a refusal inline', async () => {
    const incident = eventIncident({ category: '公安>纠纷' });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        jsonResponse(400, { error: 'category: not a category path of the taxonomy', code: 'incident.unknown_category' }),
      );
    vi.stubGlobal('fetch', fetchMock);
    useEventDetailStore().eventId = 'ev-1';
    const wrapper = mount(ReclassifyForm, { props: { incident, groups }, global: global() });
    const options = wrapper.findAll('select[name="category"] option').map((o) => o.attributes('value'));
    expect(options).toEqual(['', '市场监管>食品安全', '市场监管>预付卡', '卫生健康>公共卫生']);
    // a category outside the taxonomy is not preselected: nothing to send yet
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    await wrapper.find('select[name="category"]').setValue('市场监管>预付卡');
    expect(wrapper.find('select[name="department"] option').text()).toContain('市场监管局');
    await wrapper.find('select[name="department"]').setValue('health');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(bodyOf(fetchMock.mock.calls[0]!)).toEqual({ category: '市场监管>预付卡', department: 'health' });
    expect(wrapper.find('[role="alert"]').text()).toBe('操作失败：分类不在分类目录中');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});

describe('MoveForm', () => {
  it('moves into another event by its id', async () => {
    const incident = eventIncident();
    const result: MoveResult = {
      incident: { ...incident, eventId: 'ev-2' },
      from: { id: 'ev-1', title: 'a', incidentCount: 3, channels: ['12345'], firstAt: '', lastAt: '' },
      to: { id: 'ev-2', title: 'b', incidentCount: 5, channels: ['12345'], firstAt: '', lastAt: '' },
      created: false,
    };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, result))
      .mockResolvedValueOnce(jsonResponse(200, eventDetail([])));
    vi.stubGlobal('fetch', fetchMock);
    useEventDetailStore().eventId = 'ev-1';
    const wrapper = mount(MoveForm, { props: { incident }, global: global() });
    expect(wrapper.find('button[type="submit"]').attributes('disabled')).toBeDefined();
    await wrapper.find('input[name="eventId"]').setValue('  ev-2  ');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/incidents/${incident.id}/move`);
    expect(bodyOf(fetchMock.mock.calls[0]!)).toEqual({ eventId: 'ev-2' });
    expect(wrapper.emitted('done')![0]).toEqual([result]);
    // the event shown is read again
    expect(fetchMock.mock.calls[1]![0]).toBe('/api/events/ev-1');
  });

  it('splits into an event of its own (null), and shows a refusal inline', async () => {
    const incident = eventIncident();
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        jsonResponse(409, { error: 'eventId: the incident is alone in its event already', code: 'event.move_already_alone' }),
      );
    vi.stubGlobal('fetch', fetchMock);
    const wrapper = mount(MoveForm, { props: { incident }, global: global() });
    await wrapper.find('input[value="split"]').setValue(true);
    expect(wrapper.find('input[name="eventId"]').exists()).toBe(false);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(bodyOf(fetchMock.mock.calls[0]!)).toEqual({ eventId: null });
    expect(wrapper.find('[role="alert"]').text()).toBe('操作失败：该来件已单独成为一个事件');
    expect(wrapper.emitted('done')).toBeUndefined();
  });
});
