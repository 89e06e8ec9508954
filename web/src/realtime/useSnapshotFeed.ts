import { getCurrentScope, onScopeDispose, readonly, shallowRef, type Ref } from 'vue';
import type { ServerToClientEvents } from '@jointduty/shared';
import { errorMessage } from '../app/errors';
import type { LiveEvent } from './socket';
import type { LiveConnection } from './useConnection';

export type FrameHandlers = { [E in LiveEvent]?: ServerToClientEvents[E] };

export interface SnapshotFeedOptions {
  /**
   * Takes the snapshot over HTTP and applies it. A number it returns is the highest alert seq the
   * snapshot held: the socket resumes after it.
   */
  snapshot: () => Promise<number | void>;
  /** The pushes to follow, for the lifetime of the calling scope. */
  frames: FrameHandlers;
  /**
   * After a reconnect: `always` takes a fresh snapshot; `after-error` only when the last one
   * failed (what the connection's `resume` replays is enough otherwise).
   */
  refreshOnReconnect: 'always' | 'after-error';
  /** Runs after each reconnect, besides the snapshot. */
  onReconnect?: () => void;
  /** At most this many frames are held while a snapshot loads; more apply at once. */
  maxHeld?: number;
}

export interface SnapshotFeed {
  loading: Readonly<Ref<boolean>>;
  /** Why the last snapshot failed; null once a new one is asked for. */
  error: Readonly<Ref<string | null>>;
  reload: () => Promise<void>;
}

// Snapshot, then live: the snapshot is taken at once, frames pushed while it loads are held and
// applied on top of it (in the order they came), and the socket resumes from the snapshot's seq.
export function useSnapshotFeed(live: LiveConnection, options: SnapshotFeedOptions): SnapshotFeed {
  const maxHeld = options.maxHeld ?? 1000;
  const loading = shallowRef(false);
  const error = shallowRef<string | null>(null);
  let inFlight = 0;
  let attempt = 0;
  let held: Array<() => void> = [];
  let disposed = false;

  function release(): void {
    const frames = held;
    held = [];
    for (const apply of frames) apply();
  }

  function deliver(apply: () => void): void {
    if (disposed) return;
    if (inFlight === 0) return apply();
    held.push(apply);
    // bounded: a snapshot that takes long lets what it held through rather than grow
    if (held.length >= maxHeld) release();
  }

  for (const [event, handler] of Object.entries(options.frames) as Array<[LiveEvent, (...args: unknown[]) => void]>) {
    live.on(event, ((...args: unknown[]) => deliver(() => handler(...args))) as ServerToClientEvents[typeof event]);
  }

  async function reload(): Promise<void> {
    const mine = ++attempt;
    inFlight++;
    loading.value = true;
    error.value = null;
    let seq: number | void = undefined;
    try {
      seq = await options.snapshot();
    } catch (err) {
      // a later snapshot's outcome is the one that counts
      if (mine === attempt && !disposed) error.value = errorMessage(err);
    } finally {
      inFlight--;
    }
    if (disposed) return;
    if (inFlight === 0) {
      loading.value = false;
      release();
    }
    if (typeof seq === 'number') {
      live.noteSeq(seq);
      live.resync(seq);
    }
  }

  void reload();
  live.onConnect(({ first }) => {
    if (first) return;
    if (options.refreshOnReconnect === 'always' || error.value !== null) void reload();
    options.onReconnect?.();
  });
  if (getCurrentScope()) {
    onScopeDispose(() => {
      disposed = true;
      held = [];
    });
  }

  return { loading: readonly(loading), error: readonly(error), reload };
}
