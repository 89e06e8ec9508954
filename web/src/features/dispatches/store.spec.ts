import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { DISPATCH_STEPS, STEP_STATUS, type Dispatch } from '@jointduty/shared';
import { alertFixture, dispatchFixture, jsonResponse } from '../../test/fixtures';
import { DISPATCHES_CAP, stepsDone, useDispatchesStore } from './store';

describe('dispatches store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.unstubAllGlobals();
  });

  it('counts steps from the shared statuses: dispatched is none taken', () => {
    expect(stepsDone('dispatched')).toBe(0);
    DISPATCH_STEPS.forEach((s, i) => expect(stepsDone(STEP_STATUS[s])).toBe(i + 1));
  });

  it('loads GET /api/dispatches newest first, dropping entries without an alert or with an unknown status', async () => {
    const older = dispatchFixture();
    const newer = dispatchFixture({ status: 'acknowledged' });
    const noAlert = dispatchFixture({ alert: undefined });
    const badStatus = { ...dispatchFixture(), status: 'pending' };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, [older, newer, noAlert, badStatus])));
    const store = useDispatchesStore();
    await store.load();
    expect(store.items.map((d) => d.id)).toEqual([newer.id, older.id]);
  });

  it('a step takes the answered dispatch and keeps the alert it already had', async () => {
    const d = dispatchFixture();
    const answer: Dispatch = { ...d, status: 'acknowledged', ackedAt: '2026-07-20T12:05:00.000Z', alert: undefined };
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, [d]))
      .mockResolvedValueOnce(jsonResponse(200, answer));
    vi.stubGlobal('fetch', fetchMock);
    const store = useDispatchesStore();
    await store.load();
    await store.step(d.id, 'ack');
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe(`/api/dispatches/${d.id}/ack`);
    expect(init.method).toBe('POST');
    expect(store.items[0]).toMatchObject({ id: d.id, status: 'acknowledged', ackedAt: answer.ackedAt, alert: d.alert });
    expect(store.busy.size).toBe(0);
  });

  it('a dispatch:new notice shows at once as dispatched, once', () => {
    const store = useDispatchesStore();
    const alert = alertFixture();
    store.addNotice({ dispatchId: 'dn', alert, note: '速去现场' }, 'shinan-1');
    store.addNotice({ dispatchId: 'dn', alert, note: '速去现场' }, 'shinan-1');
    expect(store.items).toHaveLength(1);
    expect(store.items[0]).toMatchObject({ id: 'dn', alertId: alert.id, teamId: 'shinan-1', status: 'dispatched', note: '速去现场' });
  });

  it(`caps at ${DISPATCHES_CAP}`, async () => {
    const list = Array.from({ length: DISPATCHES_CAP + 5 }, () => dispatchFixture());
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, list)));
    const store = useDispatchesStore();
    await store.load();
    expect(store.items).toHaveLength(DISPATCHES_CAP);
    expect(store.items[0]!.id).toBe(list.at(-1)!.id);
  });
});
