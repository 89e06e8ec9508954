// Reports as the API answers them, for the specs of /reports.
import type { DailyReport, OrderCounts, Rate, Rates, RankingReport, UnitFigures, WeeklyReport } from '@jointduty/shared';

export const rate = (numerator: number, denominator: number): Rate => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

const NO_COUNTS: OrderCounts = {
  received: 0,
  signDecided: 0,
  signOnTime: 0,
  firstCheckDecided: 0,
  firstCheckOnTime: 0,
  dueDecided: 0,
  dueOnTime: 0,
  replied: 0,
  untrue: 0,
  followedUp: 0,
  satisfied: 0,
  resolved: 0,
  overdue: 0,
  open: 0,
};

export function rates(over: Partial<Rates> = {}): Rates {
  return {
    sign: rate(0, 0),
    firstCheck: rate(0, 0),
    onTime: rate(0, 0),
    satisfaction: rate(0, 0),
    resolution: rate(0, 0),
    untrue: rate(0, 0),
    ...over,
  };
}

function unit(id: string, name: string, orders: number, r: Partial<Rates>, score: number | null, rank: number | null): UnitFigures {
  return { departmentId: id, departmentName: name, orders, counts: { ...NO_COUNTS, received: orders }, rates: rates(r), score, rank };
}

export function rankingFixture(over: Partial<RankingReport> = {}): RankingReport {
  return {
    kind: 'ranking',
    period: {
      kind: 'month',
      key: '2026-11',
      from: '2026-11-01',
      to: '2026-11-30',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
      label: '2026年11月',
    },
    generatedAt: '2026-12-05T02:00:00.000Z',
    summary: '11月全市共受理工单 40 件，按时办结率 80.0%。',
    city: {
      orders: 40,
      counts: { ...NO_COUNTS, received: 40 },
      rates: rates({ onTime: rate(32, 40), satisfaction: rate(27, 30) }),
      score: 84.2,
    },
    units: [
      unit('market', '市场监管局', 22, { onTime: rate(21, 22), sign: rate(22, 22), satisfaction: rate(18, 19) }, 93.5, 1),
      unit('city', '城市管理局', 18, { onTime: rate(11, 18), sign: rate(17, 18), satisfaction: rate(9, 11) }, 71.25, 2),
      unit('water', '水务局', 0, {}, null, null),
    ],
    callIns: [
      {
        departmentId: 'city',
        departmentName: '城市管理局',
        on: ['onTime'],
        months: [
          { month: '2026-09', onTime: 0.5, cityOnTime: 0.7, satisfaction: 0.9, citySatisfaction: 0.85 },
          { month: '2026-10', onTime: 0.6, cityOnTime: 0.75, satisfaction: 0.9, citySatisfaction: 0.88 },
          { month: '2026-11', onTime: 11 / 18, cityOnTime: 0.8, satisfaction: 9 / 11, citySatisfaction: 0.9 },
        ],
      },
    ],
    trend: [
      { key: '2026-10', label: '2026年10月', orders: 30, rates: rates({ onTime: rate(22, 30), satisfaction: rate(20, 24) }) },
      { key: '2026-11', label: '2026年11月', orders: 40, rates: rates({ onTime: rate(32, 40), satisfaction: rate(27, 30) }) },
    ],
    categories: [
      { key: '市场监管', label: '市场监管', count: 22 },
      { key: '城市管理', label: '城市管理', count: 18 },
    ],
    weights: { onTime: 0.4, satisfaction: 0.3, sign: 0.1, firstCheck: 0.1, resolution: 0.1 },
    ...over,
  };
}

export function weeklyFixture(over: Partial<WeeklyReport> = {}): WeeklyReport {
  return {
    kind: 'weekly',
    period: {
      kind: 'week',
      key: '2026-W49',
      from: '2026-11-30',
      to: '2026-12-06',
      start: '2026-11-29T16:00:00.000Z',
      end: '2026-12-06T16:00:00.000Z',
      label: '2026年第49周（11月30日—12月6日）',
    },
    generatedAt: '2026-12-05T02:00:00.000Z',
    summary: '本周到期工单 5 件，超期 1 件。',
    totals: { due: 5, overdue: 1, onTimeRate: rate(4, 5) },
    units: [
      { departmentId: 'market', departmentName: '市场监管局', due: 3, overdue: 0, onTimeRate: rate(3, 3) },
      { departmentId: 'city', departmentName: '城市管理局', due: 2, overdue: 1, onTimeRate: rate(1, 2) },
    ],
    orders: [
      {
        id: 'o1',
        channel: '12345',
        externalId: 'QD20261201001',
        title: '南京路井盖缺失',
        departmentId: 'city',
        departmentName: '城市管理局',
        district: '市南区',
        category: '城市管理>市政设施',
        createdAt: '2026-11-20T02:00:00.000Z',
        missed: ['due'],
        firstCheckBy: null,
        dueBy: '2026-12-02T15:59:59.000Z',
        status: 'signed',
        doneAt: null,
      },
    ],
    truncated: false,
    ...over,
  };
}

export function dailyFixture(over: Partial<DailyReport> = {}): DailyReport {
  return {
    kind: 'daily',
    period: {
      kind: 'day',
      key: '2026-12-05',
      from: '2026-12-05',
      to: '2026-12-05',
      start: '2026-12-04T16:00:00.000Z',
      end: '2026-12-05T16:00:00.000Z',
      label: '2026年12月5日',
    },
    generatedAt: '2026-12-05T10:00:00.000Z',
    summary: '12月5日共接收来件 3 件。',
    intake: {
      total: 3,
      byChannel: [
        { key: '12345', label: '12345', count: 2 },
        { key: '110', label: '110', count: 1 },
      ],
      byDistrict: [{ key: '市南区', label: '市南区', count: 3 }],
      byCategory: [{ key: '市场监管>计量监管', label: '市场监管>计量监管', count: 2 }],
    },
    alerts: {
      total: 1,
      bySeverity: { general: 0, urgent: 1, major: 0 },
      byStatus: { open: 0, acknowledged: 1, dispatched: 0, resolved: 0 },
      notable: [
        {
          id: 'a1',
          severity: 'urgent',
          status: 'acknowledged',
          title: '中山路群体性投诉',
          district: '市南区',
          createdAt: '2026-12-05T03:00:00.000Z',
          resolvedAt: null,
        },
      ],
    },
    dispatches: {
      total: 1,
      ackMinutes: { median: 4, mean: 4.5, count: 1 },
      onsiteMinutes: { median: null, mean: null, count: 0 },
      list: [],
    },
    orders: { received: 2, due: 1, overdue: 1, replied: 0, closed: 0, rates: rates({ sign: rate(2, 2) }) },
    instructions: [],
    handovers: [],
    infoReports: [],
    ...over,
  };
}
