import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { alertFixture, jsonResponse } from '../../test/fixtures';
import { ALERTS_CAP, useAlertsStore } from './store';

describe('alerts store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('upserts by id', () => {
    const store = useAlertsStore();
    const a = alertFixture({ seq: 10 });
    store.upsert(a);
    store.upsert({ ...a, seq: 11, status: 'acknowledged', incidentCount: 7 });
    expect(store.items).toHaveLength(1);
    expect(store.items[0]).toMatchObject({ id: a.id, seq: 11, status: 'acknowledged', incidentCount: 7 });
  });

  it('keeps the newer seq when an older change arrives late', () => {
    const store = useAlertsStore();
    const a = alertFixture({ seq: 20, status: 'dispatched' });
    store.upsert(a);
    expect(store.upsert({ ...a, seq: 19, status: 'open' })).toBe(false);
    expect(store.upsert({ ...a, seq: 20, status: 'open' })).toBe(false);
    expect(store.items[0]!.status).toBe('dispatched');
    expect(store.maxSeq).toBe(20);
  });

  it('sorts newest first by creation time', () => {
    const store = useAlertsStore();
    const old = alertFixture({ createdAt: '2026-07-20T08:00:00+08:00', seq: 3 });
    const mid = alertFixture({ createdAt: '2026-07-20T01:30:00Z', seq: 1 }); // 09:30 +08:00
    const fresh = alertFixture({ createdAt: '2026-07-20T10:00:00+08:00', seq: 2 });
    store.upsertMany([old, fresh, mid]);
    expect(store.items.map((a) => a.id)).toEqual([fresh.id, mid.id, old.id]);
    // an update does not move a row
    store.upsert({ ...old, seq: 9, incidentCount: 99 });
    expect(store.items.map((a) => a.id)).toEqual([fresh.id, mid.id, old.id]);
  });

  it(`caps at ${ALERTS_CAP}, dropping the oldest`, () => {
    const store = useAlertsStore();
    const base = Date.UTC(2026, 6, 20);
    const list = Array.from({ length: ALERTS_CAP + 30 }, (_, i) =>
      alertFixture({ id: `cap${i}`, seq: 1000 + i, createdAt: new Date(base + i * 60_000).toISOString() }),
    );
    for (const a of list) store.upsert(a);
    expect(store.items).toHaveLength(ALERTS_CAP);
    expect(store.items[0]!.id).toBe(`cap${ALERTS_CAP + 29}`);
    expect(store.items.at(-1)!.id).toBe('cap30');
  });

  it('lists open major alerts for the banner until acknowledged', () => {
    const store = useAlertsStore();
    const major = alertFixture({ severity: 'major', seq: 5 });
    store.upsertMany([major, alertFixture({ severity: 'urgent' })]);
    expect(store.majorOpen.map((a) => a.id)).toEqual([major.id]);
    store.upsert({ ...major, seq: 6, status: 'acknowledged' });
    expect(store.majorOpen).toEqual([]);
  });

  it('loads a snapshot and returns its highest seq; ack applies the answer', async () => {
    const store = useAlertsStore();
    const a = alertFixture({ seq: 41 });
    const b = alertFixture({ seq: 42 });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, [b, a]))
      .mockResolvedValueOnce(jsonResponse(200, { ...a, seq: 43, status: 'acknowledged' }));
    vi.stubGlobal('fetch', fetchMock);

    expect(await store.load({ limit: 50 })).toBe(42);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/alerts?limit=50');
    await store.ack(a.id);
    expect(fetchMock.mock.calls[1]![0]).toBe(`/api/alerts/${a.id}/ack`);
    expect(store.items.find((x) => x.id === a.id)!.status).toBe('acknowledged');
    vi.unstubAllGlobals();
  });
});
