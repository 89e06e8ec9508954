import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import {
  INSTRUCTION_MAX_CHARS,
  highestSeverity,
  type Alert,
  type AlertHistoryEntry,
  type EventDetail,
  type EventNote,
  type WatchedEvent,
  type WatchedEventAlert,
} from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { api } from '../../app/http';
import { timeOf } from '../../app/format';
import { useSessionStore } from '../session/store';

export const WATCHED_CAP = 200;
export const LIST_LIMIT = 100;
// pushes come in bursts (an event growing by many incidents): one reload of what they touch
export const REFETCH_DELAY_MS = 1000;
export const DETAIL_REFRESH_MS = 400;
const PENDING_CAP = 1000;

// the rule whose alerts mark an event sensitive (CONTRACT §3)
const SENSITIVE_RULE = 'sensitive-topic';

/** Whether an alert puts its event on the leader's list (the server decides; this guesses for a push). */
export function isWatchedAlert(a: Pick<Alert, 'severity' | 'rule'>): boolean {
  return a.severity === 'major' || a.rule === SENSITIVE_RULE;
}

function isAlert(value: unknown): value is Alert {
  const a = value as Alert | null;
  return typeof a === 'object' && a !== null && typeof a.id === 'string' && typeof a.eventId === 'string' && typeof a.seq === 'number';
}

function isNote(value: unknown): value is EventNote {
  const n = value as EventNote | null;
  return (
    typeof n === 'object' && n !== null && typeof n.id === 'string' && typeof n.eventId === 'string' && typeof n.createdAt === 'string'
  );
}

function isWatchedEvent(value: unknown): value is WatchedEvent {
  const e = value as WatchedEvent | null;
  return typeof e === 'object' && e !== null && typeof e.id === 'string' && Array.isArray(e.alerts);
}

const later = (a: string, b: string) => (timeOf(b) > timeOf(a) ? b : a);

function newestActivityFirst(a: WatchedEvent, b: WatchedEvent): number {
  return timeOf(b.activityAt) - timeOf(a.activityAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function oldestFirst(a: EventNote, b: EventNote): number {
  return timeOf(a.createdAt) - timeOf(b.createdAt);
}

/** An event some of whose alerts went to the leaders and still wait for someone to acknowledge them. */
export function isEscalatedOpen(e: WatchedEvent): boolean {
  return e.alerts.some((a) => a.escalatedAt !== null && a.status === 'open');
}

// The leader's events: a snapshot from `GET /api/events?scope=leader`, kept live by alert and note
// pushes, newest activity first; and the chosen event with its timeline, alerts and their history.
export const useLeaderStore = defineStore('leader', () => {
  const session = useSessionStore();
  const events = shallowRef<WatchedEvent[]>([]);
  const selectedId = ref<string | null>(null);
  const detail = shallowRef<EventDetail | null>(null);
  const detailAlerts = shallowRef<Alert[]>([]);
  const histories = shallowRef<Readonly<Record<string, AlertHistoryEntry[]>>>({});
  const detailLoading = ref(false);
  const detailError = ref<string | null>(null);

  const selected = computed(() => events.value.find((e) => e.id === selectedId.value) ?? null);
  const escalatedEventIds = computed(() => new Set(events.value.filter(isEscalatedOpen).map((e) => e.id)));

  // pushes that arrive while the snapshot loads are applied on top of it
  let listLoading = false;
  let pending: Array<() => void> = [];
  let refetchTimer: ReturnType<typeof setTimeout> | null = null;
  let detailTimer: ReturnType<typeof setTimeout> | null = null;
  const staleHistories = new Set<string>();
  let staleTimeline = false;
  let detailToken = 0;

  function setEvents(list: WatchedEvent[]): void {
    const next = list.sort(newestActivityFirst);
    if (next.length > WATCHED_CAP) next.length = WATCHED_CAP;
    events.value = next;
  }

  function replaceEvent(next: WatchedEvent): void {
    setEvents(events.value.map((e) => (e.id === next.id ? next : e)));
  }

  function deferIfLoading(apply: () => void): boolean {
    if (!listLoading) return false;
    if (pending.length < PENDING_CAP) pending.push(apply);
    return true;
  }

  async function load(): Promise<void> {
    listLoading = true;
    try {
      const list = await api<unknown>('/events', { query: { scope: 'leader', limit: LIST_LIMIT } });
      setEvents(Array.isArray(list) ? list.filter(isWatchedEvent) : []);
    } finally {
      listLoading = false;
      const queued = pending;
      pending = [];
      for (const apply of queued) apply();
    }
  }

  /** A push about an event not on the list yet that belongs there: one reload for a burst of them. */
  function scheduleRefetch(): void {
    if (refetchTimer) return;
    refetchTimer = setTimeout(() => {
      refetchTimer = null;
      load().catch(() => undefined);
    }, REFETCH_DELAY_MS);
  }

  /** `alert:new` / `alert:update` / `alert:escalated` (with `escalatedAt`). An older change never overwrites a newer one. */
  function applyAlert(alert: Alert, escalatedAt?: string): void {
    if (!isAlert(alert)) return;
    if (deferIfLoading(() => applyAlert(alert, escalatedAt))) return;

    if (alert.eventId === selectedId.value) {
      const known = detailAlerts.value.find((a) => a.id === alert.id);
      if (!known || known.seq < alert.seq) {
        detailAlerts.value = [...detailAlerts.value.filter((a) => a.id !== alert.id), alert].sort(
          (a, b) => timeOf(a.createdAt) - timeOf(b.createdAt),
        );
        if (detail.value && alert.incidentCount !== detail.value.incidents.length) staleTimeline = true;
      }
      staleHistories.add(alert.id);
      scheduleDetailRefresh();
    }

    const e = events.value.find((x) => x.id === alert.eventId);
    if (!e) {
      if (isWatchedAlert(alert)) scheduleRefetch();
      return;
    }
    const prev = e.alerts.find((a) => a.id === alert.id);
    const fresh = !prev || prev.seq < alert.seq;
    const marked = escalatedAt !== undefined && !prev?.escalatedAt;
    if (!fresh && !marked) return;
    const summary: WatchedEventAlert =
      fresh || !prev
        ? {
            id: alert.id,
            seq: alert.seq,
            rule: alert.rule,
            severity: alert.severity,
            status: alert.status,
            title: alert.title,
            createdAt: alert.createdAt,
            updatedAt: alert.updatedAt,
            escalatedAt: prev?.escalatedAt ?? escalatedAt ?? null,
          }
        : { ...prev, escalatedAt: escalatedAt ?? null };
    const alerts = prev ? e.alerts.map((a) => (a.id === alert.id ? summary : a)) : [...e.alerts, summary];
    replaceEvent({
      ...e,
      alerts,
      severity: highestSeverity(alerts),
      channels: fresh && alert.channels.length > 0 ? alert.channels : e.channels,
      incidentCount: Math.max(e.incidentCount, alert.incidentCount),
      sensitive: e.sensitive || alert.rule === SENSITIVE_RULE,
      activityAt: fresh ? later(e.activityAt, alert.updatedAt) : e.activityAt,
    });
  }

  /** `alert:escalated`: the alert waited too long for someone to acknowledge it. */
  function markEscalated(alert: Alert, at: string = new Date().toISOString()): void {
    applyAlert(alert, at);
  }

  /** A leader's 已阅 or 批示, pushed (`event:note`) or answered to our own POST. */
  function applyNote(note: EventNote): void {
    if (!isNote(note)) return;
    if (deferIfLoading(() => applyNote(note))) return;
    const d = detail.value;
    if (d && d.id === note.eventId && !d.notes.some((n) => n.id === note.id)) {
      detail.value = { ...d, notes: [...d.notes, note].sort(oldestFirst) };
    }
    const e = events.value.find((x) => x.id === note.eventId);
    if (!e) return;
    const mine = note.kind === 'read' && note.actor === session.user?.username;
    const newer = note.kind === 'instruction' && (!e.latestInstruction || timeOf(e.latestInstruction.createdAt) <= timeOf(note.createdAt));
    replaceEvent({
      ...e,
      read: e.read || mine,
      latestInstruction: newer ? note : e.latestInstruction,
      activityAt: later(e.activityAt, note.createdAt),
    });
  }

  function scheduleDetailRefresh(): void {
    if (detailTimer) return;
    detailTimer = setTimeout(() => {
      detailTimer = null;
      void refreshDetail();
    }, DETAIL_REFRESH_MS);
  }

  // what pushes made stale: the histories of changed alerts, the timeline when the event grew
  async function refreshDetail(): Promise<void> {
    const id = selectedId.value;
    if (!id) return;
    const token = detailToken;
    const alertIds = [...staleHistories];
    const timeline = staleTimeline;
    staleHistories.clear();
    staleTimeline = false;
    try {
      const [event, ...lists] = await Promise.all([
        timeline ? api<EventDetail>(`/events/${encodeURIComponent(id)}`) : Promise.resolve(null),
        ...alertIds.map((a) => api<AlertHistoryEntry[]>(`/alerts/${encodeURIComponent(a)}/history`)),
      ]);
      if (token !== detailToken) return;
      if (event) detail.value = { ...event, notes: mergeNotes(event.notes, detail.value?.notes ?? []) };
      if (alertIds.length > 0) {
        const next = { ...histories.value };
        alertIds.forEach((a, i) => {
          if (Array.isArray(lists[i])) next[a] = lists[i];
        });
        histories.value = next;
      }
    } catch {
      // the next push or a reselect tries again
    }
  }

  /**
   * Chooses an event and loads its timeline, its alerts and each alert's history. `refresh` reloads
   * the chosen one in place (after a reconnect) without blanking the panel.
   */
  async function select(id: string | null, opts: { refresh?: boolean } = {}): Promise<void> {
    const inPlace = opts.refresh === true && id !== null && id === selectedId.value;
    selectedId.value = id;
    const token = ++detailToken;
    if (!inPlace) {
      detail.value = null;
      detailAlerts.value = [];
      histories.value = {};
    }
    detailError.value = null;
    staleHistories.clear();
    staleTimeline = false;
    if (!id) return;
    detailLoading.value = true;
    try {
      const [event, alerts] = await Promise.all([
        api<EventDetail>(`/events/${encodeURIComponent(id)}`),
        api<Alert[]>('/alerts', { query: { eventId: id, limit: 50 } }),
      ]);
      const list = (Array.isArray(alerts) ? alerts.filter(isAlert) : []).sort((a, b) => timeOf(a.createdAt) - timeOf(b.createdAt));
      const lists = await Promise.all(list.map((a) => api<AlertHistoryEntry[]>(`/alerts/${encodeURIComponent(a.id)}/history`)));
      if (token !== detailToken) return;
      // notes pushed while we loaded are kept
      detail.value = { ...event, notes: mergeNotes(event.notes, detail.value?.notes ?? []) };
      // alerts pushed while we loaded are kept when newer
      const pushed = new Map(detailAlerts.value.map((a) => [a.id, a]));
      detailAlerts.value = list.map((a) => {
        const p = pushed.get(a.id);
        return p && p.seq > a.seq ? p : a;
      });
      histories.value = Object.fromEntries(list.map((a, i) => [a.id, Array.isArray(lists[i]) ? lists[i] : []]));
    } catch (err) {
      if (token === detailToken) detailError.value = errorMessage(err);
    } finally {
      if (token === detailToken) detailLoading.value = false;
    }
  }

  async function markRead(eventId: string): Promise<void> {
    const note = await api<EventNote>(`/events/${encodeURIComponent(eventId)}/read`, { method: 'POST', body: {} });
    applyNote(note);
  }

  async function instruct(eventId: string, text: string): Promise<void> {
    const t = text.trim();
    if (t.length === 0 || [...t].length > INSTRUCTION_MAX_CHARS) throw new Error('text');
    const note = await api<EventNote>(`/events/${encodeURIComponent(eventId)}/instructions`, { method: 'POST', body: { text: t } });
    applyNote(note);
  }

  function reset(): void {
    if (refetchTimer) clearTimeout(refetchTimer);
    if (detailTimer) clearTimeout(detailTimer);
    refetchTimer = detailTimer = null;
    pending = [];
    listLoading = false;
    events.value = [];
    selectedId.value = null;
    detail.value = null;
    detailAlerts.value = [];
    histories.value = {};
    detailError.value = null;
    detailLoading.value = false;
    staleHistories.clear();
    staleTimeline = false;
    detailToken++;
  }

  return {
    events,
    selectedId,
    selected,
    escalatedEventIds,
    detail,
    detailAlerts,
    histories,
    detailLoading,
    detailError,
    load,
    applyAlert,
    markEscalated,
    applyNote,
    select,
    markRead,
    instruct,
    reset,
  };
});

function mergeNotes(loaded: readonly EventNote[], kept: readonly EventNote[]): EventNote[] {
  const byId = new Map(loaded.map((n) => [n.id, n]));
  for (const n of kept) if (!byId.has(n.id)) byId.set(n.id, n);
  return [...byId.values()].sort(oldestFirst);
}
