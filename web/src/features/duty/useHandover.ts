import { ref, shallowRef } from 'vue';
import type { DutyState, Handover, HandoverDraft, HandoverSummary } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { acceptHandover, fetchHandoverDraft, markInstructionDone, postHandover } from './api';

export interface HandoverOptions {
  /** the duty state to move on at once when an answer comes (the push follows) */
  apply?: (state: DutyState) => void;
  current?: () => DutyState | null;
  calls?: Partial<{
    draft: typeof fetchHandoverDraft;
    handOver: typeof postHandover;
    accept: typeof acceptHandover;
    done: typeof markInstructionDone;
  }>;
}

const summaryOf = (h: Handover): HandoverSummary => ({
  id: h.id,
  shiftKey: h.shiftKey,
  status: h.status,
  fromUser: h.fromUser,
  fromName: h.fromName,
  handedAt: h.handedAt,
  toUser: h.toUser,
  toName: h.toName,
  acceptedAt: h.acceptedAt,
});

/**
 * The handover on the console: the draft of what this shift hands over (read when opened and
 * after each change), the instructions marked done, the handing over and the accepting. Refusals
 * are thrown with their text for the form that asked.
 */
export function useHandover(options: HandoverOptions = {}) {
  const calls = {
    draft: options.calls?.draft ?? fetchHandoverDraft,
    handOver: options.calls?.handOver ?? postHandover,
    accept: options.calls?.accept ?? acceptHandover,
    done: options.calls?.done ?? markInstructionDone,
  };
  const draft = shallowRef<HandoverDraft | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  let request = 0;

  async function loadDraft(): Promise<void> {
    const mine = ++request;
    loading.value = true;
    try {
      const answer = await calls.draft();
      if (mine !== request) return;
      draft.value = answer;
      error.value = null;
    } catch (err) {
      if (mine === request) error.value = errorMessage(err);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  function showHandover(h: Handover): void {
    const state = options.current?.();
    if (state && h && typeof h.id === 'string') options.apply?.({ ...state, handover: summaryOf(h) });
  }

  async function handOver(notes: string): Promise<void> {
    showHandover(await calls.handOver(notes));
  }

  async function accept(id: string): Promise<void> {
    showHandover(await calls.accept(id));
  }

  /** Marks an instruction carried out; it leaves the draft at once. */
  async function done(eventId: string, noteId: string): Promise<void> {
    await calls.done(eventId, noteId);
    const shown = draft.value;
    if (shown) draft.value = { ...shown, instructions: shown.instructions.filter((i) => i.id !== noteId) };
    void loadDraft();
  }

  return { draft, loading, error, loadDraft, handOver, accept, done };
}

export type HandoverState = ReturnType<typeof useHandover>;
