import { randomUUID } from 'node:crypto';
import type { EventRecord, Incident, SessionUser } from '@jointduty/shared';
import type { AlertsService, RuleMatch } from '../../alerts/alerts.service';
import type { CorrelationLease } from '../../infra/cluster/lease.service';
import type { CorrelationTurns } from '../pipeline/turns';
import type { SilencesService } from '../../alerts/silences.service';
import type { AuditService } from '../../audit/audit.service';
import { loadConfig } from '../../config/config.loader';
import type { IncidentsRepository } from '../../incidents/incidents.repository';
import type { EventBus } from '../../infra/bus/bus';
import type { Db, Queryable } from '../../infra/database/db';
import type { MetricsService } from '../../metrics/metrics.service';
import { ProfilesService } from '../../profiles/profiles.service';
import type { EventState } from '../engine/correlator';
import { EventMovesService } from './event-moves.service';
import type { EventsRepository } from '../../events/events.repository';
import { UnderstandingService } from '../understanding.service';

// The move on the real brain (enrichment, correlator, rules) with the database faked in memory:
// what the correlator holds after a move, what the rules are asked, and what happens when a
// record joins the source while the move reads it.

const config = loadConfig({ env: {} });
const user: SessionUser = { username: 'duty', role: 'duty' };
const HOUR = 3_600_000;
const start = Date.parse('2026-11-23T10:00:00+08:00');
let n = 0;

function complaint(merchant: string, person: number): Incident {
  const at = new Date(start + ++n * 60_000).toISOString();
  return {
    id: randomUUID(),
    channel: '12315',
    externalId: `T-${n}`,
    occurredAt: at,
    receivedAt: at,
    kind: '投诉',
    title: `${merchant}预订的宴席临时取消，定金不退`,
    content: `${merchant}预订的宴席临时取消，定金不退，要求处理。`,
    address: null,
    district: '市南区',
    location: null,
    category: '市场监管>消费维权',
    department: '市场监管局',
    eventId: null,
    flags: [],
    reporter: { name: `顾客${person}`, phone: `1370000${String(person).padStart(4, '0')}` },
    merchant: { name: merchant, uscc: null, address: null },
    dueAt: null,
    facts: {},
    joinReason: null,
  };
}

function setup() {
  const stored = new Map<string, Incident>();
  const events = new Map<string, EventState>();
  const profiles = new ProfilesService(config, {} as Db, {} as AuditService);
  const understanding = new UnderstandingService(config, {} as EventsRepository, {} as IncidentsRepository, profiles, {
    inc: () => undefined,
  } as unknown as MetricsService);
  const rowsOf = (eventId: string) =>
    [...stored.values()].filter((i) => i.eventId === eventId).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  // a record stored later than the move read its event (see the race test)
  let stale: Incident[] | null = null;
  // the database refuses the move's first write (the transaction rolls back)
  let failWrite = false;
  let reads = 0;
  const incidents = {
    get: async (id: string) => (stored.has(id) ? { incident: structuredClone(stored.get(id)!), raw: {} } : null),
    countByEvent: async (_tx: Queryable, eventId: string) => (stale ?? rowsOf(eventId)).length,
    fullByEvent: async (_tx: Queryable, eventId: string) => {
      reads++;
      const rows = stale ?? rowsOf(eventId);
      stale = null;
      return rows.map((i) => structuredClone(i));
    },
    summaryIn: async (_tx: Queryable, id: string) => structuredClone(stored.get(id) ?? null),
    link: async (_tx: Queryable, links: Array<{ id: string; eventId: string; joinReason: string | null }>) => {
      if (failWrite) throw new Error('disk full');
      for (const l of links) Object.assign(stored.get(l.id)!, { eventId: l.eventId, joinReason: l.joinReason });
    },
  };
  const eventsRepo = {
    get: async (id: string): Promise<EventRecord | null> => {
      const e = events.get(id);
      if (!e) return null;
      const iso = (t: number) => new Date(t).toISOString();
      return { ...e, firstAt: iso(e.firstAt), lastAt: iso(e.lastAt), createdAt: iso(e.createdAt), updatedAt: iso(e.createdAt) };
    },
    save: async (_tx: Queryable, states: EventState[]) => {
      for (const s of states) events.set(s.id, structuredClone(s));
    },
  };
  const applied: Array<{ eventId: string; count: number; matches: string[] }> = [];
  const alerts = {
    applyEvent: async (e: EventState, _i: Incident, matches: RuleMatch[]) => {
      applied.push({ eventId: e.id, count: e.incidentCount, matches: matches.map((m) => m.rule) });
      return [];
    },
  };
  const audit = { record: jest.fn(async () => undefined) };
  const bus = { publish: jest.fn() };
  const db = { transaction: <T>(fn: (tx: Queryable) => Promise<T>) => fn({} as Queryable) };
  const warmUp = jest.spyOn(understanding, 'warmUp').mockResolvedValue(undefined);
  const moves = new EventMovesService(
    config,
    db as unknown as Db,
    incidents as unknown as IncidentsRepository,
    eventsRepo as unknown as EventsRepository,
    understanding,
    alerts as unknown as AlertsService,
    // this process holds correlation: moves run in turn with its batches
    {
      held: true,
      bump: async () => 1,
      changed: () => undefined,
    } as unknown as CorrelationLease,
    { changeEvents: <T>(job: () => Promise<T>) => job() } as unknown as CorrelationTurns,
    profiles,
    { mutes: () => false } as unknown as SilencesService,
    audit as unknown as AuditService,
    bus as unknown as EventBus,
  );

  // intake: enrich, correlate, store the incidents and their events
  const take = (list: Incident[]) => {
    const { states } = understanding.brain.take(list.map((incident) => ({ incident, raw: '', analysis: understanding.enrich(incident) })));
    for (const i of list) stored.set(i.id, i);
    for (const s of states) events.set(s.id, structuredClone(s));
    return list;
  };
  return {
    moves,
    understanding,
    take,
    stored,
    events,
    applied,
    audit,
    bus,
    warmUp,
    readStale: (rows: Incident[]) => (stale = rows),
    failWrites: () => (failWrite = true),
    reads: () => reads,
  };
}

describe('EventMovesService', () => {
  it('moves an incident: the source forgets its merchant, the target learns it, and later records follow', async () => {
    const t = setup();
    const group = t.take([1, 2, 3, 4].map((p) => complaint('海韵渔家大排档', p)));
    const [stray] = t.take([complaint('海韵鱼家大牌档', 5)]);
    const groupEvent = group[0]!.eventId!;
    const strayEvent = stray!.eventId!;
    expect(strayEvent).not.toBe(groupEvent);

    const res = await t.moves.move(stray!.id, groupEvent, user);
    expect(res).toMatchObject({
      from: { id: strayEvent, incidentCount: 0, channels: [] },
      to: { id: groupEvent, incidentCount: 5 },
      created: false,
    });
    expect(t.understanding.event(groupEvent)).toMatchObject({ incidentCount: 5, lastAt: Date.parse(stray!.occurredAt) });
    expect(t.understanding.event(strayEvent)).toMatchObject({ incidentCount: 0, keys: [], complainants: [] });
    // what the database keeps (and a restart restores) is what the correlator holds
    expect(t.events.get(groupEvent)).toEqual(t.understanding.event(groupEvent));
    expect(t.events.get(strayEvent)).toEqual(t.understanding.event(strayEvent));
    expect(t.stored.get(stray!.id)).toMatchObject({ eventId: groupEvent, joinReason: 'moved by duty' });

    // the fifth complainant completes the group complaint; the source's alerts follow its count
    expect(t.applied).toEqual([
      { eventId: groupEvent, count: 5, matches: ['group-complaint'] },
      { eventId: strayEvent, count: 0, matches: [] },
    ]);
    expect(t.bus.publish).toHaveBeenCalledWith('incident.updated', expect.objectContaining({ id: stray!.id, eventId: groupEvent }));
    expect(t.audit.record).toHaveBeenCalledWith(
      'duty',
      'incident.move',
      'incident',
      stray!.id,
      expect.objectContaining({
        before: { eventId: strayEvent, joinReason: null },
        after: { eventId: groupEvent, joinReason: 'moved by duty' },
      }),
      expect.anything(),
    );

    // a later complaint with the misspelt name joins the event it was moved to, not the emptied one
    const [later] = t.take([complaint('海韵鱼家大牌档', 6)]);
    expect(later!.eventId).toBe(groupEvent);
  });

  it('splits an incident into an event of its own, rebuilding the source from what is left', async () => {
    const t = setup();
    const list = t.take([1, 2, 3].map((p) => complaint('浪潮健身(李村店)', p)));
    const source = list[0]!.eventId!;
    const res = await t.moves.move(list[2]!.id, null, user);
    expect(res.created).toBe(true);
    expect(res.to.incidentCount).toBe(1);
    const before = t.understanding.event(source)!;
    expect(before).toMatchObject({ incidentCount: 2, lastAt: Date.parse(list[1]!.occurredAt) });
    expect(before.complainants).toHaveLength(2);
    expect(t.stored.get(list[2]!.id)).toMatchObject({ eventId: res.to.id, joinReason: null });
    // the split one defines its own event; a new record about the same merchant still finds one of them
    expect(t.understanding.event(res.to.id)).toMatchObject({ incidentCount: 1, title: list[2]!.title });
  });

  it('refuses the same event, unknown ones, and splitting an incident alone in its event', async () => {
    const t = setup();
    const [a] = t.take([complaint('青岛湾海鲜楼', 1)]);
    await expect(t.moves.move(a!.id, a!.eventId, user)).rejects.toMatchObject({ code: 'event.move_same_event', status: 409 });
    await expect(t.moves.move(a!.id, null, user)).rejects.toMatchObject({ code: 'event.move_already_alone', status: 409 });
    await expect(t.moves.move(a!.id, randomUUID(), user)).rejects.toMatchObject({ code: 'event.not_found', status: 404 });
    await expect(t.moves.move(randomUUID(), a!.eventId, user)).rejects.toMatchObject({ code: 'incident.not_found', status: 404 });
    expect(t.audit.record).not.toHaveBeenCalled();
  });

  it('reads the source again when a record joined it while the move read it', async () => {
    const t = setup();
    const list = t.take([1, 2, 3].map((p) => complaint('金沙滩扎啤屋', p)));
    const [other] = t.take([complaint('栈桥烧烤', 9)]);
    // the first read misses the third complaint (stored, not yet visible)
    t.readStale(list.slice(0, 2).map((i) => structuredClone(i)));
    await t.moves.move(list[0]!.id, other!.eventId, user);
    expect(t.reads()).toBe(2);
    // the move went through on the second read: the third complaint is still counted
    expect(t.understanding.event(list[1]!.eventId!)!.incidentCount).toBe(2);
    expect(t.understanding.event(other!.eventId!)!.incidentCount).toBe(2);
  });

  it('puts the memory back from the database when the transaction fails', async () => {
    const t = setup();
    const [a, b] = t.take([complaint('台东步行街奶茶店', 1), complaint('辽宁路洗车行', 2)]);
    t.failWrites();
    await expect(t.moves.move(a!.id, b!.eventId, user)).rejects.toThrow('disk full');
    expect(t.warmUp).toHaveBeenCalledTimes(1);
    expect(t.stored.get(a!.id)!.eventId).toBe(a!.eventId);
  });

  it('keeps old events out of the correlator: they are rebuilt from their incidents instead', async () => {
    const t = setup();
    const [old] = t.take([complaint('八大关民宿', 1)]);
    const oldEvent = old!.eventId!;
    // the correlator forgets it (a restart long after), the database still holds it
    t.understanding.brain.correlator.clear();
    const [fresh] = t.take([{ ...complaint('崂山茶社', 2), occurredAt: new Date(start + 100 * HOUR).toISOString() }]);
    await t.moves.move(fresh!.id, oldEvent, user);
    expect(t.understanding.event(oldEvent)).toBeUndefined();
    expect(t.events.get(oldEvent)).toMatchObject({ incidentCount: 2 });
  });
});
