import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../app/i18n';
import { alertFixture, dispatchFixture } from '../../test/fixtures';
import DispatchCard from './DispatchCard.vue';
import type { QueuedStep } from './stepQueue';

type Props = InstanceType<typeof DispatchCard>['$props'];

function mountCard(over: Parameters<typeof dispatchFixture>[0] = {}, props: Partial<Props> = {}) {
  return mount(DispatchCard, {
    props: { dispatch: dispatchFixture(over), now: Date.parse('2026-07-20T12:30:00Z'), ...props },
    global: { plugins: [createAppI18n('zh-CN')] },
  });
}

const queued = (step: QueuedStep['step'], at = '2026-07-20T12:20:00.000Z'): QueuedStep => ({
  id: `q-${step}`,
  dispatchId: 'd',
  step,
  at,
  attempts: 0,
});
const stepTexts = (w: ReturnType<typeof mountCard>) => w.findAll('.steps li').map((li) => li.classes().find((c) => c.startsWith('is-')));

describe('DispatchCard', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a fresh dispatch shows what, where, who and how long ago, and 签收 as the one big button', async () => {
    const wrapper = mountCard({
      status: 'dispatched',
      createdAt: '2026-07-20T12:18:00.000Z',
      note: '请立即到场',
      place: '新疆路码头',
      dispatchedBy: 'duty',
      dispatchedByName: '值班员李明',
      alert: alertFixture({ title: '码头游客滞留', severity: 'major', district: '市南区' }),
    });
    expect(wrapper.find('.status').text()).toBe('待签收');
    expect(wrapper.find('h3').text()).toBe('码头游客滞留');
    expect(wrapper.find('.severity').text()).toBe('重大');
    expect(wrapper.find('.where').text()).toContain('市南区');
    expect(wrapper.find('.where').text()).toContain('新疆路码头');
    expect(wrapper.find('.who').text()).toContain('12 分钟前');
    expect(wrapper.find('.who').text()).toContain('值班员李明');
    expect(wrapper.find('.note').text()).toContain('请立即到场');
    // one button to press: the next step; the others are not buttons yet
    const buttons = wrapper.findAll('button');
    expect(buttons.map((b) => b.text())).toEqual(['签收']);
    expect(buttons[0]!.classes()).toContain('next');
    expect(stepTexts(wrapper)).toEqual(['is-todo', 'is-todo', 'is-todo', 'is-todo']);
    await buttons[0]!.trigger('click');
    expect(wrapper.emitted('step')).toEqual([['ack', undefined]]);
  });

  it('after 到场 the recorded steps are shown with their times and 办结 is next', () => {
    const wrapper = mountCard({
      status: 'onsite',
      ackedAt: '2026-07-20T04:05:00.000Z',
      contactedAt: '2026-07-20T04:07:00.000Z',
      onsiteAt: '2026-07-20T04:20:00.000Z',
    });
    expect(wrapper.find('.status').text()).toBe('已到场');
    expect(stepTexts(wrapper)).toEqual(['is-done', 'is-done', 'is-done', 'is-todo']);
    const done = wrapper.findAll('button.step.done');
    expect(done.every((b) => b.attributes('disabled') !== undefined)).toBe(true);
    // times in the city's zone (UTC+8)
    expect(done[0]!.text()).toContain('12:05');
    expect(done[2]!.text()).toContain('12:20');
    expect(wrapper.find('button.next').text()).toBe('办结');
  });

  it('办结 needs a result: the form refuses a blank one and one over 1000 characters, then sends the note', async () => {
    const wrapper = mountCard({ status: 'onsite' });
    await wrapper.find('button.next').trigger('click');
    expect(wrapper.emitted('step')).toBeUndefined();
    const form = wrapper.find('form.resolve-form');
    expect(form.exists()).toBe(true);
    const submit = form.find('button[type="submit"]');
    await submit.trigger('click');
    await form.trigger('submit');
    expect(wrapper.emitted('step')).toBeUndefined();
    expect(wrapper.find('[role="alert"]').text()).toBe('办结须填写处置结果');

    await form.find('textarea').setValue('   ');
    await form.trigger('submit');
    expect(wrapper.emitted('step')).toBeUndefined();
    await form.find('textarea').setValue('办'.repeat(1001));
    expect(wrapper.find('.counter').text()).toBe('1001 / 1000');
    await form.trigger('submit');
    expect(wrapper.emitted('step')).toBeUndefined();
    expect(wrapper.find('[role="alert"]').text()).toBe('处置结果不能超过 1000 字');

    await form.find('textarea').setValue('  已劝离，现场秩序恢复  ');
    await form.trigger('submit');
    expect(wrapper.emitted('step')).toEqual([['resolve', '已劝离，现场秩序恢复']]);
    expect(wrapper.find('form.resolve-form').exists()).toBe(false);
  });

  it('shows steps waiting in the outbox as 待发送 and offers the one after them', () => {
    const wrapper = mountCard({ status: 'dispatched' }, { queued: [queued('ack'), queued('contacted', '2026-07-20T12:25:00.000Z')] });
    // the status is what the server has; the queued steps say so
    expect(wrapper.find('.status').text()).toBe('待签收');
    expect(stepTexts(wrapper)).toEqual(['is-queued', 'is-queued', 'is-todo', 'is-todo']);
    const q = wrapper.findAll('button.step.queued');
    expect(q[0]!.text()).toContain('待发送');
    expect(q[1]!.text()).toContain('20:25');
    expect(wrapper.find('.queued-badge').text()).toBe('待发送');
    expect(wrapper.find('button.next').text()).toBe('到场');
  });

  it('says 发送中 for the step on its way', () => {
    const wrapper = mountCard({ status: 'dispatched' }, { queued: [queued('ack')], sending: true });
    expect(wrapper.find('button.step.queued').text()).toContain('发送中');
  });

  it('takes one step per tap: a second tap right after does nothing', async () => {
    const wrapper = mountCard({ status: 'dispatched' });
    await wrapper.find('button.next').trigger('click');
    await wrapper.setProps({ queued: [queued('ack')] });
    expect(wrapper.find('button.next').text()).toBe('已联系');
    expect(wrapper.find('button.next').attributes('disabled')).toBeDefined();
    await wrapper.find('button.next').trigger('click');
    expect(wrapper.emitted('step')).toEqual([['ack', undefined]]);
    vi.advanceTimersByTime(1000);
    await wrapper.vm.$nextTick();
    await wrapper.find('button.next').trigger('click');
    expect(wrapper.emitted('step')).toEqual([
      ['ack', undefined],
      ['contacted', undefined],
    ]);
  });

  it('offers nothing more once resolved, or once the duty room resolved the alert', () => {
    const done = mountCard({ status: 'resolved', resultNote: '已处置完毕' });
    expect(done.find('button.next').exists()).toBe(false);
    expect(done.find('.result').text()).toContain('已处置完毕');
    const closed = mountCard({ status: 'acknowledged', alert: alertFixture({ status: 'resolved' }) });
    expect(closed.find('button.next').exists()).toBe(false);
    expect(closed.find('.closed-note').text()).toBe('值班室已办结此预警，无需继续处置');
  });

  it('highlights a new dispatch and a new 批示, shows the 批示 newest first, and says when it was opened', async () => {
    const d = dispatchFixture();
    const wrapper = mountCard(
      {
        instructions: [
          {
            id: 'n1',
            eventId: d.alert.eventId,
            kind: 'instruction',
            actor: 'leader',
            actorName: '王局长',
            text: '先核实',
            createdAt: '2026-07-20T04:10:00.000Z',
          },
          {
            id: 'n2',
            eventId: d.alert.eventId,
            kind: 'instruction',
            actor: 'leader',
            actorName: '王局长',
            text: '注意舆情',
            createdAt: '2026-07-20T04:20:00.000Z',
          },
        ],
      },
      { fresh: true, freshInstruction: true },
    );
    expect(wrapper.classes()).toContain('fresh');
    expect(wrapper.find('.badge.new').text()).toBe('新派单');
    expect(wrapper.find('.badge.new-instruction').text()).toBe('新批示');
    expect(wrapper.findAll('.instruction-text').map((p) => p.text())).toEqual(['注意舆情', '先核实']);
    expect(wrapper.find('.instruction-by').text()).toContain('王局长');
    await wrapper.find('h3').trigger('click');
    expect(wrapper.emitted('open')).toHaveLength(1);
  });

  it('shows markup in citizen-derived and leaders’ text literally', () => {
    const xss = '<img src=x onerror=alert(1)>';
    const d = dispatchFixture();
    const wrapper = mountCard({
      alert: alertFixture({ title: xss, summary: xss }),
      note: xss,
      place: xss,
      resultNote: xss,
      status: 'resolved',
      instructions: [
        { id: 'n', eventId: d.alert.eventId, kind: 'instruction', actor: 'leader', actorName: xss, text: xss, createdAt: d.createdAt },
      ],
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('h3').text()).toBe(xss);
    expect(wrapper.find('.instruction-text').text()).toBe(xss);
    expect(wrapper.find('.result').text()).toContain(xss);
  });
});
