import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { CHANNELS, type Channel, type IncidentSummary } from '@jointduty/shared';
import { api } from '../../app/http';
import { timeOf } from '../../app/format';

export const TICKER_CAP = 200;

export function zeroCounts(): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
}

function newestFirst(a: IncidentSummary, b: IncidentSummary): number {
  return timeOf(b.receivedAt) - timeOf(a.receivedAt) || timeOf(b.occurredAt) - timeOf(a.occurredAt);
}

// The wall's live ticker and today's counts per channel. Counts start from the server's
// overview and grow with each pushed batch until the next overview replaces them.
export const useIncidentsStore = defineStore('incidents', () => {
  const items = shallowRef<IncidentSummary[]>([]);
  const counts = shallowRef<Record<Channel, number>>(zeroCounts());
  const lastBatchAt = shallowRef<number | null>(null);

  const total = computed(() => CHANNELS.reduce((sum, c) => sum + counts.value[c], 0));
  const simulatedShown = computed(() => items.value.some((i) => i.flags.includes('simulated')));

  // merges into the ticker, newest first, capped; returns the incidents it had not shown yet
  function merge(list: readonly IncidentSummary[]): IncidentSummary[] {
    const known = new Set(items.value.map((i) => i.id));
    const fresh: IncidentSummary[] = [];
    for (const incident of list) {
      if (!incident || typeof incident.id !== 'string' || known.has(incident.id)) continue;
      known.add(incident.id);
      fresh.push(incident);
    }
    if (fresh.length > 0) {
      const next = fresh.concat(items.value).sort(newestFirst);
      if (next.length > TICKER_CAP) next.length = TICKER_CAP;
      items.value = next;
    }
    return fresh;
  }

  /** A pushed `incidents` batch: shown in the ticker and counted. */
  function ingest(batch: readonly IncidentSummary[]): void {
    lastBatchAt.value = Date.now();
    const fresh = merge(batch);
    if (fresh.length === 0) return;
    const next = { ...counts.value };
    for (const incident of fresh) {
      if (incident.channel in next) next[incident.channel] += 1;
    }
    counts.value = next;
  }

  /** A snapshot from the API: shown, not counted (the overview already counts it). */
  function seed(list: readonly IncidentSummary[]): void {
    merge(list);
  }

  function setBaseCounts(byChannel: Partial<Record<Channel, number>>): void {
    const next = zeroCounts();
    for (const c of CHANNELS) next[c] = Number(byChannel[c] ?? 0) || 0;
    counts.value = next;
  }

  function clear(): void {
    items.value = [];
    counts.value = zeroCounts();
    lastBatchAt.value = null;
  }

  async function loadRecent(limit = 50): Promise<void> {
    const list = await api<IncidentSummary[]>('/incidents', { query: { limit } });
    if (Array.isArray(list)) seed(list);
  }

  return { items, counts, lastBatchAt, total, simulatedShown, ingest, seed, setBaseCounts, clear, loadRecent };
});
