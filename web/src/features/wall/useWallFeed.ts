import { computed } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { useAlertsFeed } from '../alerts/useAlertsFeed';
import { useIncidentsFeed } from '../incidents/useIncidentsFeed';
import { useSeriesFeed } from '../stats/useSeriesFeed';
import { useStatsFeed } from '../stats/useStatsFeed';
import { useNow } from './useNow';
import { useStaleness } from './useStaleness';

// Everything the big screen shows, fed by one connection.
export function useWallFeed(live: LiveConnection) {
  const now = useNow();
  const incidents = useIncidentsFeed(live);
  const alerts = useAlertsFeed(live, { query: { limit: 50 } });
  const stats = useStatsFeed(live, (o) => incidents.store.setBaseCounts(o.byChannel));
  const series = useSeriesFeed(live);
  const { stale, silentSeconds } = useStaleness(
    computed(() => incidents.store.lastBatchAt),
    live.connectedSince,
    now,
  );

  // any sign of demo data marks the whole screen
  const simulated = computed(
    () => stats.store.simulatorOn || incidents.store.simulatedShown || alerts.store.items.some((a) => a.simulated === true),
  );

  return {
    now,
    alerts: alerts.store,
    incidents: incidents.store,
    stats: stats.store,
    series: series.store,
    alertsError: alerts.error,
    stale,
    silentSeconds,
    simulated,
  };
}
