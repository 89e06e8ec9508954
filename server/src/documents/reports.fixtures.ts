import type { DailyReport, InfoReportDetail, OrderCounts, Period, RankingReport, Rate, Rates, WeeklyReport } from '@jointduty/shared';

// Hand-made reports of each kind for the documents' specs: every table filled, figures that can
// be told apart, and markup and control characters where people's text goes.

/** Text that would break XML if written raw: a tag, an entity, a WordprocessingML tag, a CDATA end, control characters, a lone surrogate. */
export const MARKUP = '<script>alert("x")</script> & <w:p> ]]> \u0001\u0008\u000B\uD800 end';
/** What MARKUP must read as in the file: the same, less what XML 1.0 cannot carry. */
export const MARKUP_AS_TEXT = '<script>alert("x")</script> & <w:p> ]]>  end';

const rate = (numerator: number, denominator: number): Rate => ({
  value: denominator ? numerator / denominator : null,
  numerator,
  denominator,
});

export function rates(seed: number): Rates {
  return {
    sign: rate(90 + seed, 100),
    firstCheck: rate(80 + seed, 100),
    onTime: rate(70 + seed, 100),
    satisfaction: rate(60 + seed, 100),
    resolution: rate(50 + seed, 100),
    untrue: rate(0, 0),
  };
}

const counts = (n: number): OrderCounts => ({
  received: n,
  signDecided: n,
  signOnTime: n - 1,
  firstCheckDecided: n,
  firstCheckOnTime: n - 2,
  dueDecided: n,
  dueOnTime: n - 3,
  replied: n - 3,
  untrue: 0,
  followedUp: n - 4,
  satisfied: n - 5,
  resolved: n - 5,
  overdue: 3,
  open: 3,
});

const period = (p: Partial<Period> & Pick<Period, 'kind' | 'key' | 'label'>): Period => ({
  from: '2026-12-05',
  to: '2026-12-05',
  start: '2026-12-04T16:00:00.000Z',
  end: '2026-12-05T16:00:00.000Z',
  ...p,
});

export function dailyReport(): DailyReport {
  return {
    kind: 'daily',
    period: period({ kind: 'day', key: '2026-12-05', label: '2026年12月5日' }),
    generatedAt: '2026-12-05T12:30:00.000Z',
    summary: `12月5日共受理来件 57 件，预警 4 起。${MARKUP}`,
    intake: {
      total: 57,
      byChannel: [
        { key: '12345', label: '12345', count: 30 },
        { key: '110', label: '110', count: 20 },
        { key: 'sentiment', label: 'sentiment', count: 7 },
      ],
      byDistrict: [
        { key: '市南区', label: '市南区', count: 33 },
        { key: '崂山区', label: '崂山区', count: 24 },
      ],
      byCategory: [{ key: '市场监管', label: '市场监管', count: 41 }],
    },
    alerts: {
      total: 4,
      bySeverity: { general: 2, urgent: 1, major: 1 },
      byStatus: { open: 1, acknowledged: 1, dispatched: 1, resolved: 1 },
      notable: [
        {
          id: 'a1',
          severity: 'major',
          status: 'resolved',
          title: `台东步行街踩踏 ${MARKUP}`,
          district: '市北区',
          createdAt: '2026-12-05T02:15:00.000Z',
          resolvedAt: '2026-12-05T04:00:00.000Z',
        },
        {
          id: 'a2',
          severity: 'urgent',
          status: 'open',
          title: '商户关门跑路 报警人13812345678',
          district: null,
          createdAt: '2026-12-05T06:00:00.000Z',
          resolvedAt: null,
        },
      ],
    },
    dispatches: {
      total: 2,
      ackMinutes: { median: 3.5, mean: 4.25, count: 2 },
      onsiteMinutes: { median: 18, mean: 18, count: 1 },
      list: [
        {
          id: 'd1',
          alertId: 'a1',
          teamId: 't1',
          teamName: '市北区巡防一队',
          status: 'onsite',
          createdAt: '2026-12-05T02:20:00.000Z',
          ackMinutes: 3,
          onsiteMinutes: 18,
        },
        {
          id: 'd2',
          alertId: 'a2',
          teamId: 't2',
          teamName: '市场监管执法队',
          status: 'acknowledged',
          createdAt: '2026-12-05T06:05:00.000Z',
          ackMinutes: 5.5,
          onsiteMinutes: null,
        },
      ],
    },
    orders: { received: 38, due: 12, overdue: 2, replied: 9, closed: 7, rates: rates(5) },
    instructions: [
      {
        eventId: 'e1',
        eventTitle: '台东步行街踩踏',
        actorName: '王局长',
        text: `请市北区立即疏导人群。${MARKUP}`,
        createdAt: '2026-12-05T02:30:00.000Z',
      },
    ],
    handovers: [
      {
        id: 'h1',
        shiftKey: '2026-12-04 20:00-08:00',
        status: 'accepted',
        fromUser: 'duty',
        fromName: '李值班',
        handedAt: '2026-12-04T23:55:00.000Z',
        toUser: 'duty2',
        toName: '赵值班',
        acceptedAt: '2026-12-05T00:02:00.000Z',
      },
    ],
    infoReports: [{ id: 'i1', title: '台东步行街踩踏', status: 'open', lateSteps: ['initial'] }],
  };
}

export function weeklyReport(): WeeklyReport {
  return {
    kind: 'weekly',
    period: period({
      kind: 'week',
      key: '2026-W49',
      label: '2026年第49周 (11月30日—12月6日)',
      from: '2026-11-30',
      to: '2026-12-06',
      start: '2026-11-29T16:00:00.000Z',
      end: '2026-12-06T16:00:00.000Z',
    }),
    generatedAt: '2026-12-07T01:00:00.000Z',
    summary: `第49周应办结工单 40 件，超期 3 件。${MARKUP}`,
    totals: { due: 40, overdue: 3, onTimeRate: rate(37, 40) },
    units: [
      { departmentId: 'market-shinan', departmentName: '市南区市场监管局', due: 25, overdue: 1, onTimeRate: rate(24, 25) },
      { departmentId: 'city', departmentName: '城市管理局', due: 15, overdue: 2, onTimeRate: rate(13, 15) },
    ],
    orders: [
      {
        id: 'o1',
        channel: '12345',
        externalId: 'GD20261201001',
        title: `噪音扰民 ${MARKUP}`,
        departmentId: 'city',
        departmentName: '城市管理局',
        district: '市南区',
        category: '城市管理>噪音',
        createdAt: '2026-12-01T01:00:00.000Z',
        missed: ['firstCheck', 'due'],
        firstCheckBy: '2026-12-02T15:59:59.999Z',
        dueBy: '2026-12-03T15:59:59.999Z',
        status: 'signed',
        doneAt: null,
      },
    ],
    truncated: true,
  };
}

export function rankingReport(): RankingReport {
  const unit = (id: string, name: string, seed: number, rank: number | null) => ({
    departmentId: id,
    departmentName: name,
    orders: 100 + seed,
    counts: counts(100 + seed),
    rates: rates(seed),
    score: rank === null ? null : 80 + seed / 2,
    rank,
  });
  return {
    kind: 'ranking',
    period: period({
      kind: 'month',
      key: '2026-11',
      label: '2026年11月',
      from: '2026-11-01',
      to: '2026-11-30',
      start: '2026-10-31T16:00:00.000Z',
      end: '2026-11-30T16:00:00.000Z',
    }),
    generatedAt: '2026-12-01T01:00:00.000Z',
    summary: `11月全市受理工单 312 件，按时办结率 73.0%。${MARKUP}`,
    city: { orders: 312, counts: counts(312), rates: rates(3), score: 81.5 },
    units: [unit('market', '市场监管局', 8, 1), unit('city', '城市管理局', 1, 2), unit('tour', `文旅局 ${MARKUP}`, 0, null)],
    callIns: [
      {
        departmentId: 'city',
        departmentName: '城市管理局',
        on: ['onTime'],
        months: [
          { month: '2026-09', onTime: 0.6, cityOnTime: 0.7, satisfaction: 0.9, citySatisfaction: 0.8 },
          { month: '2026-10', onTime: 0.65, cityOnTime: 0.72, satisfaction: 0.91, citySatisfaction: 0.8 },
          { month: '2026-11', onTime: 0.71, cityOnTime: 0.73, satisfaction: null, citySatisfaction: 0.81 },
        ],
      },
    ],
    trend: [{ key: '2026-11', label: '2026年11月', orders: 312, rates: rates(3) }],
    categories: [
      { key: '市场监管', label: '市场监管', count: 200 },
      { key: '城市管理', label: '城市管理', count: 112 },
    ],
    weights: { onTime: 40, satisfaction: 30, sign: 10, firstCheck: 10, resolution: 10 },
  };
}

export function infoReportDetail(): InfoReportDetail {
  return {
    id: 'ir1',
    alertId: 'a1',
    eventId: 'e1',
    title: '台东步行街踩踏',
    severity: 'major',
    district: '市北区',
    status: 'open',
    openedAt: '2026-12-05T02:15:00.000Z',
    resolvedAt: null,
    closedAt: null,
    next: { step: 'update', dueAt: '2026-12-05T06:50:00.000Z', late: false },
    submissions: 2,
    lateSteps: ['initial'],
    draft: { step: 'update', text: '续报草稿：现场秩序已恢复。' },
    facts: {
      what: '台东步行街人群拥挤发生踩踏',
      when: '2026-12-05T02:10:00.000Z',
      where: '市北区台东三路',
      channels: [
        { channel: '110', count: 5 },
        { channel: 'sentiment', count: 2 },
      ],
      casualties: '轻伤 3 人',
      amounts: null,
      dispatches: [
        {
          teamName: '市北区巡防一队',
          status: 'onsite',
          createdAt: '2026-12-05T02:20:00.000Z',
          steps: [
            { step: 'ack', at: '2026-12-05T02:23:00.000Z' },
            { step: 'onsite', at: '2026-12-05T02:38:00.000Z' },
          ],
        },
      ],
      instructions: [{ actorName: '王局长', text: `全力救治伤员。${MARKUP}`, createdAt: '2026-12-05T02:30:00.000Z' }],
    },
    history: [
      {
        id: 's1',
        step: 'initial',
        number: 1,
        text: `12月5日10时10分，台东步行街发生踩踏。\n现场已派巡防一队。${MARKUP}`,
        submittedBy: 'duty',
        submittedByName: '李值班',
        submittedAt: '2026-12-05T02:50:00.000Z',
        dueAt: '2026-12-05T02:45:00.000Z',
        late: true,
      },
      {
        id: 's2',
        step: 'update',
        number: 1,
        text: '伤员 3 人已送医。',
        submittedBy: 'duty',
        submittedByName: '李值班',
        submittedAt: '2026-12-05T04:40:00.000Z',
        dueAt: '2026-12-05T04:50:00.000Z',
        late: false,
      },
    ],
  };
}
