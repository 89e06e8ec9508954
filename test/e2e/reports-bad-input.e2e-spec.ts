// The reports' refusals (CONTRACT §8): every bad period or format is a 400 naming its parameter,
// roles outside admin, duty and leader get 403, and a period without data is an empty report.
import type { DailyReport, RankingReport, WeeklyReport } from '@jointduty/shared';
import { login, request, startServer, type TestServer } from '../support/harness';

describe('reports: bad input, roles, empty periods', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const get = <T = any>(who: string, path: string) => request<T>(server, 'GET', path, { token: tokens[who] });

  beforeAll(async () => {
    server = await startServer();
    for (const u of ['admin', 'duty', 'leader', 'dept-market', 'field-shinan']) tokens[u] = await login(server, u);
  });
  afterAll(() => server.close());

  it.each([
    ['/api/reports/daily?date=2026-02-30', 'report.invalid_period', 'date'],
    ['/api/reports/daily?date=2026-13-01', 'report.invalid_period', 'date'],
    ['/api/reports/daily?date=tomorrow', 'report.invalid_period', 'date'],
    ['/api/reports/daily?date=2026-12-05&date=2026-12-06', 'report.invalid_period', 'date'],
    ['/api/reports/weekly', 'report.invalid_period', 'week'],
    ['/api/reports/weekly?week=2026-W54', 'report.invalid_period', 'week'],
    ['/api/reports/weekly?week=2025-W53', 'report.invalid_period', 'week'],
    ['/api/reports/weekly?week=W49', 'report.invalid_period', 'week'],
    ['/api/reports/monthly', 'report.invalid_period', 'month'],
    ['/api/reports/monthly?month=2026-13', 'report.invalid_period', 'month'],
    ['/api/reports/monthly?month=2026-11-01', 'report.invalid_period', 'month'],
    ['/api/reports/monthly?quarter=2026-Q5', 'report.invalid_period', 'quarter'],
    ['/api/reports/monthly?month=2026-11&quarter=2026-Q4', 'report.invalid_period', 'quarter'],
    ['/api/reports/snapshots?date=2026-02-29', 'report.invalid_period', 'date'],
    // the bulletin over other days: at most a year, both ends, not with a week
    ['/api/reports/weekly?from=2025-10-01&to=2026-10-08', 'report.range_too_long', 'to'],
    ['/api/reports/weekly?from=2026-10-08&to=2026-10-01', 'report.invalid_period', 'to'],
    ['/api/reports/weekly?from=2026-10-01', 'report.invalid_period', 'to'],
    ['/api/reports/weekly?week=2026-W40&from=2026-10-01&to=2026-10-08', 'report.invalid_period', 'week'],
    ['/api/reports/daily?date=2026-12-05&format=pdf', 'report.unknown_format', 'format'],
    ['/api/reports/weekly?week=2026-W49&format=csv', 'report.unknown_format', 'format'],
    ['/api/reports/monthly?month=2026-11&format=xls', 'report.unknown_format', 'format'],
    // the format is checked before the period: both wrong names the format
    ['/api/reports/monthly?month=2026-13&format=html', 'report.unknown_format', 'format'],
  ])('%s → 400 %s naming %s', async (path, code, param) => {
    const r = await get('duty', path);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(code);
    expect(r.body.error).toMatch(new RegExp(`^${param}: `));
  });

  it('a snapshot that does not exist is 404', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const r = await get('duty', `/api/reports/snapshots/${id}`);
      expect(r.status).toBe(404);
      expect(r.body.code).toBe('report.not_found');
    }
  });

  it('department and field users get 403, no token 401; admin, duty and leader read', async () => {
    const paths = [
      '/api/reports/daily',
      '/api/reports/weekly?week=2026-W49',
      '/api/reports/monthly?month=2026-11',
      '/api/reports/snapshots',
    ];
    for (const path of paths) {
      for (const who of ['dept-market', 'field-shinan']) expect((await get(who, path)).status).toBe(403);
      expect((await request(server, 'GET', path)).status).toBe(401);
      for (const who of ['admin', 'duty', 'leader']) expect((await get(who, path)).status).toBe(200);
    }
  });

  it('an empty month, week and day are empty reports: zeros and nulls', async () => {
    const m = await get<RankingReport>('leader', '/api/reports/monthly?month=2025-03');
    expect(m.status).toBe(200);
    expect(m.body.kind).toBe('ranking');
    expect(m.body.period).toMatchObject({ kind: 'month', key: '2025-03', from: '2025-03-01', to: '2025-03-31' });
    expect(m.body.units).toEqual([]);
    expect(m.body.callIns).toEqual([]);
    expect(m.body.categories).toEqual([]);
    expect(m.body.city.orders).toBe(0);
    expect(m.body.city.score).toBeNull();
    for (const r of Object.values(m.body.city.rates)) expect(r).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(m.body.trend.map((t) => t.key)).toEqual(['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03']);
    expect(m.body.trend.every((t) => t.orders === 0 && t.rates.onTime.value === null)).toBe(true);
    expect(m.body.summary).toContain('2025年3月');

    const q = await get<RankingReport>('leader', '/api/reports/monthly?quarter=2025-Q1');
    expect(q.body.trend.map((t) => t.key)).toEqual(['2025-01', '2025-02', '2025-03']);

    const w = await get<WeeklyReport>('duty', '/api/reports/weekly?week=2025-W10');
    expect(w.status).toBe(200);
    expect(w.body.totals).toEqual({ due: 0, overdue: 0, onTimeRate: { value: null, numerator: 0, denominator: 0 } });
    expect(w.body.units).toEqual([]);
    expect(w.body.orders).toEqual([]);
    expect(w.body.truncated).toBe(false);

    const holiday = await get<WeeklyReport>('duty', '/api/reports/weekly?from=2025-10-01&to=2025-10-08&format=json');
    expect(holiday.status).toBe(200);
    expect(holiday.body.period).toMatchObject({ key: '2025-10-01..2025-10-08', from: '2025-10-01', to: '2025-10-08' });
    expect(holiday.body.totals.due).toBe(0);

    const d = await get<DailyReport>('admin', '/api/reports/daily?date=2025-03-05');
    expect(d.status).toBe(200);
    expect(d.body.intake).toEqual({ total: 0, byChannel: [], byDistrict: [], byCategory: [] });
    expect(d.body.alerts.total).toBe(0);
    expect(d.body.alerts.bySeverity).toEqual({ general: 0, urgent: 0, major: 0 });
    expect(d.body.dispatches).toEqual({
      total: 0,
      ackMinutes: { median: null, mean: null, count: 0 },
      onsiteMinutes: { median: null, mean: null, count: 0 },
      list: [],
    });
    expect(d.body.orders).toMatchObject({ received: 0, due: 0, overdue: 0, replied: 0, closed: 0 });
    expect(d.body.orders.rates.onTime.value).toBeNull();
    expect(d.body.instructions).toEqual([]);
    expect(d.body.handovers).toEqual([]);
    expect(d.body.infoReports).toEqual([]);
  });

  it('the daily report defaults to today, city time', async () => {
    const d = await get<DailyReport>('duty', '/api/reports/daily');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect(d.body.period.key).toBe(today);
  });
});
