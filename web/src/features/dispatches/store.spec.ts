import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { DISPATCH_STEPS, STEP_STATUS, type Dispatch, type EventNote } from '@jointduty/shared';
import { alertFixture, dispatchFixture, jsonResponse } from '../../test/fixtures';
import { DISPATCHES_CAP, isFinished, stepsDone, useDispatchesStore } from './store';

function instruction(eventId: string, over: Partial<EventNote> = {}): EventNote {
  return {
    id: `n-${Math.random()}`,
    eventId,
    kind: 'instruction',
    actor: 'leader',
    actorName: '王局长',
    text: '立即核实',
    createdAt: '2026-07-20T12:10:00.000Z',
    ...over,
  };
}

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

  it('keeps the instructions, place and sender the list brings, and only real instructions', async () => {
    const d = dispatchFixture({ place: '新疆路码头', dispatchedByName: '值班员小李' });
    const good = instruction(d.alert.eventId);
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(jsonResponse(200, [{ ...d, instructions: [good, { id: 'x', kind: 'read' }, 'junk'] }])),
    );
    const store = useDispatchesStore();
    await store.load();
    expect(store.items[0]).toMatchObject({ place: '新疆路码头', dispatchedByName: '值班员小李', instructions: [good] });
  });

  it('answers the ids a reload brings that were not shown before (arrived while away)', async () => {
    const a = dispatchFixture();
    const b = dispatchFixture();
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(jsonResponse(200, [a]))
        .mockResolvedValueOnce(jsonResponse(200, [a, b])),
    );
    const store = useDispatchesStore();
    expect(await store.load()).toEqual([a.id]);
    expect(await store.load()).toEqual([b.id]);
  });

  it('a step answer updates the dispatch and keeps the alert, the instructions and the place it had', () => {
    const store = useDispatchesStore();
    const d = dispatchFixture({ place: '栈桥', instructions: [instruction('e')] });
    store.put([d]);
    const answer: Dispatch = {
      ...d,
      status: 'acknowledged',
      ackedAt: '2026-07-20T12:05:00.000Z',
      alert: undefined,
      instructions: undefined,
      place: undefined,
    };
    store.applyAnswer(answer);
    store.applyAnswer({ nonsense: true });
    expect(store.items[0]).toMatchObject({ status: 'acknowledged', ackedAt: answer.ackedAt, alert: d.alert, place: '栈桥' });
    expect(store.items[0]!.instructions).toHaveLength(1);
  });

  it('never moves a dispatch back: a list answer older than a step answer does not undo the step', () => {
    const store = useDispatchesStore();
    const d = dispatchFixture({ status: 'contacted', ackedAt: '2026-07-20T12:05:00.000Z', contactedAt: '2026-07-20T12:06:00.000Z' });
    store.put([d]);
    store.put([{ ...d, status: 'acknowledged', contactedAt: null, note: '更新的说明' }]);
    expect(store.items[0]).toMatchObject({ status: 'contacted', contactedAt: d.contactedAt, note: '更新的说明' });
  });

  it('a dispatch:new notice shows at once as dispatched and fresh, once, with who sent it and when', () => {
    const store = useDispatchesStore();
    const alert = alertFixture();
    const notice = {
      dispatchId: 'dn',
      alert,
      note: '速去现场',
      createdAt: '2026-07-20T12:00:00.000Z',
      dispatchedBy: 'duty',
      dispatchedByName: '值班员',
    };
    store.addNotice(notice, 'shinan-1');
    store.addNotice(notice, 'shinan-1');
    expect(store.items).toHaveLength(1);
    expect(store.items[0]).toMatchObject({
      id: 'dn',
      alertId: alert.id,
      teamId: 'shinan-1',
      status: 'dispatched',
      note: '速去现场',
      createdAt: notice.createdAt,
      dispatchedByName: '值班员',
    });
    expect(store.fresh.has('dn')).toBe(true);
    store.markSeen('dn');
    expect(store.fresh.has('dn')).toBe(false);
  });

  it('a 批示 goes to the cards of its event only, once, and marks them', () => {
    const store = useDispatchesStore();
    const mine = dispatchFixture();
    const other = dispatchFixture();
    store.put([mine, other]);
    const note = instruction(mine.alert.eventId);
    expect(store.addInstruction(note)).toEqual([mine.id]);
    expect(store.addInstruction(note)).toEqual([]);
    expect(store.addInstruction(instruction('unknown-event'))).toEqual([]);
    expect(store.addInstruction({ ...instruction(mine.alert.eventId), kind: 'read' })).toEqual([]);
    expect(store.items.find((d) => d.id === mine.id)!.instructions).toEqual([note]);
    expect(store.items.find((d) => d.id === other.id)!.instructions ?? []).toEqual([]);
    expect([...store.freshInstructions]).toEqual([mine.id]);
  });

  it('counts a dispatch as finished when the team resolved it or the duty room resolved its alert', () => {
    expect(isFinished(dispatchFixture({ status: 'resolved' }))).toBe(true);
    expect(isFinished(dispatchFixture({ status: 'onsite', alert: alertFixture({ status: 'resolved' }) }))).toBe(true);
    expect(isFinished(dispatchFixture({ status: 'onsite' }))).toBe(false);
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
