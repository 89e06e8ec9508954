// The major-alert alarm, made with Web Audio oscillators: no audio files to load or cache.
export type SoundState = 'running' | 'suspended' | 'closed';

export interface AlarmSound {
  state(): SoundState;
  /** Starts the audio; only succeeds after a user gesture unless the browser allows autoplay. */
  resume(): Promise<void>;
  onStateChange(listener: () => void): void;
  /** One two-tone chime, about 0.6 s. */
  chime(): void;
  close(): void;
}

type AudioContextClass = typeof AudioContext;
type AudioWindow = { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass };

/** A Web Audio alarm, or null where the browser has no AudioContext. */
export function webAudioSound(win: AudioWindow = window as unknown as AudioWindow): AlarmSound | null {
  const Ctx = win.AudioContext ?? win.webkitAudioContext;
  if (!Ctx) return null;
  let ctx: AudioContext;
  try {
    ctx = new Ctx();
  } catch {
    return null;
  }
  return {
    state: () => ctx.state as SoundState,
    resume: () => ctx.resume(),
    onStateChange: (listener) => ctx.addEventListener('statechange', listener),
    chime() {
      if (ctx.state !== 'running') return;
      const t0 = ctx.currentTime + 0.02;
      [988, 740].forEach((freq, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'triangle';
        osc.frequency.value = freq;
        const start = t0 + i * 0.3;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.35, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.27);
        osc.connect(gain).connect(ctx.destination);
        osc.onended = () => {
          osc.disconnect();
          gain.disconnect();
        };
        osc.start(start);
        osc.stop(start + 0.3);
      });
    },
    close() {
      void ctx.close().catch(() => undefined);
    },
  };
}
