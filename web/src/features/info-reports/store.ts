import { computed, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { InfoReport } from '@jointduty/shared';
import { byUrgency } from './countdown';
import { fetchInfoReports } from './api';

// A report only moves forward (submissions, resolution, closing, lateness), so of two states of
// one report the one further along is the newer: a slow snapshot never undoes a push.
function progress(r: InfoReport): number[] {
  return [r.status === 'closed' ? 1 : 0, r.submissions, r.resolvedAt ? 1 : 0, r.lateSteps.length, r.next?.late ? 1 : 0];
}

export function isNotOlder(next: InfoReport, shown: InfoReport): boolean {
  const a = progress(next);
  const b = progress(shown);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** Open information reports (信息报送) with their deadlines: a snapshot, then pushes. */
export const useInfoReportsStore = defineStore('infoReports', () => {
  const byId = shallowRef<ReadonlyMap<string, InfoReport>>(new Map());

  /** Open reports, the most pressing first. */
  const open = computed(() => byUrgency([...byId.value.values()].filter((r) => r.status === 'open')));
  const lateCount = computed(() => open.value.filter((r) => r.next?.late || r.lateSteps.length > 0).length);

  /** A pushed or answered state of one report; a closed one leaves the open list. */
  function apply(report: InfoReport): void {
    if (!report || typeof report.id !== 'string') return;
    const shown = byId.value.get(report.id);
    if (shown && !isNotOlder(report, shown)) return;
    const next = new Map(byId.value);
    if (report.status === 'closed') next.delete(report.id);
    else next.set(report.id, report);
    byId.value = next;
  }

  /** The open reports as the server has them now. */
  async function load(): Promise<void> {
    const answer = await fetchInfoReports('open');
    const next = new Map<string, InfoReport>();
    for (const r of Array.isArray(answer) ? answer : []) if (r.status === 'open') next.set(r.id, r);
    byId.value = next;
  }

  function clear(): void {
    byId.value = new Map();
  }

  return { byId, open, lateCount, apply, load, clear };
});
