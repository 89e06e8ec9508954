import { getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue';
import type { Dispatch, DispatchStep } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';
import { useSessionStore } from '../session/store';
import { createArrivalSignal, type ArrivalSignal } from './arrivalSignal';
import { createServerClock, type ServerClock } from './serverClock';
import { createStepQueue, queueKey, type QueuedStep, type StepQueue } from './stepQueue';
import { isFinished, useDispatchesStore } from './store';

/** A step the server refused for good: shown until the officer dismisses it. */
export interface DroppedNotice {
  id: number;
  dispatchId: string;
  step: DispatchStep;
  /** the alert's title, when the dispatch is still shown */
  title: string | null;
  message: string;
}

export interface DispatchesFeedOptions {
  signal?: ArrivalSignal;
  clock?: ServerClock;
  queue?: (options: Parameters<typeof createStepQueue>[0]) => StepQueue;
}

const MAX_DROPPED = 5;
// a dispatch:new carries the alert only: the list fills in who, where and the 批示 shortly after
const RELOAD_AFTER_NOTICE_MS = 400;

/** POST /api/dispatches/{id}/{step} with the time the button was pressed. */
export function sendStep(e: QueuedStep): Promise<Dispatch | null> {
  return api<Dispatch | null>(`/dispatches/${encodeURIComponent(e.dispatchId)}/${e.step}`, {
    method: 'POST',
    body: { at: e.at, ...(e.note !== undefined ? { note: e.note } : {}) },
  });
}

// The field phone's whole feed: the team's dispatches (a list on load and after each reconnect,
// `dispatch:new` in between, with vibration and a beep), leaders' 批示 (`event:note`), and the
// outbox of steps that survives losing signal and reloading the page.
export function useDispatchesFeed(live: LiveConnection, options: DispatchesFeedOptions = {}) {
  const store = useDispatchesStore();
  const session = useSessionStore();
  const loading = ref(false);
  const error = ref<string | null>(null);
  const dropped = shallowRef<DroppedNotice[]>([]);
  const signal = options.signal ?? createArrivalSignal();
  const clock = options.clock ?? createServerClock();
  let droppedSeq = 0;
  let loadedOnce = false;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;

  const queue = (options.queue ?? createStepQueue)({
    storageKey: queueKey(session.user?.username ?? ''),
    send: sendStep,
    onSent: (_entry, answer) => store.applyAnswer(answer),
    onDropped: ({ entry, message }) => {
      const title = store.items.find((d) => d.id === entry.dispatchId)?.alert.title ?? null;
      dropped.value = [...dropped.value, { id: ++droppedSeq, dispatchId: entry.dispatchId, step: entry.step, title, message }].slice(
        -MAX_DROPPED,
      );
      // what is the dispatch now? (resolved by the duty room, most likely)
      scheduleReload(0);
    },
  });

  store.clear();

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const added = await store.load();
      error.value = null;
      // dispatches that arrived while the phone was away: announced like live ones
      if (loadedOnce) {
        const open = added.filter((id) => {
          const d = store.items.find((x) => x.id === id);
          return d !== undefined && !isFinished(d);
        });
        if (open.length > 0) {
          store.markFresh(open);
          signal.signal('dispatch');
        }
      }
      loadedOnce = true;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  function scheduleReload(delay = RELOAD_AFTER_NOTICE_MS): void {
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      reloadTimer = null;
      void load();
    }, delay);
  }

  live.on('dispatch:new', (notice) => {
    store.addNotice(notice, session.user?.teamId ?? '');
    signal.signal('dispatch');
    scheduleReload();
  });
  live.on('event:note', (notice) => {
    if (notice.note.kind !== 'instruction') return;
    if (store.addInstruction(notice.note).length > 0) signal.signal('instruction');
  });
  live.onConnect(({ first }) => {
    if (!first) void load();
    void queue.flush();
    void clock.measure();
  });

  const onOnline = () => void queue.flush();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  // signing out on purpose drops what is still queued (the layout warns first); an expired
  // session keeps it for the next sign-in of the same user
  const offSignOut = session.onSignOut(({ reason }) => {
    if (reason === 'user') queue.clear();
  });

  function dispose(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    offSignOut();
    if (reloadTimer) clearTimeout(reloadTimer);
    queue.dispose();
  }
  if (getCurrentScope()) onScopeDispose(dispose);

  /** The officer pressed a step: queued at once (with the time, in server time), sent when possible. */
  function takeStep(dispatchId: string, step: DispatchStep, note?: string): QueuedStep | null {
    store.markSeen(dispatchId);
    return queue.enqueue({ dispatchId, step, note, at: new Date(clock.now()).toISOString() });
  }

  function dismiss(id: number): void {
    dropped.value = dropped.value.filter((d) => d.id !== id);
  }

  void clock.measure();
  void load();
  void queue.flush();

  return { store, loading, error, reload: load, queue, signal, dropped, dismiss, takeStep, markSeen: store.markSeen };
}
