import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { INSTRUCTION_MAX_CHARS } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import AlertHistory from './AlertHistory.vue';
import EventPanel from './EventPanel.vue';
import EventTimeline from './EventTimeline.vue';
import InstructionForm from './InstructionForm.vue';
import WatchedEventList from './WatchedEventList.vue';
import { useLeaderStore } from './store';
import { historyEntry, minuteAt, note, timelineIncident, watchedAlert, watchedEvent } from './testing';

const XSS = '<img src=x onerror="alert(1)"><b>粗体</b>';

let pinia: Pinia;
const global = () => ({ plugins: [createAppI18n('zh-CN'), pinia] });

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => vi.unstubAllGlobals());

describe('EventTimeline', () => {
  it('shows every incident with its channel, place and why it was joined', () => {
    const wrapper = mount(EventTimeline, {
      props: {
        incidents: [
          timelineIncident({ channel: '110', place: '新疆路码头', title: '码头游客滞留' }),
          timelineIncident({
            channel: 'sentiment',
            place: null,
            district: '市南区',
            joinReason: 'same place 新疆路码头 + text similarity 0.72',
          }),
          timelineIncident({ channel: '12315', joinReason: 'same merchant 海韵渔家大排档' }),
          timelineIncident({ channel: '12345', joinReason: 'moved by duty' }),
        ],
      },
      global: global(),
    });
    const entries = wrapper.findAll('.entry');
    expect(entries.map((e) => e.find('.channel').text())).toEqual(['110', '舆情', '12315', '12345']);
    expect(entries[0]!.find('.place').text()).toBe('新疆路码头');
    expect(entries[1]!.find('.place').text()).toBe('市南区');
    expect(entries.map((e) => e.find('.why').text())).toEqual([
      '首报',
      '同一地点：新疆路码头（文本相似度 0.72）',
      '同一商家：海韵渔家大排档',
      '关联原因：moved by duty',
    ]);
  });

  it('renders markup in citizen text as text', () => {
    const wrapper = mount(EventTimeline, {
      props: { incidents: [timelineIncident({ title: XSS, place: XSS, joinReason: `same merchant ${XSS}` })] },
      global: global(),
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.find('.title').text()).toBe(XSS);
    expect(wrapper.find('.why').text()).toContain(XSS);
  });
});

describe('AlertHistory', () => {
  it('tells the response in order: raised, 签收, 派单, team steps, escalation, 办结', () => {
    const team = { id: 'shinan-1', name: '市南区市场监管执法一队' };
    const wrapper = mount(AlertHistory, {
      props: {
        entries: [
          historyEntry({ kind: 'raised', rule: 'police-mass-incident', severity: 'major', at: minuteAt(0) }),
          historyEntry({ kind: 'escalated', severity: 'major', waitedMinutes: 5.2, at: minuteAt(5) }),
          historyEntry({ kind: 'acknowledged', actor: 'duty', actorName: '值班员', at: minuteAt(6) }),
          historyEntry({ kind: 'dispatched', actor: 'duty', actorName: '值班员', teams: [team], note: '前往码头', at: minuteAt(7) }),
          historyEntry({ kind: 'step', step: 'ack', team, actor: 'field-shinan', actorName: '张队', at: minuteAt(8) }),
          historyEntry({ kind: 'step', step: 'onsite', team, actor: 'field-shinan', actorName: '张队', at: minuteAt(20) }),
          historyEntry({ kind: 'resolved', actor: 'duty', actorName: '值班员', note: '已疏散', at: minuteAt(40) }),
        ],
      },
      global: global(),
    });
    expect(wrapper.findAll('.what').map((w) => w.text())).toEqual([
      '预警产生：110 群体性事件或多人伤亡，重大',
      '超过 5.2 分钟无人签收，已报领导',
      '值班员 签收',
      '值班员 派单至 市南区市场监管执法一队',
      '市南区市场监管执法一队：签收',
      '市南区市场监管执法一队：到达现场',
      '值班员 办结',
    ]);
    expect(wrapper.findAll('.note').map((n) => n.text())).toEqual(['说明：前往码头', '说明：已疏散']);
    expect(wrapper.findAll('time').map((t) => t.attributes('datetime'))).toEqual([0, 5, 6, 7, 8, 20, 40].map(minuteAt));
  });

  it('shows a team’s note with markup as text', () => {
    const wrapper = mount(AlertHistory, {
      props: { entries: [historyEntry({ kind: 'resolved', actor: 'duty', actorName: XSS, note: XSS })] },
      global: global(),
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('.note').text()).toContain(XSS);
    expect(wrapper.find('.what').text()).toContain(XSS);
  });
});

describe('WatchedEventList', () => {
  it('marks sensitive, unread and escalated events and emits the choice', async () => {
    const escalated = watchedEvent({ id: 'x', alerts: [watchedAlert({ escalatedAt: minuteAt(5), status: 'open' })] });
    const calm = watchedEvent({
      id: 'y',
      severity: 'urgent',
      sensitive: true,
      read: true,
      title: XSS,
      latestInstruction: note({ text: XSS }),
      alerts: [watchedAlert({ escalatedAt: minuteAt(5), status: 'acknowledged' })],
    });
    const wrapper = mount(WatchedEventList, { props: { events: [escalated, calm], selectedId: 'y' }, global: global() });
    const items = wrapper.findAll('.watched-event');
    expect(items[0]!.classes()).toEqual(expect.arrayContaining(['escalated', 'unread', 'sev-major']));
    expect(items[0]!.find('.escalated-badge').text()).toBe('超时未签收');
    expect(items[1]!.classes()).not.toContain('escalated');
    expect(items[1]!.classes()).toContain('selected');
    expect(items[1]!.find('.sensitive').text()).toBe('敏感');
    expect(items[1]!.find('.read-mark').text()).toBe('已阅');
    expect(wrapper.find('img').exists()).toBe(false);
    expect(items[1]!.find('.title').text()).toBe(XSS);
    expect(items[1]!.find('.instruction').text()).toBe(`批示：${XSS}`);
    await items[0]!.find('button').trigger('click');
    expect(wrapper.emitted('select')).toEqual([['x']]);
  });
});

describe('InstructionForm', () => {
  it('requires words, counts down to the limit and sends the instruction', async () => {
    const posts: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        posts.push(JSON.parse(String(init?.body)));
        return jsonResponse(201, note({ eventId: 'e1', text: '加强现场管控' }));
      }),
    );
    const wrapper = mount(InstructionForm, { props: { eventId: 'e1', read: false }, global: global() });
    await wrapper.find('button.instruct').trigger('click');
    const send = () => wrapper.find('button[type=submit]');
    expect(send().attributes('disabled')).toBeDefined();
    await wrapper.find('textarea').setValue('批'.repeat(INSTRUCTION_MAX_CHARS + 3));
    expect(wrapper.find('.count').text()).toBe('超出 3 字');
    expect(send().attributes('disabled')).toBeDefined();
    await wrapper.find('textarea').setValue('加强现场管控');
    expect(wrapper.find('.count').text()).toBe(`还可输入 ${INSTRUCTION_MAX_CHARS - 6} 字`);
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(posts).toEqual([{ text: '加强现场管控' }]);
    expect(wrapper.find('textarea').exists()).toBe(false);
    expect(wrapper.find('.sent').text()).toBe('批示已送达');
  });

  it('shows why the server refused, and 已阅 once read', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse(400, { error: 'text: at most 500 characters', code: 'event.note_too_long' })),
    );
    const wrapper = mount(InstructionForm, { props: { eventId: 'e1', read: false }, global: global() });
    await wrapper.find('button.instruct').trigger('click');
    await wrapper.find('textarea').setValue('处理');
    await wrapper.find('form').trigger('submit');
    await flushPromises();
    expect(wrapper.find('.error-text').text()).toBe('提交失败：批示内容超出字数上限');
    await wrapper.setProps({ read: true });
    expect(wrapper.find('button.read').text()).toBe('您已阅');
    expect(wrapper.find('button.read').attributes('disabled')).toBeDefined();
  });
});

describe('EventPanel', () => {
  it('holds the map slot, the alerts with their actions and history, the notes and the timeline', () => {
    const alert = alertFixture({ id: 'a1', eventId: 'e1', severity: 'major', status: 'open' });
    const event = watchedEvent({ id: 'e1', alerts: [watchedAlert({ id: 'a1', escalatedAt: minuteAt(5) })] });
    useLeaderStore();
    const wrapper = mount(EventPanel, {
      props: {
        event,
        detail: {
          id: 'e1',
          title: event.title,
          district: '市南区',
          category: null,
          subject: null,
          place: '新疆路码头',
          channels: ['110'],
          incidentCount: 1,
          firstAt: minuteAt(0),
          lastAt: minuteAt(0),
          reasons: [],
          createdAt: minuteAt(0),
          updatedAt: minuteAt(0),
          incidents: [timelineIncident()],
          notes: [note({ eventId: 'e1', text: XSS })],
        },
        alerts: [alert],
        histories: { a1: [historyEntry({ alertId: 'a1', rule: 'police-mass-incident', severity: 'major' })] },
        loading: false,
        error: null,
        canInstruct: false,
      },
      slots: { map: '<p class="injected-map">map</p>' },
      global: global(),
    });
    expect(wrapper.find('.event-map .injected-map').exists()).toBe(true);
    expect(wrapper.find('.alert-item').classes()).toContain('escalated');
    expect(wrapper.find('.alert-actions button').text()).toBe('签收');
    expect(wrapper.findAll('.alert-history .entry')).toHaveLength(1);
    expect(wrapper.findAll('.event-timeline .entry')).toHaveLength(1);
    expect(wrapper.find('.event-notes .text').text()).toBe(XSS);
    expect(wrapper.find('img').exists()).toBe(false);
    // duty officers see the notes but leave none
    expect(wrapper.find('.instruction-form').exists()).toBe(false);
  });
});
