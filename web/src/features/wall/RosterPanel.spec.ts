import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { RosterEntry } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import RosterPanel from './RosterPanel.vue';

const entry = (over: Partial<RosterEntry>): RosterEntry => ({
  unit: '公安局',
  person: '指挥中心 张伟',
  phone: '0532-8000-0110',
  shift: '08:00-20:00',
  source: 'base',
  ...over,
});

function mountRoster(entries: RosterEntry[] | null, locale: 'zh-CN' | 'en' = 'zh-CN', max?: number) {
  return mount(RosterPanel, { props: { entries, max }, global: { plugins: [createAppI18n(locale)] } });
}

describe('RosterPanel', () => {
  it('lists unit, person and shift of everyone on duty now, in the server’s order', () => {
    const w = mountRoster([
      entry({}),
      entry({ unit: '联席办', person: '值班长 王建国', shift: null, source: 'profile' }),
      entry({ unit: '12345热线办', person: '夜班班长 宋琳', shift: '20:00-08:00' }),
    ]);
    const rows = w.findAll('tbody tr');
    expect(rows.map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['公安局', '指挥中心 张伟', '08:00-20:00'],
      ['联席办', '值班长 王建国 保障', '全天'],
      ['12345热线办', '夜班班长 宋琳', '20:00-08:00'],
    ]);
    // a profile's person is marked; the base roster's are not
    expect(rows[1]!.classes()).toContain('from-profile');
    expect(rows[0]!.find('.profile').exists()).toBe(false);
    expect(w.text()).toContain('联合值守');
  });

  it('says so when nobody is on duty, and in English too', () => {
    expect(mountRoster([]).text()).toContain('暂无在岗人员');
    expect(mountRoster(null).find('table').exists()).toBe(false);
    const en = mountRoster([entry({ shift: null })], 'en');
    expect(en.text()).toContain('Joint duty');
    expect(en.find('.shift').text()).toBe('all day');
  });

  it('shows at most `max` rows, so the panel never overflows the wall', () => {
    const many = Array.from({ length: 20 }, (_, i) => entry({ person: `值班员 ${i}` }));
    expect(mountRoster(many, 'zh-CN', 9).findAll('tbody tr')).toHaveLength(9);
  });

  it('renders markup in a name as text', () => {
    const w = mountRoster([entry({ person: '<img src=x onerror=alert(1)>' })]);
    expect(w.find('img').exists()).toBe(false);
    expect(w.find('.person').text()).toContain('<img src=x onerror=alert(1)>');
  });
});
