import { computed, ref, shallowRef, watch } from 'vue';
import type { Channel, IncidentSummary } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

export const QUEUE_CAP = 100;

// The console's incident queue. New incidents wait in `pending` ("N new") instead of
// shifting the list under the officer reading it.
export function useIncidentQueue(live: LiveConnection) {
  const channel = ref<Channel | ''>('');
  const items = shallowRef<IncidentSummary[]>([]);
  const pending = shallowRef<IncidentSummary[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let request = 0;

  async function load(): Promise<void> {
    const mine = ++request;
    loading.value = true;
    try {
      const list = await api<IncidentSummary[]>('/incidents', {
        query: { limit: QUEUE_CAP, channel: channel.value || undefined },
      });
      if (mine !== request) return;
      items.value = Array.isArray(list) ? list.slice(0, QUEUE_CAP) : [];
      pending.value = [];
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  live.on('incidents', (batch) => {
    if (!Array.isArray(batch)) return;
    const wanted = channel.value ? batch.filter((i) => i.channel === channel.value) : batch;
    if (wanted.length === 0) return;
    // a batch arrives oldest first; the queue reads newest first
    const next = [...wanted].reverse().concat(pending.value);
    if (next.length > QUEUE_CAP) next.length = QUEUE_CAP;
    pending.value = next;
  });

  function showPending(): void {
    if (pending.value.length === 0) return;
    const known = new Set(pending.value.map((i) => i.id));
    const next = pending.value.concat(items.value.filter((i) => !known.has(i.id)));
    if (next.length > QUEUE_CAP) next.length = QUEUE_CAP;
    items.value = next;
    pending.value = [];
  }

  watch(channel, () => void load());
  void load();
  live.onConnect(({ first }) => {
    if (!first) void load();
  });

  const pendingCount = computed(() => pending.value.length);
  return { channel, items, pendingCount, loading, error, showPending, reload: load };
}
