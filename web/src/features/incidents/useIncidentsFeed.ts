import { onScopeDispose, ref } from 'vue';
import type { IncidentSummary } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { createFrameQueue } from '../../realtime/frameQueue';
import { errorMessage } from '../../app/errors';
import { TICKER_CAP, useIncidentsStore } from './store';

// The live ticker: pushed batches are buffered and applied once per animation frame.
// Incidents are not replayed after a reconnect; the ticker catches up from a fresh snapshot.
export function useIncidentsFeed(live: LiveConnection, { snapshotLimit = 50 } = {}) {
  const store = useIncidentsStore();
  const error = ref<string | null>(null);

  store.clear();
  const queue = createFrameQueue<IncidentSummary>((items) => store.ingest(items), { maxItems: TICKER_CAP * 5 });
  onScopeDispose(() => queue.dispose());
  live.on('incidents', (batch) => {
    if (Array.isArray(batch)) queue.push(batch);
  });

  async function loadRecent(): Promise<void> {
    try {
      await store.loadRecent(snapshotLimit);
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  void loadRecent();
  live.onConnect(({ first }) => {
    if (!first) void loadRecent();
  });

  return { store, error };
}
