import { ref, shallowRef } from 'vue';
import type { DutyLog } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { CITY_TIME_ZONE } from '../../app/format';
import { fetchDutyLog, fetchHandover } from './api';

const cityDate = new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's city date, 'YYYY-MM-DD'. */
export function cityToday(now = Date.now()): string {
  return cityDate.format(now);
}

/**
 * The duty log (值班日志) of one city day: shifts, handovers and entries, with the handovers'
 * notes (a printed log carries what was handed over). The notes are an extra: if they cannot be
 * read the log still shows.
 */
export function useDutyLog(calls: { log?: typeof fetchDutyLog; handover?: typeof fetchHandover } = {}) {
  const readLog = calls.log ?? fetchDutyLog;
  const readHandover = calls.handover ?? fetchHandover;
  const date = ref(cityToday());
  const log = shallowRef<DutyLog | null>(null);
  const notes = shallowRef<ReadonlyMap<string, string>>(new Map());
  const loading = ref(false);
  const error = ref<string | null>(null);
  let request = 0;

  async function load(): Promise<void> {
    const day = date.value;
    const mine = ++request;
    loading.value = true;
    error.value = null;
    let answer: DutyLog;
    try {
      answer = await readLog(day);
    } catch (err) {
      if (mine !== request) return;
      loading.value = false;
      log.value = null;
      error.value = errorMessage(err);
      return;
    }
    if (mine !== request) return;
    log.value = answer;
    notes.value = new Map();
    // a day has a handful of handovers: each one's notes read on its own
    const read = await Promise.allSettled((answer.handovers ?? []).map((h) => readHandover(h.id)));
    if (mine !== request) return;
    loading.value = false;
    notes.value = new Map(read.flatMap((r) => (r.status === 'fulfilled' && r.value?.notes ? [[r.value.id, r.value.notes] as const] : [])));
  }

  function setDate(next: string): void {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(next) || next === date.value) return;
    date.value = next;
    void load();
  }

  return { date, log, notes, loading, error, load, setDate };
}
