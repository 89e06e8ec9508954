import { computed, onScopeDispose, watch } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { useIncidentQueueStore, type QueueFilters } from './queueStore';

// a title search waits for the typing to pause
const TYPING_MS = 350;

// Wires the queue store to the live socket: pushed incidents and updates, a fresh list after a
// reconnect (the stream is not replayed), and a reload whenever the filters change.
export function useIncidentQueue(live: LiveConnection) {
  const store = useIncidentQueueStore();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };

  live.on('incidents', (batch) => store.ingest(batch));
  live.on('incident:update', (incident) => store.applyUpdate(incident));
  live.onConnect(({ first }) => {
    if (!first) void store.reload();
  });

  watch(
    () => store.filters,
    (next: QueueFilters, prev: QueueFilters) => {
      clearTimer();
      const onlyTyping = JSON.stringify({ ...next, q: '' }) === JSON.stringify({ ...prev, q: '' });
      if (onlyTyping) timer = setTimeout(() => void store.reload(), TYPING_MS);
      else void store.reload();
    },
  );
  onScopeDispose(clearTimer);
  void store.reload();

  const pendingCount = computed(() => store.pending.length);
  return { store, pendingCount };
}
