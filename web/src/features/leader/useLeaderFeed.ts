import { onScopeDispose } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { useSnapshotFeed } from '../../realtime/useSnapshotFeed';
import { useLeaderStore } from './store';

// The leader's events: a snapshot on load and after every reconnect (pushes missed while away are
// also replayed by `resume`), alert and note pushes in between. Escalations mark their event.
export function useLeaderFeed(live: LiveConnection) {
  const store = useLeaderStore();
  store.reset();
  const feed = useSnapshotFeed(live, {
    snapshot: () => store.load(),
    frames: {
      'alert:new': (a) => store.applyAlert(a),
      'alert:update': (a) => store.applyAlert(a),
      'alert:escalated': (a) => store.markEscalated(a),
      'event:note': (notice) => store.applyNote(notice.note),
    },
    refreshOnReconnect: 'always',
    // the chosen event may have moved on while the link was down
    onReconnect: () => {
      if (store.selectedId) void store.select(store.selectedId, { refresh: true });
    },
  });
  onScopeDispose(() => store.reset());
  return { store, ...feed };
}
