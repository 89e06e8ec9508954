import { getCurrentScope, onScopeDispose, readonly, ref, shallowRef, type Ref } from 'vue';
import type { Dispatch, DispatchStep } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { ApiError } from '../../app/http';

// The field phone's outbox. Every step the officer presses goes here first, stamped with the time
// it was pressed, and is kept in localStorage (one queue per signed-in user) until the server has
// it. Sent strictly in order, one at a time:
// - 2xx: sent (a step the server already had answers 200 too, so a replay after a lost answer is safe);
// - 4xx (the server will never take it: the duty room resolved the alert, a time too old …):
//   dropped, and the officer is told;
// - network failure, 5xx, 401 (signed out: kept for the next sign-in), 408, 429: kept; retried
//   on `online`, on a socket reconnect, and by a timer with exponential backoff.

export interface QueuedStep {
  /** local id */
  id: string;
  dispatchId: string;
  step: DispatchStep;
  note?: string;
  /** when the officer pressed the button (ISO), sent as `at` */
  at: string;
  attempts: number;
  lastError?: string;
}

export interface DroppedStep {
  entry: QueuedStep;
  status: number;
  /** why, in the officer's language (app/errors.ts) */
  message: string;
}

export interface StepQueueOptions {
  /** localStorage key: one queue per user */
  storageKey: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  send: (entry: QueuedStep) => Promise<Dispatch | null>;
  onSent?: (entry: QueuedStep, answer: Dispatch | null) => void;
  onDropped?: (dropped: DroppedStep) => void;
  /** false while the browser knows it is offline: no attempt is made */
  isOnline?: () => boolean;
  /** delay before the n-th retry (n from 1) */
  backoff?: (attempt: number) => number;
  now?: () => number;
}

export interface StepQueue {
  entries: Readonly<Ref<readonly QueuedStep[]>>;
  sending: Readonly<Ref<boolean>>;
  /** when the retry timer fires (ms epoch), null when none is set */
  retryAt: Readonly<Ref<number | null>>;
  /** Adds a step pressed now (or at `at`); null when the same step is already waiting (a double tap). */
  enqueue(input: { dispatchId: string; step: DispatchStep; note?: string; at?: string }): QueuedStep | null;
  /** Sends what waits, in order, until empty or a failure worth retrying. */
  flush(): Promise<void>;
  clear(): void;
  dispose(): void;
}

export const QUEUE_KEY_PREFIX = 'jointduty.field.queue.';
export const queueKey = (username: string) => `${QUEUE_KEY_PREFIX}${username}`;

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;
// a queue is a handful of steps; this only keeps a runaway from filling the storage
const MAX_ENTRIES = 200;

export function defaultBackoff(attempt: number): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Whether the server has said no for good (a 4xx other than a lost session, a timeout, a rate limit). */
export function isRefusal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

function isQueuedStep(v: unknown): v is QueuedStep {
  const e = v as QueuedStep;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof e.id === 'string' &&
    typeof e.dispatchId === 'string' &&
    typeof e.step === 'string' &&
    typeof e.at === 'string' &&
    (e.note === undefined || typeof e.note === 'string')
  );
}

let counter = 0;
const localId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function createStepQueue(options: StepQueueOptions): StepQueue {
  const storage = options.storage ?? (typeof localStorage === 'undefined' ? null : localStorage);
  const backoff = options.backoff ?? defaultBackoff;
  const now = options.now ?? Date.now;
  const isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);

  const entries = shallowRef<QueuedStep[]>(read());
  const sending = ref(false);
  const retryAt = ref<number | null>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let disposed = false;

  function read(): QueuedStep[] {
    try {
      const raw = storage?.getItem(options.storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter(isQueuedStep) : [];
    } catch {
      return [];
    }
  }

  function persist(): void {
    try {
      if (entries.value.length === 0) storage?.removeItem(options.storageKey);
      else storage?.setItem(options.storageKey, JSON.stringify(entries.value));
    } catch {
      // storage full or refused: the queue still lives in memory
    }
  }

  function set(next: QueuedStep[]): void {
    entries.value = next;
    persist();
  }

  function stopTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    retryAt.value = null;
  }

  function scheduleRetry(): void {
    if (disposed || timer || entries.value.length === 0) return;
    const delay = backoff(failures);
    retryAt.value = now() + delay;
    timer = setTimeout(() => {
      timer = null;
      retryAt.value = null;
      void flush();
    }, delay);
  }

  function enqueue(input: { dispatchId: string; step: DispatchStep; note?: string; at?: string }): QueuedStep | null {
    if (entries.value.some((e) => e.dispatchId === input.dispatchId && e.step === input.step)) return null;
    if (entries.value.length >= MAX_ENTRIES) return null;
    const entry: QueuedStep = {
      id: localId(),
      dispatchId: input.dispatchId,
      step: input.step,
      at: input.at ?? new Date(now()).toISOString(),
      attempts: 0,
      ...(input.note !== undefined ? { note: input.note } : {}),
    };
    set([...entries.value, entry]);
    void flush();
    return entry;
  }

  async function flush(): Promise<void> {
    if (sending.value || disposed) return;
    stopTimer();
    if (entries.value.length === 0) return;
    if (!isOnline()) {
      scheduleRetry();
      return;
    }
    sending.value = true;
    try {
      while (!disposed && entries.value.length > 0) {
        const head = entries.value[0]!;
        let answer: Dispatch | null;
        try {
          answer = await options.send(head);
        } catch (err) {
          const status = err instanceof ApiError ? err.status : 0;
          const message = err instanceof Error ? err.message : String(err);
          if (disposed) return;
          if (isRefusal(status)) {
            set(entries.value.filter((e) => e.id !== head.id));
            options.onDropped?.({ entry: head, status, message: errorMessage(err) });
            continue;
          }
          // kept: tried again later, the same step with the same time
          set(entries.value.map((e) => (e.id === head.id ? { ...e, attempts: e.attempts + 1, lastError: message } : e)));
          failures++;
          scheduleRetry();
          return;
        }
        if (disposed) return;
        failures = 0;
        set(entries.value.filter((e) => e.id !== head.id));
        options.onSent?.(head, answer);
      }
    } finally {
      sending.value = false;
    }
  }

  function clear(): void {
    stopTimer();
    failures = 0;
    set([]);
  }

  function dispose(): void {
    disposed = true;
    stopTimer();
  }

  if (getCurrentScope()) onScopeDispose(dispose);

  return {
    entries: entries as Readonly<Ref<readonly QueuedStep[]>>,
    sending: readonly(sending),
    retryAt: readonly(retryAt),
    enqueue,
    flush,
    clear,
    dispose,
  };
}
