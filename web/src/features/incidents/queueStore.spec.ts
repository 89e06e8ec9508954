import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { incidentFixture, jsonResponse } from '../../test/fixtures';
import { emptyFilters, PAGE_SIZE, PENDING_CAP, toIncidentFilters, useIncidentQueueStore } from './queueStore';

const urlOf = (call: unknown[]) => new URL(String(call[0]), 'http://x');

describe('the incident queue store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('turns the officer’s choices into the API’s filters, a relative range counted back from now', () => {
    const now = Date.parse('2026-07-20T12:00:00Z');
    expect(toIncidentFilters(emptyFilters(), now)).toEqual({});
    expect(
      toIncidentFilters({ ...emptyFilters(), channel: '110', district: '市南区', flags: ['sensitive'], range: '6h', q: '  海鲜  ' }, now),
    ).toEqual({ channel: '110', district: '市南区', flags: ['sensitive'], since: '2026-07-20T06:00:00.000Z', q: '海鲜' });
    expect(toIncidentFilters({ ...emptyFilters(), range: 'custom', since: '2026-07-19T00:00:00Z', until: 'not a time' }, now)).toEqual({
      since: '2026-07-19T00:00:00.000Z',
      until: undefined,
    });
  });

  it('loads the list with the filters and knows whether older pages exist', async () => {
    const page = Array.from({ length: PAGE_SIZE }, () => incidentFixture());
    const fetchMock = vi.fn().mockResolvedValue(jsonResponse(200, page));
    vi.stubGlobal('fetch', fetchMock);
    const store = useIncidentQueueStore();
    store.setFilters({ channel: '12315', category: '市场监管', flags: ['sensitive', 'repeat'] });
    await store.reload();
    const url = urlOf(fetchMock.mock.calls[0]!);
    expect(url.pathname).toBe('/api/incidents');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      channel: '12315',
      category: '市场监管',
      flag: 'sensitive,repeat',
      limit: String(PAGE_SIZE),
    });
    expect(store.items).toHaveLength(PAGE_SIZE);
    expect(store.hasMore).toBe(true);
  });

  it('loads older pages with the last row’s cursor and the same filters', async () => {
    const first = Array.from({ length: PAGE_SIZE }, () => incidentFixture({ channel: '110' }));
    const older = [incidentFixture({ channel: '110' }), first[PAGE_SIZE - 1]!];
    const fetchMock = vi.fn().mockResolvedValueOnce(jsonResponse(200, first)).mockResolvedValueOnce(jsonResponse(200, older));
    vi.stubGlobal('fetch', fetchMock);
    const store = useIncidentQueueStore();
    store.setFilters({ channel: '110' });
    await store.reload();
    // a filter changed but not applied yet: the next page still belongs to the list shown
    store.setFilters({ channel: '12345' });
    await store.loadOlder();
    const url = urlOf(fetchMock.mock.calls[1]!);
    const last = first[PAGE_SIZE - 1]!;
    expect(url.searchParams.get('before')).toBe(`${last.receivedAt}~${last.id}`);
    expect(url.searchParams.get('channel')).toBe('110');
    // the repeated row is not shown twice; a short page is the last one
    expect(store.items).toHaveLength(PAGE_SIZE + 1);
    expect(store.hasMore).toBe(false);
  });

  it('drops an older page that arrives after the filters changed', async () => {
    let answerOlder: (r: Response) => void = () => undefined;
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        jsonResponse(
          200,
          Array.from({ length: PAGE_SIZE }, () => incidentFixture()),
        ),
      )
      .mockImplementationOnce(() => new Promise<Response>((r) => (answerOlder = r)))
      .mockResolvedValueOnce(jsonResponse(200, [incidentFixture({ channel: '110' })]));
    vi.stubGlobal('fetch', fetchMock);
    const store = useIncidentQueueStore();
    await store.reload();
    const olderDone = store.loadOlder();
    store.setFilters({ channel: '110' });
    await store.reload();
    answerOlder(jsonResponse(200, [incidentFixture()]));
    await olderDone;
    expect(store.items.map((i) => i.channel)).toEqual(['110']);
  });

  it('holds pushed incidents aside only when they pass the filters of the list shown', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, [])));
    const store = useIncidentQueueStore();
    store.setFilters({ category: '市场监管', flags: ['sensitive', 'repeat'], range: '1h' });
    await store.reload();
    const now = new Date().toISOString();
    const pass = incidentFixture({ category: '市场监管>食品安全', flags: ['repeat'], receivedAt: now });
    const exact = incidentFixture({ category: '市场监管', flags: ['sensitive'], receivedAt: now });
    store.ingest([
      pass,
      exact,
      incidentFixture({ category: '市场监管局>x', flags: ['repeat'], receivedAt: now }),
      incidentFixture({ category: '市场监管>食品安全', flags: ['simulated'], receivedAt: now }),
      incidentFixture({ category: '市场监管>食品安全', flags: ['repeat'], receivedAt: '2020-01-01T00:00:00Z' }),
    ]);
    // newest first
    expect(store.pending.map((i) => i.id)).toEqual([exact.id, pass.id]);
    store.showPending();
    expect(store.items.map((i) => i.id)).toEqual([exact.id, pass.id]);
    expect(store.pending).toEqual([]);
  });

  it(`keeps at most ${PENDING_CAP} pushed incidents waiting, the newest`, async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, [])));
    const store = useIncidentQueueStore();
    await store.reload();
    const batch = Array.from({ length: PENDING_CAP + 20 }, () => incidentFixture());
    store.ingest(batch);
    expect(store.pending).toHaveLength(PENDING_CAP);
    expect(store.pending[0]!.id).toBe(batch.at(-1)!.id);
  });

  it('applies a reclassified or moved incident in place, and drops it when it no longer passes', async () => {
    const a = incidentFixture({ channel: '12345', category: '城市管理>噪音扰民' });
    const b = incidentFixture({ channel: '12345', category: '城市管理>占道经营' });
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, [a, b])));
    const store = useIncidentQueueStore();
    store.setFilters({ category: '城市管理' });
    await store.reload();
    store.applyUpdate({ ...a, category: '城市管理>市容秩序', eventId: 'e-new' });
    expect(store.items[0]).toMatchObject({ id: a.id, category: '城市管理>市容秩序', eventId: 'e-new' });
    store.applyUpdate({ ...b, category: '市场监管>食品安全' });
    expect(store.items.map((i) => i.id)).toEqual([a.id]);
    // one the list does not hold is not added by an update
    store.applyUpdate(incidentFixture({ category: '城市管理>市容秩序' }));
    expect(store.items).toHaveLength(1);
  });

  it('keeps the latest list when answers arrive out of order', async () => {
    let answerFirst: (r: Response) => void = () => undefined;
    const fresh = incidentFixture({ channel: '110' });
    const fetchMock = vi
      .fn()
      .mockImplementationOnce(() => new Promise<Response>((r) => (answerFirst = r)))
      .mockResolvedValueOnce(jsonResponse(200, [fresh]));
    vi.stubGlobal('fetch', fetchMock);
    const store = useIncidentQueueStore();
    const first = store.reload();
    store.setFilters({ channel: '110' });
    await store.reload();
    answerFirst(jsonResponse(200, [incidentFixture()]));
    await first;
    expect(store.items.map((i) => i.id)).toEqual([fresh.id]);
    expect(store.loading).toBe(false);
  });
});
