import { getCurrentScope, onScopeDispose, readonly, ref, type Ref } from 'vue';

// What a phone in a pocket does when a dispatch arrives: vibrate and beep. The beep is made with
// Web Audio (no audio files). Browsers keep audio (and vibration) locked until the user has
// touched the page, so the first tap anywhere unlocks it; until then `ready` is false and the
// screen offers a button to switch the sound on.

export type ArrivalKind = 'dispatch' | 'instruction';

/** Long-short pattern, about 1.5 s: hard to miss in a pocket. */
export const DISPATCH_VIBRATION = [400, 150, 400, 150, 400];
export const INSTRUCTION_VIBRATION = [200, 100, 200];

// two-tone beeps (Hz), each 180 ms
const TONES: Record<ArrivalKind, number[]> = {
  dispatch: [988, 1319, 988, 1319],
  instruction: [784, 1047],
};
const BEEP_S = 0.18;
const GAP_S = 0.06;

/** The part of an AudioContext used here (so tests can stand in for it). */
export interface ToneContext {
  readonly state: string;
  readonly currentTime: number;
  readonly destination: unknown;
  resume(): Promise<void>;
  close?(): Promise<void>;
  createOscillator(): {
    type: string;
    frequency: { setValueAtTime(v: number, t: number): unknown };
    connect(node: unknown): unknown;
    start(t: number): void;
    stop(t: number): void;
  };
  createGain(): {
    gain: { setValueAtTime(v: number, t: number): unknown; exponentialRampToValueAtTime(v: number, t: number): unknown };
    connect(node: unknown): unknown;
  };
}

export interface ArrivalSignalOptions {
  createContext?: () => ToneContext | null;
  vibrate?: (pattern: number[]) => boolean;
  /** where the first tap is listened for */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
}

export interface ArrivalSignal {
  /** the sound is unlocked */
  ready: Readonly<Ref<boolean>>;
  /** Vibrates and beeps; what it could do. */
  signal(kind: ArrivalKind): { vibrated: boolean; sounded: boolean };
  /** From a tap: unlocks the sound. */
  unlock(): Promise<boolean>;
  dispose(): void;
}

function browserContext(): ToneContext | null {
  if (typeof window === 'undefined') return null;
  const Ctor =
    (window as unknown as { AudioContext?: new () => ToneContext }).AudioContext ??
    (window as unknown as { webkitAudioContext?: new () => ToneContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    return new Ctor();
  } catch {
    return null;
  }
}

function browserVibrate(pattern: number[]): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.vibrate !== 'function') return false;
  try {
    return navigator.vibrate(pattern);
  } catch {
    return false;
  }
}

const GESTURES = ['pointerdown', 'touchend', 'keydown'] as const;

export function createArrivalSignal(options: ArrivalSignalOptions = {}): ArrivalSignal {
  const createContext = options.createContext ?? browserContext;
  const vibrate = options.vibrate ?? browserVibrate;
  const target = options.target === undefined ? (typeof document === 'undefined' ? null : document) : options.target;
  const ready = ref(false);
  let ctx: ToneContext | null = null;
  let armed = false;
  let disposed = false;

  const onGesture = () => void unlock();

  function arm(): void {
    if (armed || disposed || !target) return;
    armed = true;
    for (const e of GESTURES) target.addEventListener(e, onGesture, { passive: true });
  }

  function disarm(): void {
    if (!armed || !target) return;
    armed = false;
    for (const e of GESTURES) target.removeEventListener(e, onGesture);
  }

  // Made on a tap only: a context made before one starts suspended and browsers warn about it.
  async function unlock(): Promise<boolean> {
    if (disposed) return false;
    ctx ??= createContext();
    if (!ctx) {
      disarm();
      return false;
    }
    if (ctx.state !== 'running') {
      try {
        await ctx.resume();
      } catch {
        // still locked: the next tap tries again
      }
    }
    ready.value = ctx.state === 'running';
    if (ready.value) disarm();
    return ready.value;
  }

  function beep(c: ToneContext, kind: ArrivalKind): void {
    let t = c.currentTime + 0.02;
    for (const hz of TONES[kind]) {
      const osc = c.createOscillator();
      const gain = c.createGain();
      osc.type = 'square';
      osc.frequency.setValueAtTime(hz, t);
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.4, t + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + BEEP_S);
      osc.connect(gain);
      gain.connect(c.destination);
      osc.start(t);
      osc.stop(t + BEEP_S + 0.01);
      t += BEEP_S + GAP_S;
    }
  }

  function signal(kind: ArrivalKind): { vibrated: boolean; sounded: boolean } {
    const vibrated = vibrate(kind === 'dispatch' ? DISPATCH_VIBRATION : INSTRUCTION_VIBRATION);
    const c = ctx;
    if (c && c.state === 'running') {
      beep(c, kind);
      return { vibrated, sounded: true };
    }
    ready.value = false;
    arm();
    // a context suspended by the system (screen off) may come back without a new tap
    if (c) {
      c.resume()
        .then(() => {
          if (c.state === 'running' && !disposed) {
            ready.value = true;
            beep(c, kind);
          }
        })
        .catch(() => undefined);
    }
    return { vibrated, sounded: false };
  }

  function dispose(): void {
    disarm();
    disposed = true;
    void ctx?.close?.().catch(() => undefined);
    ctx = null;
  }

  arm();
  if (getCurrentScope()) onScopeDispose(dispose);

  return { ready: readonly(ready), signal, unlock, dispose };
}
