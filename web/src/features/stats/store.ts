import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { StatsOverview } from '@jointduty/shared';
import { api } from '../../app/http';

export const useStatsStore = defineStore('stats', () => {
  const overview = shallowRef<StatsOverview | null>(null);

  const simulatorOn = computed(() => overview.value?.simulatorOn === true);

  /** Shows an overview unless it is older than the one shown (a slow GET after a push). */
  function apply(next: StatsOverview): boolean {
    const shown = overview.value;
    if (shown && Date.parse(next.generatedAt) < Date.parse(shown.generatedAt)) return false;
    overview.value = next;
    return true;
  }

  /** Fetches the overview; returns it when it was newer than the one shown. */
  async function load(): Promise<StatsOverview | null> {
    const next = await api<StatsOverview>('/stats/overview');
    return apply(next) ? next : null;
  }

  function clear(): void {
    overview.value = null;
  }

  return { overview, simulatorOn, apply, load, clear };
});
