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
  type EventNote,
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

/** Finished for the phone: resolved by the team, or the duty room closed the alert. */
export function isFinished(d: ListedDispatch): boolean {
  return d.status === 'resolved' || d.alert.status === 'resolved';
}

function isDispatchStatus(value: unknown): value is DispatchStatus {
  return (DISPATCH_STATUSES as readonly unknown[]).includes(value);
}

export function isDispatch(value: unknown): value is Dispatch {
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

function isInstruction(n: unknown): n is EventNote {
  const e = n as EventNote;
  return typeof n === 'object' && n !== null && typeof e.id === 'string' && e.kind === 'instruction' && typeof e.eventId === 'string';
}

function progressOf(d: Dispatch): Partial<Dispatch> {
  const { status, ackedAt, contactedAt, onsiteAt, resolvedAt, resultNote } = d;
  return { status, ackedAt, contactedAt, onsiteAt, resolvedAt, resultNote };
}

const withoutId = (set: ReadonlySet<string>, id: string): ReadonlySet<string> => {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next;
};

export const useDispatchesStore = defineStore('dispatches', () => {
  const items = shallowRef<ListedDispatch[]>([]);
  // arrived live and not yet opened or acknowledged: highlighted
  const fresh = shallowRef<ReadonlySet<string>>(new Set());
  // dispatches whose event got a 批示 not yet seen
  const freshInstructions = shallowRef<ReadonlySet<string>>(new Set());

  /** Adds or updates; a dispatch without its alert only updates one already shown. */
  function put(list: readonly Dispatch[]): void {
    const byId = new Map(items.value.map((d) => [d.id, d]));
    for (const d of list) {
      const known = byId.get(d.id);
      const merged: Dispatch = known
        ? {
            ...known,
            ...d,
            alert: d.alert ?? known.alert,
            instructions: d.instructions ?? known.instructions,
            place: d.place !== undefined ? d.place : known.place,
            dispatchedByName: d.dispatchedByName ?? known.dispatchedByName,
            // steps only go forward: a list answer older than a step's answer does not undo it
            ...(stepsDone(known.status) > stepsDone(d.status) ? progressOf(known) : {}),
          }
        : d;
      if (hasAlert(merged)) byId.set(d.id, merged);
    }
    const next = [...byId.values()].sort(newestFirst);
    if (next.length > DISPATCHES_CAP) next.length = DISPATCHES_CAP;
    items.value = next;
  }

  /** GET /api/dispatches; answers the ids that were not shown before (arrived while offline). */
  async function load(): Promise<string[]> {
    const list = await api<Dispatch[]>('/dispatches');
    const valid = Array.isArray(list)
      ? list
          .filter(isDispatch)
          .map((d) => ({ ...d, instructions: Array.isArray(d.instructions) ? d.instructions.filter(isInstruction) : [] }))
      : [];
    const before = new Set(items.value.map((d) => d.id));
    items.value = [];
    put(valid);
    // the list is the truth: forget highlights of dispatches no longer in it
    const ids = new Set(items.value.map((d) => d.id));
    fresh.value = new Set([...fresh.value].filter((id) => ids.has(id)));
    freshInstructions.value = new Set([...freshInstructions.value].filter((id) => ids.has(id)));
    return items.value.filter((d) => !before.has(d.id)).map((d) => d.id);
  }

  function markFresh(ids: readonly string[]): void {
    if (ids.length > 0) fresh.value = new Set([...fresh.value, ...ids]);
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
      dispatchedBy: notice.dispatchedBy ?? '',
      dispatchedByName: notice.dispatchedByName,
      createdAt: notice.createdAt ?? new Date().toISOString(),
      ackedAt: null,
      contactedAt: null,
      onsiteAt: null,
      resolvedAt: null,
      resultNote: null,
      instructions: [],
      alert: notice.alert,
    };
    put([d]);
    fresh.value = new Set([...fresh.value, d.id]);
    return d;
  }

  /** A step's answer (the dispatch without its alert). */
  function applyAnswer(d: unknown): void {
    if (isDispatch(d)) put([d]);
  }

  /** `event:note`: a 批示 on the event of some of our dispatches; the ids it was added to. */
  function addInstruction(note: EventNote): string[] {
    if (!isInstruction(note)) return [];
    const touched: string[] = [];
    const next = items.value.map((d) => {
      if (d.alert.eventId !== note.eventId) return d;
      const list = d.instructions ?? [];
      if (list.some((n) => n.id === note.id)) return d;
      touched.push(d.id);
      return { ...d, instructions: [...list, note] };
    });
    if (touched.length === 0) return [];
    items.value = next;
    freshInstructions.value = new Set([...freshInstructions.value, ...touched]);
    return touched;
  }

  /** The officer opened the card (or acknowledged it): no more highlight. */
  function markSeen(id: string): void {
    fresh.value = withoutId(fresh.value, id);
    freshInstructions.value = withoutId(freshInstructions.value, id);
  }

  function clear(): void {
    items.value = [];
    fresh.value = new Set();
    freshInstructions.value = new Set();
  }

  return { items, fresh, freshInstructions, put, load, markFresh, addNotice, applyAnswer, addInstruction, markSeen, clear };
});
