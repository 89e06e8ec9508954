import { computed, type Ref } from 'vue';

export const STALE_AFTER_MS = 60_000;

// Stale: connected, yet no `incidents` batch for a while. Counted from the later of the last
// batch and the moment the link came up, so a fresh connect is not stale at once.
export function useStaleness(
  lastBatchAt: Readonly<Ref<number | null>>,
  connectedSince: Readonly<Ref<number | null>>,
  now: Readonly<Ref<number>>,
  thresholdMs = STALE_AFTER_MS,
) {
  const silentForMs = computed(() => {
    const since = connectedSince.value;
    if (since === null) return 0;
    return Math.max(0, now.value - Math.max(since, lastBatchAt.value ?? 0));
  });
  const stale = computed(() => silentForMs.value >= thresholdMs);
  const silentSeconds = computed(() => Math.floor(silentForMs.value / 1000));
  return { stale, silentSeconds };
}
