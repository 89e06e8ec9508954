import { describe, expect, it, vi } from 'vitest';
import { createArrivalSignal, DISPATCH_VIBRATION, INSTRUCTION_VIBRATION, type ToneContext } from './arrivalSignal';

// Web Audio and vibration do not exist headless: a stand-in records what would have been played.
class FakeAudio implements ToneContext {
  state: 'suspended' | 'running' | 'closed';
  currentTime = 10;
  destination = { node: 'speaker' };
  oscillators: Array<{ hz: number; start: number; stop: number; type: string }> = [];
  resumeCalls = 0;
  constructor(
    initial: 'suspended' | 'running',
    private readonly unlockable = true,
  ) {
    this.state = initial;
  }
  resume = vi.fn(async () => {
    this.resumeCalls++;
    if (this.unlockable) this.state = 'running';
  });
  close = vi.fn(async () => {
    this.state = 'closed';
  });
  createOscillator() {
    const o = { hz: 0, start: -1, stop: -1, type: '' };
    this.oscillators.push(o);
    return {
      set type(v: string) {
        o.type = v;
      },
      get type() {
        return o.type;
      },
      frequency: { setValueAtTime: (v: number) => (o.hz = v) },
      connect: () => undefined,
      start: (t: number) => (o.start = t),
      stop: (t: number) => (o.stop = t),
    };
  }
  createGain() {
    return { gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined }, connect: () => undefined };
  }
}

function setup(audio: FakeAudio | null = new FakeAudio('suspended')) {
  const target = new EventTarget();
  const vibrate = vi.fn(() => true);
  const createContext = vi.fn(() => audio);
  const signal = createArrivalSignal({ createContext, vibrate, target });
  return { signal, target, vibrate, createContext, audio };
}

describe('arrival signal (vibration and a Web Audio beep)', () => {
  it('vibrates on a dispatch even before the sound is unlocked, and makes no audio context without a tap', () => {
    const { signal, vibrate, createContext } = setup();
    expect(signal.signal('dispatch')).toEqual({ vibrated: true, sounded: false });
    expect(vibrate).toHaveBeenCalledWith(DISPATCH_VIBRATION);
    expect(createContext).not.toHaveBeenCalled();
    expect(signal.ready.value).toBe(false);
  });

  it('unlocks the sound on the first tap anywhere, then beeps on each arrival', async () => {
    const { signal, target, audio } = setup();
    target.dispatchEvent(new Event('pointerdown'));
    await vi.waitFor(() => expect(signal.ready.value).toBe(true));
    expect(audio!.resume).toHaveBeenCalledTimes(1);
    // armed once: later taps do not touch the context again
    target.dispatchEvent(new Event('pointerdown'));
    await Promise.resolve();
    expect(audio!.resumeCalls).toBe(1);

    expect(signal.signal('dispatch')).toEqual({ vibrated: true, sounded: true });
    expect(audio!.oscillators.map((o) => o.hz)).toEqual([988, 1319, 988, 1319]);
    // short beeps one after another, starting now
    const starts = audio!.oscillators.map((o) => o.start);
    expect(starts[0]).toBeGreaterThanOrEqual(10);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(audio!.oscillators.every((o) => o.stop - o.start < 0.3)).toBe(true);
  });

  it('a 批示 gets its own, shorter signal', async () => {
    const { signal, vibrate, audio } = setup(new FakeAudio('running'));
    await signal.unlock();
    signal.signal('instruction');
    expect(vibrate).toHaveBeenCalledWith(INSTRUCTION_VIBRATION);
    expect(audio!.oscillators).toHaveLength(2);
  });

  it('stays armed while the browser keeps audio locked, and tries again on the next tap', async () => {
    const locked = new FakeAudio('suspended', false);
    const { signal, target } = setup(locked);
    target.dispatchEvent(new Event('touchend'));
    await Promise.resolve();
    await Promise.resolve();
    expect(signal.ready.value).toBe(false);
    target.dispatchEvent(new Event('keydown'));
    await vi.waitFor(() => expect(locked.resumeCalls).toBe(2));
    expect(signal.signal('dispatch').sounded).toBe(false);
  });

  it('a context the system suspended (screen off) is resumed and the beep still plays', async () => {
    const audio = new FakeAudio('running');
    const { signal } = setup(audio);
    await signal.unlock();
    audio.state = 'suspended';
    expect(signal.signal('dispatch').sounded).toBe(false);
    await vi.waitFor(() => expect(audio.oscillators).toHaveLength(4));
    expect(signal.ready.value).toBe(true);
  });

  it('without Web Audio or vibration it still answers, quietly', async () => {
    const target = new EventTarget();
    const signal = createArrivalSignal({ createContext: () => null, vibrate: () => false, target });
    expect(await signal.unlock()).toBe(false);
    expect(signal.signal('dispatch')).toEqual({ vibrated: false, sounded: false });
  });

  it('uses navigator.vibrate when it is there', () => {
    const vibrate = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    try {
      const signal = createArrivalSignal({ createContext: () => null, target: new EventTarget() });
      expect(signal.signal('dispatch').vibrated).toBe(true);
      expect(vibrate).toHaveBeenCalledWith(DISPATCH_VIBRATION);
    } finally {
      delete (navigator as { vibrate?: unknown }).vibrate;
    }
  });

  it('dispose stops listening and closes the context', async () => {
    const { signal, target, audio, createContext } = setup(new FakeAudio('running'));
    await signal.unlock();
    signal.dispose();
    expect(audio!.close).toHaveBeenCalled();
    target.dispatchEvent(new Event('pointerdown'));
    expect(createContext).toHaveBeenCalledTimes(1);
  });
});
