import { onScopeDispose } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { useEventDetailStore } from './store';

// at most one read of the open event per this many ms, however busy its stream
const REFRESH_MS = 2000;

// Keeps the open event fresh: an incident joining it, or one of its own reclassified or moved
// (by anyone), reads it again, throttled.
export function useEventDetail(live: LiveConnection) {
  const store = useEventDetailStore();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;

  function refreshSoon(): void {
    if (timer) return;
    const wait = Math.max(0, last + REFRESH_MS - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      void store.reload();
    }, wait);
  }

  live.on('incidents', (batch) => {
    if (Array.isArray(batch) && batch.some((i) => store.touches(i))) refreshSoon();
  });
  live.on('incident:update', (incident) => {
    if (store.touches(incident)) refreshSoon();
  });
  live.onConnect(({ first }) => {
    if (!first) void store.reload();
  });
  onScopeDispose(() => {
    if (timer) clearTimeout(timer);
    store.close();
  });
  return store;
}
