import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Silence } from '@jointduty/shared';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

/** This event (every rule), this rule city-wide, or this rule on this event. */
export type SilenceScope = 'event' | 'rule' | 'both';
/** The durations offered: 30 minutes to a day. */
export const SILENCE_MINUTES = [30, 60, 120, 240, 480, 1440] as const;

export interface NewSilence {
  eventId?: string;
  rule?: string;
  minutes: number;
  reason: string;
}

// The active silences (静默), as the console lists them, and what a duty officer sets or lifts.
export const useSilencesStore = defineStore('silences', () => {
  const items = shallowRef<Silence[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const list = await api<Silence[]>('/silences');
      items.value = Array.isArray(list) ? list : [];
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      loading.value = false;
    }
  }

  async function create(s: NewSilence): Promise<Silence> {
    const created = await api<Silence>('/silences', { method: 'POST', body: s });
    items.value = [created, ...items.value.filter((x) => x.id !== created.id)];
    return created;
  }

  async function cancel(id: string): Promise<void> {
    await api<Silence>(`/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });
    items.value = items.value.filter((s) => s.id !== id);
  }

  return { items, loading, error, load, create, cancel };
});
