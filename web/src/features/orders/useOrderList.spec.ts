import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { Order, Role } from '@jointduty/shared';
import { FakeSocket } from '../../test/fakeSocket';
import type { LiveSocket } from '../../realtime/socket';
import { useConnection } from '../../realtime/useConnection';
import { matchesFilters } from './filters';
import { mergeOrder } from './merge';
import { useOrderList } from './useOrderList';
import { cityTime, endOfCityDay, orderFixture } from './testing';

const NOW = Date.parse(cityTime('2026-07-20T10:00'));

function page(orders: Order[], next?: string): Response {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (next) headers['X-Next-Cursor'] = next;
  return new Response(JSON.stringify(orders), { status: 200, headers });
}

function setup(role: Role, onReminder = vi.fn()) {
  const socket = new FakeSocket();
  const scope = effectScope();
  const list = scope.run(() => {
    const live = useConnection({ token: () => 't', onUnauthorized: () => undefined, socketFactory: () => socket as unknown as LiveSocket });
    return useOrderList(live, { role, onReminder, now: () => NOW });
  })!;
  return { socket, scope, list, onReminder };
}

const query = (fetchMock: ReturnType<typeof vi.fn>, call: number) =>
  new URL(String(fetchMock.mock.calls[call]![0]), 'http://x').searchParams;

describe('merging an order into the list', () => {
  it('replaces its row in place, unless the row is newer', () => {
    const a = orderFixture();
    const b = orderFixture();
    const signed = { ...a, status: 'signed' as const, updatedAt: cityTime('2026-07-20T09:30') };
    expect(mergeOrder([a, b], signed, false)).toEqual([signed, b]);
    expect(mergeOrder([signed, b], a, true)).toEqual([signed, b]);
  });

  it('puts an order new to the list on top when it belongs to the filters, else leaves the list alone', () => {
    const a = orderFixture();
    const fresh = orderFixture();
    expect(mergeOrder([a], fresh, true)).toEqual([fresh, a]);
    expect(mergeOrder([a], fresh, false)).toEqual([a]);
    expect(mergeOrder([a], fresh, true, 1)).toEqual([fresh]);
  });

  it('knows which orders each tab holds', () => {
    const f = { department: '', q: '' };
    const fresh = orderFixture({ status: 'new', firstCheckBy: endOfCityDay('2026-07-20') });
    expect(matchesFilters(fresh, { ...f, tab: 'new' }, NOW)).toBe(true);
    expect(matchesFilters(fresh, { ...f, tab: 'signed' }, NOW)).toBe(false);
    expect(matchesFilters(fresh, { ...f, tab: 'today' }, NOW)).toBe(true);
    expect(matchesFilters(fresh, { ...f, tab: 'overdue' }, NOW)).toBe(false);
    expect(matchesFilters({ ...fresh, overdue: { firstCheck: true, due: false } }, { ...f, tab: 'overdue' }, NOW)).toBe(true);
    expect(matchesFilters({ ...fresh, status: 'returned' }, { ...f, tab: 'returned' }, NOW)).toBe(true);
    expect(matchesFilters({ ...fresh, ledger: true }, { ...f, tab: 'ledger' }, NOW)).toBe(true);
    expect(matchesFilters(fresh, { tab: 'all', department: 'city-management', q: '' }, NOW)).toBe(false);
    const parent = (o: string, d: string) => o === d || (o === 'market-shinan' && d === 'market');
    expect(matchesFilters(fresh, { tab: 'all', department: 'market', q: '' }, NOW, parent)).toBe(true);
    expect(matchesFilters(fresh, { tab: 'all', department: '', q: fresh.externalId }, NOW)).toBe(true);
  });
});

describe('useOrderList', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a unit’s inbox: 待签收 first, more pages by the cursor, pushes merged in place or on top', async () => {
    const shown = orderFixture({ status: 'new' });
    const older = orderFixture({ status: 'new' });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(page([shown], 'c-2'))
      .mockResolvedValueOnce(page([older]));
    vi.stubGlobal('fetch', fetchMock);
    const { socket, scope, list } = setup('department');
    await vi.runAllTimersAsync();
    expect(list.tabs).toEqual(['new', 'signed', 'today', 'overdue', 'all']);
    expect(query(fetchMock, 0).get('status')).toBe('new');
    expect(list.items.value.map((o) => o.id)).toEqual([shown.id]);
    expect(list.hasMore.value).toBe(true);

    await list.loadMore();
    expect(query(fetchMock, 1).get('cursor')).toBe('c-2');
    expect(query(fetchMock, 1).get('status')).toBe('new');
    expect(list.items.value.map((o) => o.id)).toEqual([shown.id, older.id]);
    expect(list.hasMore.value).toBe(false);

    // order:update replaces the row where it is, even when it no longer fits the tab
    const signed = { ...shown, status: 'signed' as const, signedAt: cityTime('2026-07-20T09:40'), updatedAt: cityTime('2026-07-20T09:40') };
    socket.fire('order:update', signed);
    expect(list.items.value.map((o) => [o.id, o.status])).toEqual([
      [shown.id, 'signed'],
      [older.id, 'new'],
    ]);

    // a new order for this tab goes on top; one for another tab does not
    const fresh = orderFixture({ status: 'new' });
    socket.fire('order:new', fresh);
    socket.fire('order:new', orderFixture({ status: 'signed' }));
    expect(list.items.value.map((o) => o.id)).toEqual([fresh.id, shown.id, older.id]);
    scope.stop();
  });

  it('the board: a filter change reloads, a returned order joins 退回待派, a reminder is merged and told', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => page([]));
    vi.stubGlobal('fetch', fetchMock);
    const { socket, scope, list, onReminder } = setup('duty');
    await vi.runAllTimersAsync();
    expect(list.tabs[0]).toBe('today');
    expect(query(fetchMock, 0).get('due')).toBe('today');

    list.setFilters({ tab: 'returned', department: 'market' });
    await nextTick();
    await vi.runAllTimersAsync();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(query(fetchMock, 1).get('status')).toBe('returned');
    expect(query(fetchMock, 1).get('department')).toBe('market');

    const returned = orderFixture({ status: 'returned', departmentId: 'market', updatedAt: cityTime('2026-07-20T09:50') });
    socket.fire('order:update', returned);
    expect(list.items.value.map((o) => o.id)).toEqual([returned.id]);

    const reminded = { ...returned, updatedAt: cityTime('2026-07-20T09:55') };
    const reminder = {
      deadline: 'due',
      level: 'manual',
      at: cityTime('2026-07-20T09:55'),
      via: ['inbox', 'socket'],
      deadlineAt: returned.dueBy,
      by: 'duty',
      note: '请尽快办理',
    };
    socket.fire('order:reminder', { order: reminded, reminder });
    expect(list.items.value[0]!.updatedAt).toBe(reminded.updatedAt);
    expect(onReminder).toHaveBeenCalledWith({ order: reminded, reminder });
    scope.stop();
  });

  it('reads the list again after a reconnect (order events are not replayed)', async () => {
    const fetchMock = vi.fn().mockImplementation(async () => page([]));
    vi.stubGlobal('fetch', fetchMock);
    const { socket, scope } = setup('department');
    await vi.runAllTimersAsync();
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    socket.fire('connect');
    await vi.runAllTimersAsync();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    scope.stop();
  });
});
