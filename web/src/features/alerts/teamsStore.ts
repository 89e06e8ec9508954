import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { TeamInfo } from '@jointduty/shared';
import { api } from '../../app/http';
import { useLoadOnce } from '../../app/useLoadOnce';

// The field teams (GET /api/teams), read once per session for the dispatch form.
export const useTeamsStore = defineStore('teams', () => {
  const items = shallowRef<TeamInfo[]>([]);
  const loaded = ref(false);
  const { error, load } = useLoadOnce(
    async () => {
      const list = await api<TeamInfo[]>('/teams');
      items.value = Array.isArray(list) ? list : [];
      loaded.value = true;
    },
    () => loaded.value,
  );

  return { items, loaded, error, load };
});
