import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Alert, AlertStatus, Severity } from '@jointduty/shared';
import { api } from '../../app/http';
import { timeOf } from '../../app/format';

export const ALERTS_CAP = 100;

export interface AlertsQuery {
  status?: AlertStatus;
  severity?: Severity;
  limit?: number;
}

// newest first by creation, so an update does not move a row under the reader's eyes
function newestFirst(a: Alert, b: Alert): number {
  return timeOf(b.createdAt) - timeOf(a.createdAt) || b.seq - a.seq;
}

function isAlert(value: unknown): value is Alert {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Alert).id === 'string' &&
    typeof (value as Alert).seq === 'number' &&
    typeof (value as Alert).severity === 'string'
  );
}

export const useAlertsStore = defineStore('alerts', () => {
  // a plain array replaced on change: no deep reactivity over pushed payloads
  const items = shallowRef<Alert[]>([]);
  const escalatedIds = shallowRef<ReadonlySet<string>>(new Set());

  const maxSeq = computed(() => items.value.reduce((m, a) => Math.max(m, a.seq), 0));
  // a major alert holds the wall's banner until someone acknowledges it
  const majorOpen = computed(() => items.value.filter((a) => a.severity === 'major' && a.status === 'open'));
  const urgentAndMajor = computed(() => items.value.filter((a) => a.severity !== 'general'));
  const openCount = computed(() => items.value.filter((a) => a.status !== 'resolved').length);

  /** Applies many changes at once; an older or equal seq never overwrites a newer one. */
  function upsertMany(list: readonly Alert[]): number {
    const byId = new Map(items.value.map((a) => [a.id, a]));
    let changed = 0;
    for (const alert of list) {
      if (!isAlert(alert)) continue;
      const known = byId.get(alert.id);
      if (known && known.seq >= alert.seq) continue;
      byId.set(alert.id, alert);
      changed++;
    }
    if (changed === 0) return 0;
    const next = [...byId.values()].sort(newestFirst);
    if (next.length > ALERTS_CAP) next.length = ALERTS_CAP;
    items.value = next;
    if (escalatedIds.value.size > 0) {
      const present = new Set(next.map((a) => a.id));
      const kept = [...escalatedIds.value].filter((id) => present.has(id));
      if (kept.length !== escalatedIds.value.size) escalatedIds.value = new Set(kept);
    }
    return changed;
  }

  function upsert(alert: Alert): boolean {
    return upsertMany([alert]) > 0;
  }

  function markEscalated(alert: Alert): void {
    upsert(alert);
    if (items.value.some((a) => a.id === alert.id) && !escalatedIds.value.has(alert.id)) {
      escalatedIds.value = new Set([...escalatedIds.value, alert.id]);
    }
  }

  function clear(): void {
    items.value = [];
    escalatedIds.value = new Set();
  }

  /** Loads a snapshot; returns the highest seq it held, where a resume can start from. */
  async function load(query: AlertsQuery = { limit: 50 }): Promise<number> {
    const list = await api<Alert[]>('/alerts', { query: { ...query } });
    const alerts = Array.isArray(list) ? list : [];
    upsertMany(alerts);
    return alerts.reduce((m, a) => Math.max(m, isAlert(a) ? a.seq : 0), 0);
  }

  // The answer is the changed alert; the same change also arrives as `alert:update`.
  async function ack(id: string): Promise<void> {
    const res = await api<unknown>(`/alerts/${encodeURIComponent(id)}/ack`, { method: 'POST', body: {} });
    if (isAlert(res)) upsert(res);
  }

  async function resolve(id: string, note: string): Promise<void> {
    const res = await api<unknown>(`/alerts/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: { note } });
    if (isAlert(res)) upsert(res);
  }

  // 派单: the answer is `{ alert, dispatches }`
  async function dispatch(id: string, teamIds: string[], note?: string): Promise<void> {
    const res = await api<{ alert?: unknown }>(`/alerts/${encodeURIComponent(id)}/dispatch`, {
      method: 'POST',
      body: note ? { teamIds, note } : { teamIds },
    });
    if (isAlert(res?.alert)) upsert(res.alert);
  }

  return {
    items,
    escalatedIds,
    maxSeq,
    majorOpen,
    urgentAndMajor,
    openCount,
    upsert,
    upsertMany,
    markEscalated,
    clear,
    load,
    ack,
    resolve,
    dispatch,
  };
});
