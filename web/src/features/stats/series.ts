import { shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { CHANNELS, type Channel, type IncidentSummary, type StatsSeries } from '@jointduty/shared';
import { api } from '../../app/http';
import { MINUTE, type TrendData } from '../charts/options/trend';

export const TREND_MINUTES = 120;

function perChannel<T>(make: (c: Channel) => T[]): Record<Channel, T[]> {
  return Object.fromEntries(CHANNELS.map((c) => [c, make(c)])) as Record<Channel, T[]>;
}

// The trend chart's window: the server's per-minute counts, topped up from the live `incidents`
// pushes between refreshes. The window slides with the clock and never grows: `minutes` entries
// per channel, the oldest dropped as a new minute starts.
export const useSeriesStore = defineStore('stats-series', () => {
  const trend = shallowRef<TrendData | null>(null);
  const hotMerchants = shallowRef<StatsSeries['hotMerchants']>([]);

  function apply(s: StatsSeries): void {
    const start = Date.parse(s.start);
    const minutes = Math.max(1, Math.floor(s.minutes));
    if (!Number.isFinite(start)) return;
    const fit = <T>(list: readonly T[] | undefined, fill: T): T[] => {
      const out = (list ?? []).slice(0, minutes);
      while (out.length < minutes) out.push(fill);
      return out;
    };
    trend.value = {
      start,
      minutes,
      byChannel: perChannel((c) => fit(s.byChannel?.[c], 0)),
      lastWeek: perChannel<number | null>((c) => fit<number | null>(s.lastWeek?.[c], null)),
    };
    hotMerchants.value = Array.isArray(s.hotMerchants) ? s.hotMerchants.slice(0, 20) : [];
  }

  /** Moves the window so that the minute of `now` is its last; new minutes start at 0 (last week unknown). */
  function slide(now: number): void {
    const t = trend.value;
    if (!t) return;
    const lastStart = t.start + (t.minutes - 1) * MINUTE;
    const shift = Math.floor((now - lastStart) / MINUTE);
    if (shift <= 0) return;
    const n = Math.min(shift, t.minutes);
    const move = <T>(list: T[], fill: T): T[] => list.slice(n).concat(new Array<T>(n).fill(fill));
    trend.value = {
      start: t.start + shift * MINUTE,
      minutes: t.minutes,
      byChannel: perChannel((c) => move(t.byChannel[c], 0)),
      lastWeek: perChannel<number | null>((c) => move(t.lastWeek[c], null)),
    };
  }

  /** Counts pushed incidents into their minute; those outside the window are ignored. */
  function topUp(batch: readonly IncidentSummary[], now = Date.now()): void {
    if (!trend.value || batch.length === 0) return;
    slide(now);
    const t = trend.value;
    const byChannel = { ...t.byChannel };
    const copied = new Set<Channel>();
    let changed = false;
    for (const incident of batch) {
      const at = Date.parse(incident?.receivedAt);
      const channel = incident?.channel;
      if (!Number.isFinite(at) || !(channel in byChannel)) continue;
      const i = Math.floor((at - t.start) / MINUTE);
      if (i < 0 || i >= t.minutes) continue;
      if (!copied.has(channel)) {
        byChannel[channel] = byChannel[channel].slice();
        copied.add(channel);
      }
      byChannel[channel][i]! += 1;
      changed = true;
    }
    if (changed) trend.value = { ...t, byChannel };
  }

  async function load(minutes = TREND_MINUTES): Promise<void> {
    apply(await api<StatsSeries>('/stats/series', { query: { minutes } }));
  }

  function clear(): void {
    trend.value = null;
    hotMerchants.value = [];
  }

  return { trend, hotMerchants, apply, slide, topUp, load, clear };
});
