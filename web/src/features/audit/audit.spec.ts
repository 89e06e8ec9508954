import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import type { AuditEntry } from '@jointduty/shared';
import { createAppI18n } from '../../app/i18n';
import { routes } from '../../app/router';
import { jsonResponse } from '../../test/fixtures';
import AuditTable from './AuditTable.vue';
import { describeChange, formatValue } from './change';
import { AUDIT_PAGE, useAuditStore } from './store';

let n = 0;
const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `a${++n}`,
  at: new Date(Date.UTC(2026, 6, 20, 12, 0, 0) - n * 1000).toISOString(),
  actor: 'duty',
  action: 'incident.reclassify',
  targetType: 'incident',
  targetId: 'i1',
  detail: null,
  ...over,
});

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(() => vi.unstubAllGlobals());

describe('describeChange', () => {
  it('lays objects before and after side by side, field by field, marking what changed', () => {
    expect(
      describeChange({ before: { category: 'a', department: 'x' }, after: { category: 'b', department: 'x' }, eventFollowed: true }),
    ).toEqual({
      rows: [
        { field: 'category', before: 'a', after: 'b', changed: true },
        { field: 'department', before: 'x', after: 'x', changed: false },
      ],
      extra: [{ key: 'eventFollowed', value: true }],
    });
  });

  it('takes a creation (nothing before), scalars, and details without before and after', () => {
    expect(describeChange({ before: null, after: { reason: 'r' } }).rows).toEqual([
      { field: 'reason', before: undefined, after: 'r', changed: true },
    ]);
    expect(describeChange({ before: 'beer-festival', after: null, choice: null }).rows).toEqual([
      { field: null, before: 'beer-festival', after: null, changed: true },
    ]);
    expect(describeChange({ channel: '12345', externalId: 'GD-1' })).toEqual({
      rows: [],
      extra: [
        { key: 'channel', value: '12345' },
        { key: 'externalId', value: 'GD-1' },
      ],
    });
    expect(describeChange(null)).toEqual({ rows: [], extra: [] });
  });
});

describe('formatValue', () => {
  it('reads a move’s counts as before → after, flags in words, lists with 、', () => {
    expect(formatValue({ id: 'e1', incidentCount: { before: 4, after: 5 }, created: false }, ['是', '否'])).toBe(
      'id: e1, incidentCount: 4 → 5, created: 否',
    );
    expect(formatValue(['a', 'b'])).toBe('a、b');
    expect(formatValue('')).toBeNull();
  });
});

describe('AuditTable', () => {
  it('shows who did what to which record and what changed, in the reader’s words, text as text', () => {
    const wrapper = mount(AuditTable, {
      props: {
        entries: [
          entry({
            action: 'incident.reclassify',
            detail: { before: { category: '<img src=x onerror=alert(1)>' }, after: { category: '卫生健康>公共卫生' } },
          }),
          entry({
            action: 'alert.dispatch',
            targetType: 'alert',
            detail: { before: { status: 'acknowledged' }, after: { status: 'dispatched', teamIds: ['shinan-1', 'shinan-2'] } },
          }),
          entry({ action: 'something.new', targetType: 'thing' }),
        ],
      },
      global: { plugins: [createAppI18n('zh-CN')] },
    });
    const rows = wrapper.findAll('tr.entry');
    expect(rows.map((r) => r.find('.action').text())).toEqual(['来件重新分类', '派单', 'something.new']);
    expect(rows[0]!.find('.changed th').text()).toBe('分类');
    expect(rows[0]!.find('.changed .after').text()).toBe('卫生健康>公共卫生');
    expect(rows[0]!.find('.changed .before').text()).toBe('<img src=x onerror=alert(1)>');
    expect(wrapper.find('img').exists()).toBe(false);
    const teamsRow = rows[1]!.findAll('tbody tr').find((r) => r.find('th').text() === '队伍')!;
    expect(teamsRow.find('.before').text()).toBe('无');
    expect(teamsRow.find('.after').text()).toBe('shinan-1、shinan-2');
    expect(rows[2]!.find('.target').text()).toContain('thing');
  });
});

describe('the audit store', () => {
  it('sends the filters, then pages older with the last entry’s cursor and the same filters', async () => {
    const page = Array.from({ length: AUDIT_PAGE }, () => entry());
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(200, page))
      .mockResolvedValueOnce(jsonResponse(200, [entry()]));
    vi.stubGlobal('fetch', fetchMock);
    const store = useAuditStore();
    store.setFilters({ actor: ' duty ', action: 'incident.move', since: '2026-07-20T00:00:00.000Z' });
    await store.load();
    const first = new URL(String(fetchMock.mock.calls[0]![0]), 'http://x');
    expect(Object.fromEntries(first.searchParams)).toEqual({
      actor: 'duty',
      action: 'incident.move',
      since: '2026-07-20T00:00:00.000Z',
      limit: String(AUDIT_PAGE),
    });
    expect(store.hasMore).toBe(true);
    store.setFilters({ actor: 'admin' });
    await store.loadOlder();
    const older = new URL(String(fetchMock.mock.calls[1]![0]), 'http://x');
    expect(older.searchParams.get('actor')).toBe('duty');
    expect(older.searchParams.get('before')).toBe(`${page.at(-1)!.at}~${page.at(-1)!.id}`);
    expect(store.items).toHaveLength(AUDIT_PAGE + 1);
    expect(store.hasMore).toBe(false);
  });

  it('shows the server’s refusal', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValueOnce(jsonResponse(400, { error: 'until: must be later than since', code: 'request.invalid_query' })),
    );
    const store = useAuditStore();
    await store.load();
    expect(store.error).toBe('查询条件有误：until');
  });
});

describe('the /audit page', () => {
  // the router's guard keeps other roles out by these roles (router.spec.ts)
  it('is for admins only, in their navigation', () => {
    expect(routes.find((r) => r.path === '/audit')?.meta).toEqual({ roles: ['admin'], nav: 'console.auditNav' });
  });
});
