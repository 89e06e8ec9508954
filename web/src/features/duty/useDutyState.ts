import { shallowRef } from 'vue';
import type { DutyState } from '@jointduty/shared';
import type { LiveConnection } from '../../realtime/useConnection';
import { useSnapshotFeed } from '../../realtime/useSnapshotFeed';
import { fetchDutyState } from './api';

// Who is on duty, the next shift and the handover: GET /api/duty/state, then 'duty:state' pushes.
export function useDutyState(live: LiveConnection, read: typeof fetchDutyState = fetchDutyState) {
  const state = shallowRef<DutyState | null>(null);
  // when it came, on this screen's clock: the minutes to the change count down from there
  const receivedAt = shallowRef(Date.now());
  const apply = (next: DutyState) => {
    if (!next || !next.shift) return;
    receivedAt.value = Date.now();
    state.value = next;
  };
  const feed = useSnapshotFeed(live, {
    snapshot: async () => apply(await read()),
    frames: { 'duty:state': apply },
    refreshOnReconnect: 'always',
  });
  return { state, receivedAt, apply, loading: feed.loading, error: feed.error, reload: feed.reload };
}

export type DutyStateFeed = ReturnType<typeof useDutyState>;
