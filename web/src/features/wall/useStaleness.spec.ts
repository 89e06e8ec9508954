import { describe, expect, it } from 'vitest';
import { shallowRef } from 'vue';
import { useStaleness } from './useStaleness';

describe('useStaleness', () => {
  it('is stale after 60 s without a batch while connected', () => {
    const lastBatchAt = shallowRef<number | null>(null);
    const connectedSince = shallowRef<number | null>(1_000);
    const now = shallowRef(1_000);
    const { stale, silentSeconds } = useStaleness(lastBatchAt, connectedSince, now);

    now.value = 60_999;
    expect(stale.value).toBe(false);
    now.value = 61_000;
    expect(stale.value).toBe(true);
    expect(silentSeconds.value).toBe(60);

    lastBatchAt.value = 61_000;
    expect(stale.value).toBe(false);

    // not connected: the connection banner speaks instead
    now.value = 500_000;
    connectedSince.value = null;
    expect(stale.value).toBe(false);
  });
});
