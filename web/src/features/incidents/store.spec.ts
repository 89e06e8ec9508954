import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { incidentFixture } from '../../test/fixtures';
import { TICKER_CAP, useIncidentsStore } from './store';

describe('incidents ticker store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('shows the newest first', () => {
    const store = useIncidentsStore();
    const a = incidentFixture({ receivedAt: '2026-07-20T10:00:00+08:00' });
    const b = incidentFixture({ receivedAt: '2026-07-20T10:00:05+08:00' });
    const c = incidentFixture({ receivedAt: '2026-07-20T10:00:03+08:00' });
    store.ingest([a, b]);
    store.ingest([c]);
    expect(store.items.map((i) => i.id)).toEqual([b.id, c.id, a.id]);
  });

  it(`caps the ticker at ${TICKER_CAP}`, () => {
    const store = useIncidentsStore();
    for (let batch = 0; batch < 10; batch++) {
      store.ingest(Array.from({ length: 50 }, () => incidentFixture()));
    }
    expect(store.items).toHaveLength(TICKER_CAP);
    // the last ones pushed are the newest and stay
    const times = store.items.map((i) => Date.parse(i.receivedAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
  });

  it('counts per channel from the overview, plus each new pushed incident once', () => {
    const store = useIncidentsStore();
    store.setBaseCounts({ '12345': 100, '12315': 20, '110': 7, sentiment: 3 });
    const dup = incidentFixture({ channel: '110' });
    store.ingest([incidentFixture({ channel: '12345' }), incidentFixture({ channel: '12345' }), dup]);
    store.ingest([dup, incidentFixture({ channel: 'sentiment' })]);
    expect(store.counts).toEqual({ '12345': 102, '12315': 20, '110': 8, sentiment: 4 });
    expect(store.total).toBe(134);

    // the next overview replaces the running counts
    store.setBaseCounts({ '12345': 103, '12315': 20, '110': 8, sentiment: 4 });
    expect(store.total).toBe(135);
  });

  it('shows a snapshot without counting it', () => {
    const store = useIncidentsStore();
    store.seed([incidentFixture({ channel: '12315' })]);
    expect(store.items).toHaveLength(1);
    expect(store.total).toBe(0);
    expect(store.lastBatchAt).toBeNull();
  });

  it('knows when a simulated incident is on screen', () => {
    const store = useIncidentsStore();
    store.ingest([incidentFixture()]);
    expect(store.simulatedShown).toBe(false);
    store.ingest([incidentFixture({ flags: ['simulated'] })]);
    expect(store.simulatedShown).toBe(true);
  });
});
