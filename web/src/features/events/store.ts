import { ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { EventDetail, IncidentSummary, MoveResult, ReclassifyResult } from '@jointduty/shared';
import { api } from '../../app/http';
import { errorMessage } from '../../app/errors';

const path = (id: string) => encodeURIComponent(id);

// The event open in the console's detail panel, and what a duty officer does to its incidents:
// reclassify one, move one to another event or into an event of its own. After each, the event
// is read again; the queue learns of the change from the `incident:update` push.
export const useEventDetailStore = defineStore('eventDetail', () => {
  const eventId = ref<string | null>(null);
  const detail = shallowRef<EventDetail | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let request = 0;

  async function reload(): Promise<void> {
    const id = eventId.value;
    if (!id) return;
    const mine = ++request;
    loading.value = true;
    try {
      const e = await api<EventDetail>(`/events/${path(id)}`);
      if (mine !== request) return;
      detail.value = e;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  function open(id: string): Promise<void> {
    if (id !== eventId.value) {
      eventId.value = id;
      detail.value = null;
    }
    return reload();
  }

  function close(): void {
    request++;
    eventId.value = null;
    detail.value = null;
    error.value = null;
    loading.value = false;
  }

  /** Whether a pushed incident touches the event shown (joined it, or is one of its own). */
  function touches(incident: IncidentSummary): boolean {
    if (!eventId.value || !incident) return false;
    return incident.eventId === eventId.value || (detail.value?.incidents.some((i) => i.id === incident.id) ?? false);
  }

  async function reclassify(incidentId: string, category: string, department?: string): Promise<ReclassifyResult> {
    const res = await api<ReclassifyResult>(`/incidents/${path(incidentId)}/reclassify`, {
      method: 'POST',
      body: department ? { category, department } : { category },
    });
    await reload();
    return res;
  }

  async function move(incidentId: string, target: string | null): Promise<MoveResult> {
    const res = await api<MoveResult>(`/incidents/${path(incidentId)}/move`, { method: 'POST', body: { eventId: target } });
    await reload();
    return res;
  }

  return { eventId, detail, loading, error, open, close, reload, touches, reclassify, move };
});
