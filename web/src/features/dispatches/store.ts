import { shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { Alert, DispatchNotice } from '@jointduty/shared';
import { api } from '../../app/http';
import { timeOf } from '../../app/format';

// The shared package has no dispatch type yet; this is GET /api/dispatches as the lead
// described it. Move it to @jointduty/shared when the server defines one.
export interface Dispatch {
  id: string;
  alertId: string;
  teamId: string;
  status: string;
  note: string | null;
  createdAt: string;
  alert: Alert;
}

export const DISPATCH_STEPS = ['ack', 'contacted', 'onsite', 'resolve'] as const;
export type DispatchStep = (typeof DISPATCH_STEPS)[number];

// status after each step; any other status (pending, dispatched …) means no step taken yet
export const STATUS_AFTER_STEP: Record<DispatchStep, string> = {
  ack: 'acknowledged',
  contacted: 'contacted',
  onsite: 'onsite',
  resolve: 'resolved',
};

export const DISPATCHES_CAP = 100;

/** How many steps a status stands for: 0 none … 4 resolved. */
export function stepsDone(status: string): number {
  const i = DISPATCH_STEPS.findIndex((s) => STATUS_AFTER_STEP[s] === status);
  return i + 1;
}

function isDispatch(value: unknown): value is Dispatch {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Dispatch).id === 'string' &&
    typeof (value as Dispatch).status === 'string'
  );
}

function newestFirst(a: Dispatch, b: Dispatch): number {
  return timeOf(b.createdAt) - timeOf(a.createdAt);
}

export const useDispatchesStore = defineStore('dispatches', () => {
  const items = shallowRef<Dispatch[]>([]);
  const busy = shallowRef<ReadonlySet<string>>(new Set());

  function put(list: readonly Dispatch[]): void {
    const byId = new Map(items.value.map((d) => [d.id, d]));
    for (const d of list) {
      const known = byId.get(d.id);
      byId.set(d.id, known ? { ...known, ...d, alert: d.alert ?? known.alert } : d);
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

  /** `dispatch:new`: shown at once, from the notice alone. */
  function addNotice(notice: DispatchNotice, teamId: string): Dispatch {
    const d: Dispatch = {
      id: notice.dispatchId,
      alertId: notice.alert.id,
      teamId,
      status: 'pending',
      note: notice.note,
      createdAt: new Date().toISOString(),
      alert: notice.alert,
    };
    if (!items.value.some((x) => x.id === d.id)) put([d]);
    return d;
  }

  async function step(id: string, step: DispatchStep, note?: string): Promise<void> {
    busy.value = new Set([...busy.value, id]);
    try {
      const res = await api<unknown>(`/dispatches/${encodeURIComponent(id)}/${step}`, {
        method: 'POST',
        body: note ? { note } : {},
      });
      const known = items.value.find((d) => d.id === id);
      if (isDispatch(res)) put([res]);
      else if (known) put([{ ...known, status: STATUS_AFTER_STEP[step] }]);
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
