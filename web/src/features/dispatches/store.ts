import { shallowRef } from 'vue';
import { defineStore } from 'pinia';
import {
  DISPATCH_STATUSES,
  DISPATCH_STEPS,
  STEP_STATUS,
  type Alert,
  type Dispatch,
  type DispatchNotice,
  type DispatchStatus,
  type DispatchStep,
} from '@jointduty/shared';
import { api } from '../../app/http';
import { timeOf } from '../../app/format';

/** A dispatch as the field list shows it: always with its alert (GET /api/dispatches fills it). */
export type ListedDispatch = Dispatch & { alert: Alert };

export const DISPATCHES_CAP = 100;

/** How many steps a status stands for: 0 none ('dispatched') … 4 resolved. */
export function stepsDone(status: DispatchStatus): number {
  return DISPATCH_STEPS.findIndex((s) => STEP_STATUS[s] === status) + 1;
}

function isDispatchStatus(value: unknown): value is DispatchStatus {
  return (DISPATCH_STATUSES as readonly unknown[]).includes(value);
}

function isDispatch(value: unknown): value is Dispatch {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Dispatch).id === 'string' &&
    isDispatchStatus((value as Dispatch).status)
  );
}

function hasAlert(d: Dispatch): d is ListedDispatch {
  return typeof d.alert === 'object' && d.alert !== null && typeof d.alert.id === 'string';
}

function newestFirst(a: Dispatch, b: Dispatch): number {
  return timeOf(b.createdAt) - timeOf(a.createdAt);
}

export const useDispatchesStore = defineStore('dispatches', () => {
  const items = shallowRef<ListedDispatch[]>([]);
  const busy = shallowRef<ReadonlySet<string>>(new Set());

  /** Adds or updates; a dispatch without its alert only updates one already shown. */
  function put(list: readonly Dispatch[]): void {
    const byId = new Map(items.value.map((d) => [d.id, d]));
    for (const d of list) {
      const known = byId.get(d.id);
      const merged: Dispatch = known ? { ...known, ...d, alert: d.alert ?? known.alert } : d;
      if (hasAlert(merged)) byId.set(d.id, merged);
    }
    const next = [...byId.values()].sort(newestFirst);
    if (next.length > DISPATCHES_CAP) next.length = DISPATCHES_CAP;
    items.value = next;
  }

  async function load(): Promise<void> {
    const list = await api<Dispatch[]>('/dispatches');
    items.value = [];
    put(Array.isArray(list) ? list.filter(isDispatch) : []);
  }

  /** `dispatch:new`: shown at once, from the notice alone (the next load fills in the rest). */
  function addNotice(notice: DispatchNotice, teamId: string): ListedDispatch {
    const known = items.value.find((x) => x.id === notice.dispatchId);
    if (known) return known;
    const d: ListedDispatch = {
      id: notice.dispatchId,
      alertId: notice.alert.id,
      teamId,
      status: 'dispatched',
      note: notice.note,
      dispatchedBy: '',
      createdAt: new Date().toISOString(),
      ackedAt: null,
      contactedAt: null,
      onsiteAt: null,
      resolvedAt: null,
      resultNote: null,
      alert: notice.alert,
    };
    put([d]);
    return d;
  }

  /** POST /api/dispatches/{id}/{step} answers the updated dispatch (without its alert). */
  async function step(id: string, step: DispatchStep, note?: string): Promise<void> {
    busy.value = new Set([...busy.value, id]);
    try {
      const res = await api<unknown>(`/dispatches/${encodeURIComponent(id)}/${step}`, {
        method: 'POST',
        body: note ? { note } : {},
      });
      const known = items.value.find((d) => d.id === id);
      if (isDispatch(res)) put([res]);
      else if (known) put([{ ...known, status: STEP_STATUS[step] }]);
    } finally {
      const next = new Set(busy.value);
      next.delete(id);
      busy.value = next;
    }
  }

  function clear(): void {
    items.value = [];
  }

  return { items, busy, load, addNotice, step, clear };
});
