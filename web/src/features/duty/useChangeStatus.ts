import { computed, type ComputedRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { DutyState } from '@jointduty/shared';
import { formatDateTime } from '../../app/format';
import { changeStatus, minutesLeft, type ChangeStatus } from './shift';

/** The coming shift change as the wall's strip and the console's bar both say it. */
export function useChangeStatus(props: { state: DutyState | null; receivedAt: number; now: number }): {
  status: ComputedRef<ChangeStatus | null>;
  statusText: ComputedRef<string>;
} {
  const { t } = useI18n();
  const status = computed(() => (props.state ? changeStatus(props.state) : null));
  const statusText = computed(() => {
    const s = props.state;
    if (!s) return '';
    switch (status.value) {
      case 'nudge':
        return t('duty.strip.nudge', { n: minutesLeft(s, props.receivedAt, props.now) });
      case 'handed':
        return t('duty.strip.handed');
      case 'accepted':
        return t('duty.strip.accepted');
      default:
        return t('duty.strip.changeAt', { time: formatDateTime(s.shift.end).slice(11) });
    }
  });
  return { status, statusText };
}
