import { ref } from 'vue';
import type { StatsOverview } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { errorMessage } from '../../app/errors';
import { useStatsStore } from './store';

// Today's overview: fetched on load and after each reconnect, pushed about every 5 s.
export function useStatsFeed(live: LiveConnection, onOverview?: (o: StatsOverview) => void) {
  const store = useStatsStore();
  const error = ref<string | null>(null);

  store.clear();
  const apply = (o: StatsOverview) => {
    if (store.apply(o)) onOverview?.(o);
  };
  live.on('stats', apply);

  async function load(): Promise<void> {
    try {
      const shown = await store.load();
      if (shown) onOverview?.(shown);
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }

  void load();
  live.onConnect(({ first }) => {
    if (!first) void load();
  });

  return { store, error };
}
