import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import {
  incidentCursor,
  matchesIncidentFilters,
  type Channel,
  type IncidentFilters,
  type IncidentFlag,
  type IncidentSummary,
} from '@jointduty/shared';
import { api } from '../../app/http';
import { usePagedList } from '../../app/usePagedList';

export const PAGE_SIZE = 100;
// the list with its older pages, and the new ones waiting: both bounded
export const QUEUE_CAP = 1000;
export const PENDING_CAP = 100;

export const TIME_RANGES = ['all', '1h', '6h', '24h', '7d', 'custom'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];
const RANGE_MS: Record<Exclude<TimeRange, 'all' | 'custom'>, number> = {
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

/** What the officer chose; `since`/`until` are ISO times, used with the custom range only. */
export interface QueueFilters {
  channel: Channel | '';
  district: string;
  category: string;
  flags: IncidentFlag[];
  range: TimeRange;
  since: string;
  until: string;
  q: string;
}

export function emptyFilters(): QueueFilters {
  return { channel: '', district: '', category: '', flags: [], range: 'all', since: '', until: '', q: '' };
}

const isoOrUndefined = (s: string) => (s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : undefined);

/** The API's filters at a moment: a relative range counts back from `now`. */
export function toIncidentFilters(f: QueueFilters, now = Date.now()): IncidentFilters {
  const out: IncidentFilters = {};
  if (f.channel) out.channel = f.channel;
  if (f.district) out.district = f.district;
  if (f.category) out.category = f.category;
  if (f.flags.length > 0) out.flags = [...f.flags];
  if (f.range === 'custom') {
    out.since = isoOrUndefined(f.since);
    out.until = isoOrUndefined(f.until);
  } else if (f.range !== 'all') {
    out.since = new Date(now - RANGE_MS[f.range]).toISOString();
  }
  const q = f.q.trim();
  if (q) out.q = q.slice(0, 100);
  return out;
}

function queryOf(f: IncidentFilters, limit: number, before?: string) {
  return {
    channel: f.channel,
    district: f.district,
    category: f.category,
    flag: f.flags?.join(','),
    since: f.since,
    until: f.until,
    eventId: f.eventId,
    q: f.q,
    limit,
    before,
  };
}

// The console's incident queue: the list from the API with the officer's filters, older pages on
// demand, and pushed incidents that pass the same filters held aside ("N new") instead of
// shifting the list under the reader.
export const useIncidentQueueStore = defineStore('incidentQueue', () => {
  const filters = ref<QueueFilters>(emptyFilters());
  const pending = shallowRef<IncidentSummary[]>([]);
  // the filters of the list shown: pushes are matched against these
  let applied: IncidentFilters = {};
  const list = usePagedList({
    page: PAGE_SIZE,
    cap: QUEUE_CAP,
    fetch: (f: IncidentFilters, before?: string) => api<IncidentSummary[]>('/incidents', { query: queryOf(f, PAGE_SIZE, before) }),
    cursor: incidentCursor,
    shown: (f) => {
      applied = f;
      pending.value = [];
    },
  });
  const { items, loading, loadingOlder, hasMore, error, loadOlder } = list;

  const reload = () => list.reload(toIncidentFilters(filters.value));

  /** A pushed batch (oldest first): those passing the list's filters wait in `pending`. */
  function ingest(batch: readonly IncidentSummary[]): void {
    if (!Array.isArray(batch)) return;
    const shown = new Set(items.value.map((i) => i.id));
    const wanted = batch.filter((i) => i && typeof i.id === 'string' && !shown.has(i.id) && matchesIncidentFilters(i, applied));
    if (wanted.length === 0) return;
    const fresh = new Set(wanted.map((i) => i.id));
    const next = [...wanted].reverse().concat(pending.value.filter((i) => !fresh.has(i.id)));
    if (next.length > PENDING_CAP) next.length = PENDING_CAP;
    pending.value = next;
  }

  /** A reclassified or moved incident: updated where shown, dropped where it no longer passes. */
  function applyUpdate(incident: IncidentSummary): void {
    if (!incident || typeof incident.id !== 'string') return;
    const keep = matchesIncidentFilters(incident, applied);
    const swap = (list: IncidentSummary[]) =>
      list.some((i) => i.id === incident.id)
        ? keep
          ? list.map((i) => (i.id === incident.id ? incident : i))
          : list.filter((i) => i.id !== incident.id)
        : list;
    items.value = swap(items.value);
    pending.value = swap(pending.value);
  }

  function showPending(): void {
    if (pending.value.length === 0) return;
    const known = new Set(pending.value.map((i) => i.id));
    const next = pending.value.concat(items.value.filter((i) => !known.has(i.id)));
    if (next.length > QUEUE_CAP) next.length = QUEUE_CAP;
    items.value = next;
    pending.value = [];
  }

  function setFilters(patch: Partial<QueueFilters>): void {
    filters.value = { ...filters.value, ...patch };
  }

  function resetFilters(): void {
    filters.value = emptyFilters();
  }

  return {
    filters,
    items,
    pending,
    loading,
    loadingOlder,
    hasMore,
    error,
    reload,
    loadOlder,
    ingest,
    applyUpdate,
    showPending,
    setFilters,
    resetFilters,
  };
});
