import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Alert } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { alertFixture } from '../../test/fixtures';
import type { AlarmSound, SoundState } from '../wall/alarmSound';
import MajorAlertBanner from './MajorAlertBanner.vue';

function fakeSound(initial: SoundState) {
  let state = initial;
  const listeners: Array<() => void> = [];
  // resumes only after a user gesture, as a browser does
  const sound: AlarmSound & { chimes: number; gesture: boolean } = {
    chimes: 0,
    gesture: initial === 'running',
    state: () => state,
    resume: async () => {
      if (!sound.gesture) return;
      state = 'running';
      listeners.forEach((l) => l());
    },
    onStateChange: (l) => void listeners.push(l),
    chime: () => void sound.chimes++,
    close: () => undefined,
  };
  return sound;
}

function mountBanner(alerts: Alert[], sound: AlarmSound) {
  setActivePinia(createPinia());
  return mount(MajorAlertBanner, {
    props: { alerts, sound: { createSound: () => sound, gestureTarget: null } },
    global: { plugins: [createAppI18n('zh-CN')] },
  });
}

describe('MajorAlertBanner', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sounds while a major alert is open, and goes quiet when it is acknowledged', async () => {
    const sound = fakeSound('running');
    const major = alertFixture({ severity: 'major', title: '多渠道食物中毒' });
    const w = mountBanner([major], sound);
    expect(w.find('.major-banner').text()).toContain('多渠道食物中毒');
    expect(sound.chimes).toBe(1);
    vi.advanceTimersByTime(5000);
    expect(sound.chimes).toBe(3);
    expect(w.find('.sound-enable').exists()).toBe(false);

    await w.setProps({ alerts: [] });
    vi.advanceTimersByTime(10_000);
    expect(sound.chimes).toBe(3);
    expect(w.find('.major-banner').exists()).toBe(false);
    w.unmount();
  });

  it('offers "点击启用声音" when the browser blocks audio, instead of failing silently', async () => {
    const sound = fakeSound('suspended');
    const w = mountBanner([alertFixture({ severity: 'major' })], sound);
    const enable = w.find('button.sound-enable');
    expect(enable.text()).toBe('点击启用声音');
    expect(sound.chimes).toBe(0);
    sound.gesture = true;
    await enable.trigger('click');
    await flushPromises();
    expect(w.find('button.sound-enable').exists()).toBe(false);
    expect(sound.chimes).toBe(1);
    w.unmount();
  });

  it('mutes and unmutes with one button', async () => {
    const sound = fakeSound('running');
    const w = mountBanner([alertFixture({ severity: 'major' })], sound);
    const mute = w.find('button.sound-mute');
    expect(mute.text()).toBe('静音');
    await mute.trigger('click');
    expect(mute.text()).toBe('取消静音');
    expect(mute.attributes('aria-pressed')).toBe('true');
    const before = sound.chimes;
    vi.advanceTimersByTime(10_000);
    expect(sound.chimes).toBe(before);
    await mute.trigger('click');
    expect(mute.text()).toBe('静音');
    vi.advanceTimersByTime(2600);
    expect(sound.chimes).toBeGreaterThan(before);
    w.unmount();
  });
});
