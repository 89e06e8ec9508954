import type { LiveConnection } from '../../realtime/useConnection';
import { useSnapshotFeed } from '../../realtime/useSnapshotFeed';
import { useInfoReportsStore } from './store';

// The open information reports: GET /api/info-reports?status=open, then 'info-report:update'
// pushes; a fresh snapshot after each reconnect (a report may have closed meanwhile).
export function useInfoReportsFeed(live: LiveConnection) {
  const store = useInfoReportsStore();
  store.clear();
  const feed = useSnapshotFeed(live, {
    snapshot: () => store.load(),
    frames: { 'info-report:update': (report) => store.apply(report) },
    refreshOnReconnect: 'always',
  });
  return { store, loading: feed.loading, error: feed.error, reload: feed.reload };
}
