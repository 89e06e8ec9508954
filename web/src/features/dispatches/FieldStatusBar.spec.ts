import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../app/i18n';
import FieldStatusBar from './FieldStatusBar.vue';
import type { QueuedStep } from './stepQueue';

const entry = (attempts = 0): QueuedStep => ({
  id: `q${attempts}`,
  dispatchId: 'd1',
  step: 'ack',
  at: '2026-07-20T12:00:00.000Z',
  attempts,
});

function mountBar(props: Partial<InstanceType<typeof FieldStatusBar>['$props']> = {}) {
  return mount(FieldStatusBar, {
    props: { queued: [], sending: false, retryAt: null, dropped: [], soundReady: true, now: 0, ...props },
    global: { plugins: [createAppI18n('zh-CN')] },
  });
}

describe('FieldStatusBar', () => {
  it('says how many steps wait and when it tries again; a retry can be asked for', async () => {
    const bar = mountBar({ queued: [entry(1), entry(0)], retryAt: 4_200 });
    expect(bar.find('.pending').text()).toContain('2 条操作待发送');
    expect(bar.find('.pending').text()).toContain('5 秒后重试');
    await bar.find('.pending button').trigger('click');
    expect(bar.emitted('retry')).toHaveLength(1);
  });

  it('stays quiet while a step goes out on its first try', () => {
    expect(
      mountBar({ queued: [entry(0)], sending: true })
        .find('.pending')
        .exists(),
    ).toBe(false);
    expect(
      mountBar({ queued: [entry(2)], sending: true })
        .find('.pending')
        .text(),
    ).toContain('发送中');
  });

  it('shows each refused step until dismissed, and offers to switch the sound on', async () => {
    const bar = mountBar({
      dropped: [
        { id: 7, dispatchId: 'd1', step: 'contacted', title: '<b>码头</b>', message: 'step: the duty room has resolved the alert' },
      ],
      soundReady: false,
    });
    expect(bar.find('.dropped').text()).toContain('“已联系”未被接受（<b>码头</b>）');
    expect(bar.find('b').exists()).toBe(false);
    await bar.find('.dropped button').trigger('click');
    expect(bar.emitted('dismiss')).toEqual([[7]]);
    await bar.find('.sound button').trigger('click');
    expect(bar.emitted('enableSound')).toHaveLength(1);
  });
});
