import { ref } from 'vue';
import type { LiveConnection } from '../../realtime/useConnection';
import { useSessionStore } from '../session/store';
import { useSecondTicker } from '../info-reports/countdown';
import { useInfoReportsFeed } from '../info-reports/useInfoReportsFeed';
import { useInfoReportDetail } from '../info-reports/useInfoReportDetail';
import { useDutyState } from './useDutyState';
import { useHandover } from './useHandover';

// The console's duty desk: the open information reports with their countdowns and the editor,
// the shift and its handover. One connection feeds it; one second ticker drives every countdown.
export function useDutyDesk(live: LiveConnection) {
  const session = useSessionStore();
  const now = useSecondTicker();
  const reports = useInfoReportsFeed(live);
  const report = useInfoReportDetail(live, { onAnswer: (r) => reports.store.apply(r) });
  const duty = useDutyState(live);
  const handover = useHandover({ apply: duty.apply, current: () => duty.state.value });
  const handoverOpen = ref(false);

  function openHandover(): void {
    handoverOpen.value = true;
    void handover.loadDraft();
  }

  return {
    now,
    me: () => session.user?.username ?? null,
    reports,
    report,
    duty,
    handover,
    handoverOpen,
    openHandover,
    closeHandover: () => (handoverOpen.value = false),
  };
}

export type DutyDesk = ReturnType<typeof useDutyDesk>;
