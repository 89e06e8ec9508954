import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../app/i18n';
import { alertFixture, dispatchFixture } from '../../test/fixtures';
import DispatchCard from './DispatchCard.vue';

function mountCard(over: Parameters<typeof dispatchFixture>[0]) {
  return mount(DispatchCard, {
    props: { dispatch: dispatchFixture(over), busy: false },
    global: { plugins: [createAppI18n('zh-CN')] },
  });
}

describe('DispatchCard', () => {
  it('a fresh dispatch (status dispatched) offers 签收 first and has no step done', async () => {
    const wrapper = mountCard({ status: 'dispatched' });
    expect(wrapper.find('.status').text()).toBe('待签收');
    const buttons = wrapper.findAll('.steps button');
    expect(buttons.map((b) => b.text())).toEqual(['签收', '已联系', '到场', '办结']);
    expect(buttons[0]!.classes()).toContain('primary');
    expect(buttons.filter((b) => b.classes().includes('done'))).toHaveLength(0);
    await buttons[0]!.trigger('click');
    expect(wrapper.emitted('step')).toEqual([['ack']]);
  });

  it('after 到场 only 办结 is left', () => {
    const wrapper = mountCard({ status: 'onsite' });
    expect(wrapper.find('.status').text()).toBe('已到场');
    const buttons = wrapper.findAll('.steps button');
    expect(buttons.map((b) => b.attributes('disabled') !== undefined)).toEqual([true, true, true, false]);
    expect(buttons[3]!.classes()).toContain('primary');
  });

  it('shows citizen-derived alert text literally', () => {
    const xss = '<img src=x onerror=alert(1)>';
    const wrapper = mountCard({ alert: alertFixture({ title: xss, summary: xss }) });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('h3').text()).toBe(xss);
  });
});
