import type { DutyLog, DutyState, Handover, HandoverDraft } from '@jointduty/shared';
import { api } from '../../app/http';

// The calls of the handover and the duty log (CONTRACT §10).

export function fetchDutyState(): Promise<DutyState> {
  return api<DutyState>('/duty/state');
}

export function fetchHandoverDraft(): Promise<HandoverDraft> {
  return api<HandoverDraft>('/handover/draft');
}

/** The outgoing officer hands the shift over. */
export function postHandover(notes: string): Promise<Handover> {
  return api<Handover>('/handover', { method: 'POST', body: { notes } });
}

/** The incoming officer accepts it. */
export function acceptHandover(id: string): Promise<Handover> {
  return api<Handover>(`/handover/${encodeURIComponent(id)}/accept`, { method: 'POST', body: {} });
}

/** One handover with its notes and the draft it carried. */
export function fetchHandover(id: string): Promise<Handover> {
  return api<Handover>(`/handover/${encodeURIComponent(id)}`);
}

export function fetchDutyLog(date: string): Promise<DutyLog> {
  return api<DutyLog>('/duty-log', { query: { date } });
}

/** A leader's instruction (批示) carried out. */
export function markInstructionDone(eventId: string, noteId: string): Promise<unknown> {
  return api<unknown>(`/events/${encodeURIComponent(eventId)}/instructions/${encodeURIComponent(noteId)}/done`, {
    method: 'POST',
    body: {},
  });
}
