import { computed, getCurrentScope, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
import { webAudioSound, type AlarmSound, type SoundState } from './alarmSound';

export const ALARM_INTERVAL_MS = 2500;

export interface AlarmOptions {
  createSound?: () => AlarmSound | null;
  intervalMs?: number;
  /** where a first click or key press unlocks blocked audio (default: window) */
  gestureTarget?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

/**
 * Sounds a chime every few seconds while `ids` (the unacknowledged major alerts) is not empty.
 * Mute silences the alerts sounding now; a new major alert sounds again. When the browser keeps
 * audio suspended (no user gesture yet), `blocked` says so, and the first click or key press
 * anywhere, or `enable()`, starts it.
 */
export function useAlarm(ids: Readonly<Ref<readonly string[]>>, options: AlarmOptions = {}) {
  const createSound = options.createSound ?? (() => webAudioSound());
  const intervalMs = options.intervalMs ?? ALARM_INTERVAL_MS;
  const gestureTarget = options.gestureTarget === undefined ? (typeof window === 'undefined' ? null : window) : options.gestureTarget;

  let sound: AlarmSound | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  const state = ref<SoundState | 'none'>('none');
  const mutedIds = shallowRef<ReadonlySet<string> | null>(null);
  /** chimes played, for the tests and the soak script */
  const chimes = ref(0);

  const active = computed(() => ids.value.length > 0);
  const muted = computed(() => mutedIds.value !== null && ids.value.every((id) => mutedIds.value!.has(id)));
  const wanted = computed(() => active.value && !muted.value);
  const blocked = computed(() => wanted.value && (state.value === 'suspended' || state.value === 'closed'));
  const playing = computed(() => wanted.value && state.value === 'running');

  function ensureSound(): AlarmSound | null {
    if (!sound) {
      sound = createSound();
      if (!sound) return null;
      sound.onStateChange(() => (state.value = sound?.state() ?? 'none'));
      state.value = sound.state();
    }
    return sound;
  }

  function tryResume(): void {
    const s = sound;
    if (!s || s.state() !== 'suspended') return;
    s.resume()
      .then(() => (state.value = s.state()))
      .catch(() => undefined);
  }

  function chime(): void {
    if (!playing.value || !sound) return;
    sound.chime();
    chimes.value++;
  }

  function start(): void {
    if (!ensureSound()) return;
    tryResume();
    chime();
    timer ??= setInterval(chime, intervalMs);
  }

  function stop(): void {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  watch(wanted, (on) => (on ? start() : stop()), { immediate: true });
  // audio came alive while an alarm is wanted: sound at once rather than at the next tick
  watch(state, (s, before) => {
    if (s === 'running' && (before === 'suspended' || before === 'closed')) chime();
  });
  // every sounding alert acknowledged: the next major alert starts unmuted
  watch(active, (on) => {
    if (!on) mutedIds.value = null;
  });

  function onGesture(): void {
    if (blocked.value) tryResume();
  }
  gestureTarget?.addEventListener('pointerdown', onGesture);
  gestureTarget?.addEventListener('keydown', onGesture);

  /** A click on the "enable sound" control: a user gesture, so the browser lets audio start. */
  function enable(): void {
    ensureSound();
    tryResume();
  }

  function toggleMute(): void {
    mutedIds.value = muted.value ? null : new Set(ids.value);
  }

  function dispose(): void {
    stop();
    gestureTarget?.removeEventListener('pointerdown', onGesture);
    gestureTarget?.removeEventListener('keydown', onGesture);
    sound?.close();
    sound = null;
  }
  if (getCurrentScope()) onScopeDispose(dispose);

  return { active, muted, blocked, playing, chimes, enable, toggleMute, dispose };
}
