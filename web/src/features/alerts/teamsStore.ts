import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { TeamInfo } from '@jointduty/shared';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

// The field teams (GET /api/teams), read once per session for the dispatch form.
export const useTeamsStore = defineStore('teams', () => {
  const items = shallowRef<TeamInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  let pending: Promise<void> | null = null;

  function load(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    pending ??= api<TeamInfo[]>('/teams')
      .then((list) => {
        items.value = Array.isArray(list) ? list : [];
        loaded.value = true;
        error.value = null;
      })
      .catch((err: unknown) => {
        error.value = errorMessage(err);
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  return { items, loaded, error, load };
});
