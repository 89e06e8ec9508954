import type { InfoReport, InfoReportDetail } from '@jointduty/shared';

// Information reports as the server answers them, for the specs.

let n = 0;

export function infoReportFixture(over: Partial<InfoReport> = {}): InfoReport {
  n++;
  return {
    id: `ir${n}`,
    alertId: `a${n}`,
    eventId: `e${n}`,
    title: `信息报送 ${n}`,
    severity: 'major',
    district: '市南区',
    status: 'open',
    openedAt: '2026-07-20T02:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    next: { step: 'initial', dueAt: '2026-07-20T02:30:00.000Z', late: false },
    submissions: 0,
    lateSteps: [],
    ...over,
  };
}

export function infoReportDetailFixture(over: Partial<InfoReportDetail> = {}): InfoReportDetail {
  const base = infoReportFixture(over);
  return {
    ...base,
    draft: { step: base.next?.step ?? 'initial', text: '【首报】7月20日10时许，市南区中山路发生群体性聚集…' },
    facts: {
      what: '中山路预付卡商户关门，多名消费者聚集',
      when: '2026-07-20 10:00',
      where: '市南区中山路128号',
      channels: [
        { channel: '12315', count: 12 },
        { channel: '110', count: 3 },
      ],
      casualties: null,
      amounts: '约 36 万元',
      dispatches: [
        {
          teamName: '市南区市场监管所',
          status: 'onsite',
          createdAt: '2026-07-20T02:05:00.000Z',
          steps: [{ step: 'ack', at: '2026-07-20T02:07:00.000Z' }],
        },
      ],
      instructions: [{ actorName: '王局长', text: '妥善处置，做好解释', createdAt: '2026-07-20T02:10:00.000Z' }],
    },
    history: [],
    ...over,
  };
}
