import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, shallowRef } from 'vue';
import type { AlarmSound, SoundState } from './alarmSound';
import { useAlarm } from './useAlarm';

// A stand-in for Web Audio: starts suspended or running, resumes only when the test says a
// gesture happened, counts chimes.
class FakeSound implements AlarmSound {
  chimes = 0;
  closed = false;
  gestureAllowed: boolean;
  private listeners: Array<() => void> = [];
  constructor(private current: SoundState) {
    this.gestureAllowed = current === 'running';
  }
  state = () => this.current;
  resume = vi.fn(async () => {
    if (this.gestureAllowed) this.set('running');
  });
  onStateChange = (l: () => void) => void this.listeners.push(l);
  chime = () => void this.chimes++;
  close = () => {
    this.closed = true;
  };
  set(s: SoundState) {
    this.current = s;
    this.listeners.forEach((l) => l());
  }
}

function setup(initial: SoundState = 'running') {
  const sound = new FakeSound(initial);
  const ids = shallowRef<string[]>([]);
  const target = new EventTarget();
  const scope = effectScope();
  const alarm = scope.run(() => useAlarm(ids, { createSound: () => sound, intervalMs: 1000, gestureTarget: target }))!;
  return { sound, ids, alarm, scope, target };
}

describe('useAlarm', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('chimes at once and then every interval while a major alert is open, and stops when it is acknowledged', async () => {
    const { sound, ids, alarm, scope } = setup();
    expect(sound.chimes).toBe(0);
    ids.value = ['a1'];
    await nextTick();
    expect(alarm.playing.value).toBe(true);
    expect(sound.chimes).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(sound.chimes).toBe(4);

    // acknowledged: no longer open, the alarm stops
    ids.value = [];
    await nextTick();
    vi.advanceTimersByTime(5000);
    expect(sound.chimes).toBe(4);
    expect(alarm.playing.value).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
    scope.stop();
    expect(sound.closed).toBe(true);
  });

  it('mute silences the alerts sounding now; a new major alert sounds again', async () => {
    const { sound, ids, alarm } = setup();
    ids.value = ['a1', 'a2'];
    await nextTick();
    alarm.toggleMute();
    await nextTick();
    expect(alarm.muted.value).toBe(true);
    const before = sound.chimes;
    vi.advanceTimersByTime(5000);
    expect(sound.chimes).toBe(before);

    // one of them acknowledged: still muted
    ids.value = ['a2'];
    await nextTick();
    vi.advanceTimersByTime(3000);
    expect(sound.chimes).toBe(before);

    // a new one arrives: the alarm is back
    ids.value = ['a3', 'a2'];
    await nextTick();
    expect(alarm.muted.value).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(sound.chimes).toBeGreaterThan(before);

    // unmute after mute works too
    alarm.toggleMute();
    await nextTick();
    alarm.toggleMute();
    await nextTick();
    expect(alarm.playing.value).toBe(true);
  });

  it('when the browser keeps audio suspended it says so, and a click or key press starts it', async () => {
    const { sound, ids, alarm, target } = setup('suspended');
    ids.value = ['a1'];
    await nextTick();
    expect(alarm.blocked.value).toBe(true);
    expect(alarm.playing.value).toBe(false);
    expect(sound.chimes).toBe(0);
    vi.advanceTimersByTime(3000);
    expect(sound.chimes).toBe(0);

    // the user clicks somewhere on the page: a gesture, the browser lets audio run
    sound.gestureAllowed = true;
    target.dispatchEvent(new Event('pointerdown'));
    await vi.waitFor(() => expect(alarm.blocked.value).toBe(false));
    await nextTick();
    expect(alarm.playing.value).toBe(true);
    expect(sound.chimes).toBe(1); // at once, not at the next tick
    vi.advanceTimersByTime(1000);
    expect(sound.chimes).toBe(2);
  });

  it('enable() resumes from the "enable sound" control', async () => {
    const { sound, ids, alarm } = setup('suspended');
    ids.value = ['a1'];
    await nextTick();
    sound.gestureAllowed = true;
    alarm.enable();
    await vi.waitFor(() => expect(alarm.playing.value).toBe(true));
    expect(sound.resume).toHaveBeenCalled();
  });

  it('a wall with no major alert makes no audio at all, and nothing is left behind', () => {
    const create = vi.fn(() => new FakeSound('running'));
    const target = new EventTarget();
    const remove = vi.spyOn(target, 'removeEventListener');
    const scope = effectScope();
    scope.run(() => useAlarm(shallowRef([]), { createSound: create, gestureTarget: target }));
    expect(create).not.toHaveBeenCalled();
    scope.stop();
    expect(remove).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
