import { onScopeDispose, ref } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { errorMessage } from '../../app/errors';
import { useLeaderStore } from './store';

// The leader's events: a snapshot on load and after every reconnect (pushes missed while away are
// also replayed by `resume`), alert and note pushes in between. Escalations mark their event.
export function useLeaderFeed(live: LiveConnection) {
  const store = useLeaderStore();
  const loading = ref(false);
  const error = ref<string | null>(null);

  store.reset();
  live.on('alert:new', (a) => store.applyAlert(a));
  live.on('alert:update', (a) => store.applyAlert(a));
  live.on('alert:escalated', (a) => store.markEscalated(a));
  live.on('event:note', (notice) => store.applyNote(notice.note));

  async function load(): Promise<void> {
    loading.value = true;
    try {
      await store.load();
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  void load();
  live.onConnect(({ first }) => {
    if (first) return;
    void load();
    // the chosen event may have moved on while the link was down
    if (store.selectedId) void store.select(store.selectedId, { refresh: true });
  });
  onScopeDispose(() => store.reset());

  return { store, loading, error, reload: load };
}
