import { ref } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { errorMessage } from '../../app/errors';
import { useAlertsStore, type AlertsQuery } from './store';

export interface AlertsFeedOptions {
  query?: AlertsQuery;
  // leaders also receive `alert:escalated`
  escalations?: boolean;
}

// A snapshot on load, then live upserts. Changes made between the snapshot and the socket's
// first connect are asked for again with `resume` from the snapshot's highest seq.
export function useAlertsFeed(live: LiveConnection, options: AlertsFeedOptions = {}) {
  const store = useAlertsStore();
  const loading = ref(false);
  const error = ref<string | null>(null);

  store.clear();
  live.on('alert:new', (a) => store.upsert(a));
  live.on('alert:update', (a) => store.upsert(a));
  if (options.escalations) live.on('alert:escalated', (a) => store.markEscalated(a));

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const snapshotSeq = await store.load(options.query ?? { limit: 50 });
      live.noteSeq(snapshotSeq);
      live.resync(snapshotSeq);
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  void load();
  // a failed first load is retried once the link is back
  live.onConnect(({ first }) => {
    if (!first && error.value !== null) void load();
  });

  return { store, loading, error, reload: load };
}
