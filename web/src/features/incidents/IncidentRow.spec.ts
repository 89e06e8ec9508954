import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createAppI18n } from '../../app/i18n';
import { alertFixture, incidentFixture } from '../../test/fixtures';
import IncidentTicker from './IncidentTicker.vue';
import AlertItem from '../alerts/AlertItem.vue';

const XSS = '<img src=x onerror=alert(1)>';

describe('citizen text is shown as text', () => {
  it('an incident title with markup renders literally in the ticker', () => {
    const wrapper = mount(IncidentTicker, {
      props: { items: [incidentFixture({ title: XSS, kind: '<b>投诉</b>', flags: ['simulated'] })] },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('b').exists()).toBe(false);
    expect(wrapper.find('.title').text()).toBe(XSS);
    expect(wrapper.html()).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(wrapper.find('.simulated').text()).toBe('模拟');
  });

  it('an alert title and summary with markup render literally', () => {
    const wrapper = mount(AlertItem, {
      props: { alert: alertFixture({ title: XSS, summary: XSS, severity: 'major' }) },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    expect(wrapper.find('img').exists()).toBe(false);
    expect(wrapper.find('.title').text()).toBe(XSS);
    expect(wrapper.find('.severity').text()).toBe('重大');
  });
});

describe('a post in the ticker', () => {
  it('names its platform in the reader’s language; other channels show their kind as sent', () => {
    const rows = (locale: 'zh-CN' | 'en') =>
      mount(IncidentTicker, {
        props: {
          items: [
            incidentFixture({ id: 'p', channel: 'sentiment', kind: 'xiaohongshu' }),
            incidentFixture({ id: 'q', channel: 'sentiment', kind: 'platform-we-do-not-know' }),
            incidentFixture({ id: 'h', channel: '12345', kind: 'weibo' }),
          ],
        },
        global: { plugins: [createAppI18n(locale)] },
      })
        .findAll('.kind')
        .map((k) => k.text());
    expect(rows('zh-CN')).toEqual(['小红书', 'platform-we-do-not-know', 'weibo']);
    expect(rows('en')).toEqual(['Xiaohongshu', 'platform-we-do-not-know', 'weibo']);
  });
});
