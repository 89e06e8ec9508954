import { getCurrentScope, onScopeDispose, ref } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { errorMessage } from '../../app/errors';
import { TREND_MINUTES, useSeriesStore } from './series';

export const SERIES_REFRESH_MS = 45_000;

// The trend window and hottest merchants: fetched on load, every 45 s and after a reconnect;
// between fetches every pushed incident is counted into its minute, and the window slides with
// the clock once a minute even when nothing arrives.
export function useSeriesFeed(live: LiveConnection, { minutes = TREND_MINUTES, refreshMs = SERIES_REFRESH_MS } = {}) {
  const store = useSeriesStore();
  const error = ref<string | null>(null);
  let inFlight = false;

  store.clear();
  live.on('incidents', (batch) => {
    if (Array.isArray(batch)) store.topUp(batch);
  });

  async function load(): Promise<void> {
    if (inFlight) return;
    inFlight = true;
    try {
      await store.load(minutes);
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      inFlight = false;
    }
  }

  void load();
  const refresh = setInterval(() => void load(), refreshMs);
  const slide = setInterval(() => store.slide(Date.now()), 15_000);
  live.onConnect(({ first }) => {
    if (!first) void load();
  });
  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(refresh);
      clearInterval(slide);
    });
  }

  return { store, error, reload: load };
}
