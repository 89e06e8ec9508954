import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '@jointduty/shared';
import { AlertsRepository } from '../alerts/alerts.repository';
import { AlertsService } from '../alerts/alerts.service';
import type { AppConfig } from '../config/config.schema';
import { createDataSource } from '../infra/database/data-source';
import { Db } from '../infra/database/db';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';

// The dispatch list on a real SQLite database: what it answers (order, fields, each team seeing
// only its own progress, places masked), and that it reads its alerts in one query however many
// dispatches it lists.
const T0 = Date.parse('2026-07-20T12:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

const config = {
  teams: [
    { id: 'shinan-1', name: '市南一队', district: '市南区', department: '公安' },
    { id: 'huangdao-1', name: '黄岛一队', district: '黄岛区', department: '公安' },
  ],
  accounts: [
    { username: 'duty', role: 'duty', displayName: '值班员' },
    { username: 'field-shinan', role: 'field', teamId: 'shinan-1', displayName: '市南外勤' },
  ],
} as unknown as AppConfig;

const duty: SessionUser = { username: 'duty', role: 'duty' } as SessionUser;
const shinan: SessionUser = { username: 'field-shinan', role: 'field', teamId: 'shinan-1' } as SessionUser;

describe('DispatchService.list', () => {
  let dir: string;
  let ds: DataSource;
  let db: Db;
  let service: DispatchService;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jointduty-dispatch-'));
    ds = createDataSource({ databaseUrl: null, dataDir: dir });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    db = new Db(ds);
    // only the reads are exercised: what writes and publishes is not needed
    const alerts = new AlertsService(db, new AlertsRepository(db, {} as never), {} as never, {} as never, {} as never, {} as never);
    service = new DispatchService(config, db, new DispatchRepository(db), alerts, {} as never, {} as never);
  });
  afterEach(async () => {
    await ds.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function event(id: string, place: string | null) {
    await db.execute(
      `INSERT INTO events (id, title, channels, incident_count, first_at, last_at, created_at, updated_at, place)
       VALUES (?, 't', '110', 1, ?, ?, ?, ?, ?)`,
      [id, T0, T0, T0, T0, place],
    );
  }
  async function alert(id: string, eventId: string, seq: number) {
    await db.execute(
      `INSERT INTO alerts (id, seq, event_id, rule, severity, title, summary, channels, district, category, incident_count, status, simulated, created_at, updated_at)
       VALUES (?, ?, ?, 'crowd', 'major', '群体性事件', '码头滞留', '110,12345', '市南区', '群体性事件', 2, 'dispatched', ?, ?, ?)`,
      [id, seq, eventId, false, T0, T0 + seq],
    );
  }
  async function dispatch(id: string, alertId: string, teamId: string, min: number, acked?: number) {
    await db.execute(
      `INSERT INTO dispatches (id, alert_id, team_id, status, note, dispatched_by, created_at, acked_at) VALUES (?, ?, ?, ?, ?, 'duty', ?, ?)`,
      [
        id,
        alertId,
        teamId,
        acked === undefined ? 'dispatched' : 'acknowledged',
        '请立即到场',
        T0 + min * 60_000,
        acked === undefined ? null : T0 + acked * 60_000,
      ],
    );
  }
  async function instruction(id: string, eventId: string, text: string, min: number) {
    await db.execute(
      `INSERT INTO event_notes (id, event_id, kind, actor, actor_name, text, created_at) VALUES (?, ?, 'instruction', 'leader', '带班领导', ?, ?)`,
      [id, eventId, text, T0 + min * 60_000],
    );
    // read marks are not instructions
    await db.execute(
      `INSERT INTO event_notes (id, event_id, kind, actor, actor_name, text, created_at) VALUES (?, ?, 'read', 'leader', '带班领导', NULL, ?)`,
      [`${id}-read`, eventId, T0 + min * 60_000],
    );
  }

  async function seed() {
    await event('e1', '市南区新疆路码头 联系人13912345678');
    await event('e2', null);
    await alert('a1', 'e1', 1);
    await alert('a2', 'e2', 2);
    await dispatch('d1', 'a1', 'shinan-1', 1, 3);
    await dispatch('d2', 'a1', 'huangdao-1', 2);
    await dispatch('d3', 'a2', 'shinan-1', 4);
    await instruction('n2', 'e1', '做好疏导', 6);
    await instruction('n1', 'e1', '立即核实', 5);
  }

  const alertOf = (id: string, eventId: string, seq: number, dispatches: unknown[]) => ({
    id,
    seq,
    eventId,
    rule: 'crowd',
    severity: 'major',
    title: '群体性事件',
    summary: '码头滞留',
    channels: ['110', '12345'],
    district: '市南区',
    category: '群体性事件',
    incidentCount: 2,
    status: 'dispatched',
    createdAt: at(0),
    updatedAt: new Date(T0 + seq).toISOString(),
    dispatches,
  });
  const progress = {
    d1: { dispatchId: 'd1', teamId: 'shinan-1', status: 'acknowledged', updatedAt: at(3) },
    d2: { dispatchId: 'd2', teamId: 'huangdao-1', status: 'dispatched', updatedAt: at(2) },
    d3: { dispatchId: 'd3', teamId: 'shinan-1', status: 'dispatched', updatedAt: at(4) },
  } as const;
  const notes = [
    { id: 'n1', eventId: 'e1', kind: 'instruction', actor: 'leader', actorName: '带班领导', text: '立即核实', createdAt: at(5) },
    { id: 'n2', eventId: 'e1', kind: 'instruction', actor: 'leader', actorName: '带班领导', text: '做好疏导', createdAt: at(6) },
  ];
  const row = (id: string, alertId: string, teamId: string, min: number, acked: number | null) => ({
    id,
    alertId,
    teamId,
    status: acked === null ? 'dispatched' : 'acknowledged',
    note: '请立即到场',
    dispatchedBy: 'duty',
    dispatchedByName: '值班员',
    createdAt: at(min),
    ackedAt: acked === null ? null : at(acked),
    contactedAt: null,
    onsiteAt: null,
    resolvedAt: null,
    resultNote: null,
  });

  it('answers the staff every dispatch, newest first, each with its alert, every team’s progress, place and 批示', async () => {
    await seed();
    expect(await service.list(duty)).toEqual([
      { ...row('d3', 'a2', 'shinan-1', 4, null), alert: alertOf('a2', 'e2', 2, [progress.d3]), place: null, instructions: [] },
      {
        ...row('d2', 'a1', 'huangdao-1', 2, null),
        alert: alertOf('a1', 'e1', 1, [progress.d1, progress.d2]),
        place: '市南区新疆路码头 联系人139****5678',
        instructions: notes,
      },
      {
        ...row('d1', 'a1', 'shinan-1', 1, 3),
        alert: alertOf('a1', 'e1', 1, [progress.d1, progress.d2]),
        place: '市南区新疆路码头 联系人139****5678',
        instructions: notes,
      },
    ]);
    expect((await service.list(duty, 'acknowledged')).map((d) => d.id)).toEqual(['d1']);
  });

  it('answers a field team its own dispatches only, with its own progress on each alert', async () => {
    await seed();
    expect(await service.list(shinan)).toEqual([
      { ...row('d3', 'a2', 'shinan-1', 4, null), alert: alertOf('a2', 'e2', 2, [progress.d3]), place: null, instructions: [] },
      {
        ...row('d1', 'a1', 'shinan-1', 1, 3),
        alert: alertOf('a1', 'e1', 1, [progress.d1]),
        place: '市南区新疆路码头 联系人139****5678',
        instructions: notes,
      },
    ]);
    // a field user without a team sees nothing
    expect(await service.list({ username: 'x', role: 'field' } as SessionUser)).toEqual([]);
  });

  it('reads its alerts in one query, and as many queries for 40 dispatches as for 2', async () => {
    const queries = async () => {
      const spy = jest.spyOn(db, 'query');
      const list = await service.list(duty);
      const sql = spy.mock.calls.map((c) => c[0]);
      spy.mockRestore();
      return { count: list.length, sql };
    };
    const add = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        await event(`e${i}`, `地点${i}`);
        await alert(`a${i}`, `e${i}`, i + 1);
        await dispatch(`d${i}`, `a${i}`, 'shinan-1', i);
      }
    };
    await add(0, 2);
    const few = await queries();
    await add(2, 40);
    const many = await queries();
    expect([few.count, many.count]).toEqual([2, 40]);
    expect(many.sql.filter((s) => /\bFROM alerts\b/i.test(s))).toHaveLength(1);
    expect(many.sql).toHaveLength(few.sql.length);
  });
});
