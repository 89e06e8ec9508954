import { ref } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { errorMessage } from '../../app/errors';
import { useSessionStore } from '../session/store';
import { useDispatchesStore } from './store';

// The team's dispatches: a list on load and after each reconnect, `dispatch:new` in between.
export function useDispatchesFeed(live: LiveConnection, onNew?: () => void) {
  const store = useDispatchesStore();
  const session = useSessionStore();
  const loading = ref(false);
  const error = ref<string | null>(null);

  store.clear();
  live.on('dispatch:new', (notice) => {
    store.addNotice(notice, session.user?.teamId ?? '');
    onNew?.();
  });

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
    if (!first) void load();
  });

  return { store, loading, error, reload: load };
}
