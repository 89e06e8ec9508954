import type { LiveConnection } from '../../realtime/useConnection';
import { useSnapshotFeed } from '../../realtime/useSnapshotFeed';
import { useAlertsStore, type AlertsQuery } from './store';

export interface AlertsFeedOptions {
  query?: AlertsQuery;
  // leaders also receive `alert:escalated`
  escalations?: boolean;
}

// A snapshot on load, then live upserts. Changes made after the snapshot are asked for again with
// `resume` from its highest seq; after a reconnect `resume` replays what was missed, so a fresh
// snapshot is taken only when the last one failed.
export function useAlertsFeed(live: LiveConnection, options: AlertsFeedOptions = {}) {
  const store = useAlertsStore();
  store.clear();
  const feed = useSnapshotFeed(live, {
    snapshot: () => store.load(options.query ?? { limit: 50 }),
    frames: {
      'alert:new': (a) => store.upsert(a),
      'alert:update': (a) => store.upsert(a),
      ...(options.escalations ? { 'alert:escalated': (a) => store.markEscalated(a) } : {}),
    },
    refreshOnReconnect: 'after-error',
  });
  return { store, ...feed };
}
