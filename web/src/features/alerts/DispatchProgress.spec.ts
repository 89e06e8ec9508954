import { describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createAppI18n } from '../../app/i18n';
import { alertFixture } from '../../test/fixtures';
import AlertItem from './AlertItem.vue';
import { useTeamsStore } from './teamsStore';

vi.mock('../../app/http', () => ({ api: vi.fn(() => new Promise(() => undefined)) }));

describe('an alert’s dispatch progress', () => {
  it('shows each dispatched team by name with its step and time, as the field reports them', () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    const teams = useTeamsStore();
    teams.items = [{ id: 'shinan-1', name: '市南区市场监管执法一队', district: '市南区', department: 'market' } as never];
    teams.loaded = true;
    const alert = alertFixture({
      status: 'dispatched',
      dispatches: [
        { dispatchId: 'd1', teamId: 'shinan-1', status: 'onsite', updatedAt: '2026-07-20T12:05:00.000Z' },
        { dispatchId: 'd2', teamId: 'huangdao-9', status: 'dispatched', updatedAt: '2026-07-20T12:01:00.000Z' },
      ],
    });
    const wrapper = mount(AlertItem, { props: { alert }, global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    const rows = wrapper.findAll('.dispatch-progress li');
    expect(rows.map((r) => [r.find('.team').text(), r.find('.step').text()])).toEqual([
      ['市南区市场监管执法一队', '已到场'],
      // a team the list does not know yet is still shown, by its id
      ['huangdao-9', '待签收'],
    ]);
    expect(rows[0]!.find('time').attributes('datetime')).toBe('2026-07-20T12:05:00.000Z');
  });

  it('shows no progress line for an alert nobody was sent to', () => {
    const pinia = createPinia();
    const wrapper = mount(AlertItem, { props: { alert: alertFixture({}) }, global: { plugins: [pinia, createAppI18n('zh-CN')] } });
    expect(wrapper.find('.dispatch-progress').exists()).toBe(false);
  });
});
