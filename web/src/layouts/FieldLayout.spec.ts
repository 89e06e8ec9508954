import { beforeEach, describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { createAppI18n } from '../app/i18n';
import { useSessionStore } from '../features/session/store';
import FieldLayout from './FieldLayout.vue';

function mountLayout(props: { pending?: number; connection?: 'connected' | 'offline' | 'reconnecting' } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const session = useSessionStore();
  session.token = 'tok';
  session.user = { username: 'field-shinan', role: 'field', teamId: 'shinan-1' };
  const wrapper = mount(FieldLayout, {
    props: { title: '现场处置', connection: 'connected', ...props },
    slots: { default: '<p class="content">内容</p>' },
    global: { plugins: [pinia, createAppI18n('zh-CN')] },
  });
  return { wrapper, session };
}

describe('FieldLayout', () => {
  beforeEach(() => localStorage.clear());

  it('signs out at once when nothing is queued', async () => {
    const { wrapper, session } = mountLayout({ pending: 0 });
    await wrapper.find('button.sign-out').trigger('click');
    expect(session.signedIn).toBe(false);
  });

  it('warns before signing out with steps still queued, and signs out only when confirmed', async () => {
    const { wrapper, session } = mountLayout({ pending: 2 });
    await wrapper.find('button.sign-out').trigger('click');
    expect(session.signedIn).toBe(true);
    expect(wrapper.find('[role="alertdialog"]').text()).toContain('还有 2 条操作没有发送');
    await wrapper.find('button.stay').trigger('click');
    expect(wrapper.find('[role="alertdialog"]').exists()).toBe(false);
    expect(session.signedIn).toBe(true);
    await wrapper.find('button.sign-out').trigger('click');
    await wrapper.find('button.leave').trigger('click');
    expect(session.signedIn).toBe(false);
  });

  it('shows an offline banner that says steps are kept, and a reconnecting one', async () => {
    const { wrapper } = mountLayout({ connection: 'offline' });
    expect(wrapper.find('.banner.is-offline').text()).toBe('离线：操作会保存在本机，恢复网络后自动发送');
    await wrapper.setProps({ connection: 'reconnecting' });
    expect(wrapper.find('.banner.is-offline').exists()).toBe(false);
    expect(wrapper.find('.banner.is-reconnecting').exists()).toBe(true);
    await wrapper.setProps({ connection: 'connected' });
    expect(wrapper.find('.banner').exists()).toBe(false);
  });

  it('switches to the day theme for sunlight and remembers it', async () => {
    const { wrapper } = mountLayout();
    expect(wrapper.classes()).toContain('theme-night');
    await wrapper.find('button.theme').trigger('click');
    expect(wrapper.classes()).toContain('theme-day');
    expect(localStorage.getItem('jointduty.field.theme')).toBe('day');
    const again = mountLayout().wrapper;
    expect(again.classes()).toContain('theme-day');
  });
});
