import type { DutyState, HandoverDraft, HandoverSummary, ShiftSpan } from '@jointduty/shared';

// The duty office's shift, handover and draft as the server answers them, for the specs.

export const DAY_SHIFT: ShiftSpan = {
  key: '2026-07-20 08:00-20:00',
  start: '2026-07-20T00:00:00.000Z',
  end: '2026-07-20T12:00:00.000Z',
  people: ['张伟', '李娜'],
};

export const NIGHT_SHIFT: ShiftSpan = {
  key: '2026-07-20 20:00-08:00',
  start: '2026-07-20T12:00:00.000Z',
  end: '2026-07-21T00:00:00.000Z',
  people: ['王强'],
};

export function handoverSummaryFixture(over: Partial<HandoverSummary> = {}): HandoverSummary {
  return {
    id: 'h1',
    shiftKey: DAY_SHIFT.key,
    status: 'handed',
    fromUser: 'duty',
    fromName: '张伟',
    handedAt: '2026-07-20T11:45:00.000Z',
    toUser: null,
    toName: null,
    acceptedAt: null,
    ...over,
  };
}

export function dutyStateFixture(over: Partial<DutyState> = {}): DutyState {
  return { shift: DAY_SHIFT, next: NIGHT_SHIFT, minutesToChange: 120, nudge: false, handover: null, ...over };
}

export function handoverDraftFixture(over: Partial<HandoverDraft> = {}): HandoverDraft {
  return {
    shift: DAY_SHIFT,
    next: NIGHT_SHIFT,
    generatedAt: '2026-07-20T11:40:00.000Z',
    openAlerts: [
      { id: 'a1', severity: 'major', status: 'dispatched', title: '中山路预付卡商户关门', createdAt: '2026-07-20T02:00:00.000Z' },
    ],
    activeDispatches: [{ id: 'd1', alertId: 'a1', teamName: '市南区市场监管所', status: 'onsite', createdAt: '2026-07-20T02:05:00.000Z' }],
    ordersDue: [
      {
        id: 'o1',
        externalId: 'GD20260720001',
        title: '电子秤缺斤短两',
        departmentName: '市市场监管局',
        deadline: 'due',
        dueAt: '2026-07-20T14:00:00.000Z',
      },
    ],
    infoReportsDue: [{ id: 'ir1', title: '中山路预付卡商户关门', step: 'update', dueAt: '2026-07-20T13:00:00.000Z', late: false }],
    instructions: [
      {
        id: 'n1',
        eventId: 'e1',
        eventTitle: '中山路预付卡商户关门',
        actorName: '王局长',
        text: '妥善处置，做好解释',
        createdAt: '2026-07-20T03:00:00.000Z',
      },
    ],
    ...over,
  };
}
