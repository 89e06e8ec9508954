import { Injectable } from '@nestjs/common';
import type { Channel, Incident, IncidentFacts, IncidentFlag } from '@jointduty/shared';
import type { EventLink, NewIncident } from './incident.types';

export type { EventLink, NewIncident } from './incident.types';
import { Db, insertRows, num, numOrNull, valuesClause, whereEquals, type Param, type Queryable, type Row } from '../infra/database/db';
import { existingKeys, forUpdate, updateRows } from '../infra/database/dialect';
import { addCounts, dayCounts, minuteCounts, moveCategory, type DayCounts } from './incident-counts';

/** a record set aside from correlation (pipeline/quarantine.repository.ts) waits no more */
const NOT_QUARANTINED = `NOT EXISTS (SELECT 1 FROM correlation_quarantine q WHERE q.incident_id = incidents.id)`;

const COLUMNS = [
  'id',
  'channel',
  'external_id',
  'occurred_at',
  'received_at',
  'kind',
  'title',
  'content',
  'address',
  'district',
  'lng',
  'lat',
  'category',
  'department',
  'event_id',
  'flags',
  'reporter_name',
  'reporter_phone',
  'merchant_name',
  'merchant_uscc',
  'merchant_address',
  'due_at',
  'facts',
  'simulated',
  'raw',
  'person_key',
  'subject_key',
  'join_reason',
] as const;
// their PostgreSQL element types, for unnestFrom (varchar columns take text and check their length)
const COLUMN_TYPES: readonly string[] = COLUMNS.map((c) => {
  if (c === 'occurred_at' || c === 'received_at' || c === 'due_at') return 'bigint';
  if (c === 'lng' || c === 'lat') return 'float8';
  if (c === 'simulated') return 'boolean';
  return 'text';
});
const LIST_COLUMNS = COLUMNS.filter((c) => c !== 'raw' && c !== 'content').join(', ');
// 28 columns × 200 rows stays far below both databases' parameter limits
const INSERT_CHUNK = 200;

/** A stored record as correlation left it. */
export interface SettledIncident {
  incident: Incident;
  personKey: string | null;
  subjectKey: string | null;
}

/** A filing of one person, as the people index needs it after a restart. */
export interface PersonFiling {
  personKey: string;
  at: number;
  subjectKey: string | null;
  complaint: boolean;
}

export interface IncidentQuery {
  channel?: Channel;
  district?: string;
  /** an exact category path or the head of one: `市场监管` takes `市场监管>食品安全` */
  category?: string;
  department?: string;
  /** any of these flags */
  flags?: IncidentFlag[];
  /** received at or after (ms) */
  since?: number;
  /** received before (ms) */
  until?: number;
  limit: number;
  eventId?: string;
  /** a substring of the title */
  q?: string;
  /** older than this row (received at, id): the next page */
  before?: { at: number; id: string };
}

// LIKE's wildcards and its escape character, taken literally
const likeLiteral = (s: string) => s.replace(/[!%_]/g, (c) => `!${c}`);

function toRow(n: NewIncident): Param[] {
  const i = n.incident;
  return [
    i.id,
    i.channel,
    i.externalId,
    Date.parse(i.occurredAt),
    Date.parse(i.receivedAt),
    i.kind,
    i.title,
    i.content,
    i.address,
    i.district,
    i.location?.lng ?? null,
    i.location?.lat ?? null,
    i.category,
    i.department,
    i.eventId,
    i.flags.join(','),
    i.reporter?.name ?? null,
    i.reporter?.phone ?? null,
    i.merchant?.name ?? null,
    i.merchant?.uscc ?? null,
    i.merchant?.address ?? null,
    i.dueAt ? Date.parse(i.dueAt) : null,
    JSON.stringify(i.facts),
    i.flags.includes('simulated'),
    n.raw,
    n.personKey ?? null,
    n.subjectKey ?? null,
    i.joinReason ?? null,
  ];
}

function fromRow(r: Row): Incident {
  const s = (v: unknown) => (v == null ? null : String(v));
  const lng = numOrNull(r.lng);
  const lat = numOrNull(r.lat);
  const due = numOrNull(r.due_at);
  return {
    id: String(r.id),
    channel: String(r.channel) as Channel,
    externalId: String(r.external_id),
    occurredAt: new Date(num(r.occurred_at)).toISOString(),
    receivedAt: new Date(num(r.received_at)).toISOString(),
    kind: String(r.kind),
    title: String(r.title),
    content: r.content == null ? '' : String(r.content),
    address: s(r.address),
    district: s(r.district),
    location: lng != null && lat != null ? { lng, lat } : null,
    category: s(r.category),
    department: s(r.department),
    eventId: s(r.event_id),
    flags: String(r.flags ?? '')
      .split(',')
      .filter(Boolean) as IncidentFlag[],
    reporter: r.reporter_name != null || r.reporter_phone != null ? { name: s(r.reporter_name), phone: s(r.reporter_phone) } : null,
    merchant: r.merchant_name != null ? { name: String(r.merchant_name), uscc: s(r.merchant_uscc), address: s(r.merchant_address) } : null,
    dueAt: due != null ? new Date(due).toISOString() : null,
    facts: r.facts ? (JSON.parse(String(r.facts)) as IncidentFacts) : {},
    joinReason: s(r.join_reason),
  };
}

@Injectable()
export class IncidentsRepository {
  constructor(private readonly db: Db) {}

  /** Multi-row inserts; a row whose (channel, external id) exists is skipped. Returns the ids written. */
  async insertNew(tx: Queryable, rows: NewIncident[], opts: { counted?: boolean } = {}): Promise<Set<string>> {
    const inserted = await insertRows<{ id: unknown }>(
      tx,
      {
        table: 'incidents',
        columns: COLUMNS,
        types: COLUMN_TYPES,
        tail: 'ON CONFLICT (channel, external_id) DO NOTHING RETURNING id',
        chunk: INSERT_CHUNK,
      },
      rows.map(toRow),
    );
    const written = new Set(inserted.map((r) => String(r.id)));
    if (opts.counted ?? true) await this.addToCounts(tx, rows, written);
    return written;
  }

  /**
   * The stored ones of these rows join the running counts (incident-counts.ts). insertNew does it
   * unless told not to: a caller whose transaction waits for others before it commits (the direct
   * store waits for the groups decided before it) must count only after that wait, or it could
   * hold a count row an earlier group needs, and each would wait for the other unseen by the
   * database.
   */
  addToCounts(tx: Queryable, rows: NewIncident[], written: Set<string>): Promise<void> {
    return addCounts(
      tx,
      written.size === rows.length ? rows.map((r) => r.incident) : rows.filter((r) => written.has(r.incident.id)).map((r) => r.incident),
    );
  }

  /**
   * Which of these records are stored already, by channel and external id (the feed's identity):
   * keys `channel + '\n' + externalId`.
   */
  async storedKeys(incidents: Pick<Incident, 'channel' | 'externalId'>[]): Promise<Set<string>> {
    const rows = await existingKeys<{ channel: unknown; external_id: unknown }>(
      this.db,
      { table: 'incidents', columns: ['channel', 'external_id'], types: ['text', 'text'] },
      incidents.map((i) => [i.channel, i.externalId]),
    );
    return new Set(rows.map((r) => `${String(r.channel)}\n${String(r.external_id)}`));
  }

  /** Event, join reason and flags of stored incidents: one statement per 200. */
  async link(tx: Queryable, links: EventLink[]): Promise<void> {
    for (let i = 0; i < links.length; i += INSERT_CHUNK) {
      const chunk = links.slice(i, i + INSERT_CHUNK);
      // a VALUES list's columns are column1, column2 … on both SQLite and PostgreSQL
      await tx.execute(
        `UPDATE incidents SET event_id = v.column2, join_reason = v.column3, flags = v.column4
         FROM (VALUES ${valuesClause(chunk.length, 4)}) AS v WHERE incidents.id = v.column1`,
        chunk.flatMap((l) => [l.id, l.eventId, l.joinReason, l.flags.join(',')]),
      );
    }
  }

  /**
   * What correlation decided for records stored before it ran (event, join reason, flags and the
   * facts, person and subject that enrichment found), in one statement (SQLite: one per 200).
   * Only records still waiting are written: returns how many were, so a record settled twice is
   * noticed.
   */
  settle(tx: Queryable, rows: SettledIncident[]): Promise<number> {
    return updateRows(
      tx,
      {
        table: 'incidents',
        columns: ['id', 'event_id', 'join_reason', 'flags', 'facts', 'person_key', 'subject_key'],
        types: ['text', 'text', 'text', 'text', 'text', 'text', 'text'],
        set: `event_id = v.event_id, join_reason = v.join_reason, flags = v.flags, facts = v.facts,
           person_key = v.person_key, subject_key = v.subject_key`,
        where: 'incidents.id = v.id AND incidents.event_id IS NULL',
        chunk: INSERT_CHUNK,
      },
      rows.map((r) => [
        r.incident.id,
        r.incident.eventId,
        r.incident.joinReason ?? null,
        r.incident.flags.join(','),
        JSON.stringify(r.incident.facts),
        r.personKey,
        r.subjectKey,
      ]),
    );
  }

  /** Ids of stored records no event has taken yet, oldest first (the correlation queue). */
  async pendingIds(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: unknown }>(
      `SELECT id FROM incidents WHERE event_id IS NULL AND ${NOT_QUARANTINED} ORDER BY received_at ASC LIMIT ?`,
      [limit],
    );
    return rows.map((r) => String(r.id));
  }

  async pendingCount(): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM incidents WHERE event_id IS NULL AND ${NOT_QUARANTINED}`);
    return num(rows[0]?.n ?? 0);
  }

  /** Stored records with their text (not the raw record), in the order asked. */
  async fullByIds(ids: string[]): Promise<Incident[]> {
    const out = new Map<string, Incident>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.query(
        `SELECT ${COLUMNS.filter((c) => c !== 'raw').join(', ')} FROM incidents WHERE id IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const r of rows) out.set(String(r.id), fromRow(r));
    }
    return ids.map((id) => out.get(id)).filter((x): x is Incident => x !== undefined);
  }

  /** Filings with a known person since a time, oldest first. */
  async filingsSince(since: number): Promise<PersonFiling[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT person_key, occurred_at, subject_key, kind FROM incidents WHERE person_key IS NOT NULL AND occurred_at >= ? ORDER BY occurred_at ASC`,
      [since],
    );
    return rows.map((r) => ({
      personKey: String(r.person_key),
      at: num(r.occurred_at),
      subjectKey: r.subject_key == null ? null : String(r.subject_key),
      complaint: r.kind === '投诉' || r.kind === '举报',
    }));
  }

  /** The records whose overdue order the overdue-order rule has alerted on: not again. */
  async markOverdue(ids: string[], at: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db.execute(`UPDATE incidents SET overdue_at = ? WHERE id IN (${ids.map(() => '?').join(', ')})`, [at, ...ids]);
  }

  /** Newest first (received at, then id); every filter narrows. */
  async list(q: IncidentQuery): Promise<Incident[]> {
    const where = whereEquals([
      ['channel = ?', q.channel],
      ['district = ?', q.district],
      ['department = ?', q.department],
      ['received_at >= ?', q.since],
      ['received_at < ?', q.until],
      ['event_id = ?', q.eventId],
    ]);
    const clauses = where.sql ? [where.sql.slice('WHERE '.length)] : [];
    const params: Param[] = [...where.params];
    if (q.category !== undefined) {
      clauses.push(`(category = ? OR category LIKE ? ESCAPE '!')`);
      params.push(q.category, `${likeLiteral(q.category)}>%`);
    }
    if (q.flags && q.flags.length > 0) {
      // flags are stored as a comma list; each flag is a whole item of it
      clauses.push(`(${q.flags.map(() => `(',' || flags || ',') LIKE ?`).join(' OR ')})`);
      params.push(...q.flags.map((f) => `%,${f},%`));
    }
    if (q.q !== undefined) {
      // case-blind for Latin letters on both databases
      clauses.push(`LOWER(title) LIKE ? ESCAPE '!'`);
      params.push(`%${likeLiteral(q.q.toLowerCase())}%`);
    }
    if (q.before) {
      clauses.push(`(received_at < ? OR (received_at = ? AND id < ?))`);
      params.push(q.before.at, q.before.at, q.before.id);
    }
    const sql = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = await this.db.query(`SELECT ${LIST_COLUMNS} FROM incidents ${sql} ORDER BY received_at DESC, id DESC LIMIT ?`, [
      ...params,
      q.limit,
    ]);
    return rows.map(fromRow);
  }

  /** An event's incidents with their text (not the raw record), oldest first, as correlation saw them. */
  async fullByEvent(tx: Queryable, eventId: string, limit: number): Promise<Incident[]> {
    const rows = await tx.query(
      `SELECT ${COLUMNS.filter((c) => c !== 'raw').join(', ')} FROM incidents WHERE event_id = ?
       ORDER BY occurred_at ASC, received_at ASC, id ASC LIMIT ?`,
      [eventId, limit],
    );
    return rows.map(fromRow);
  }

  async countByEvent(tx: Queryable, eventId: string): Promise<number> {
    const rows = await tx.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM incidents WHERE event_id = ?`, [eventId]);
    return num(rows[0]?.n ?? 0);
  }

  /**
   * The incident that defines its event: the one that started it (no join reason), else (it was
   * moved away) the earliest left.
   */
  async definingOf(tx: Queryable, eventId: string): Promise<string | null> {
    const rows = await tx.query<{ id: unknown }>(
      `SELECT id FROM incidents WHERE event_id = ? ORDER BY CASE WHEN join_reason IS NULL THEN 0 ELSE 1 END, occurred_at ASC, received_at ASC, id ASC LIMIT 1`,
      [eventId],
    );
    return rows[0] ? String(rows[0].id) : null;
  }

  /** A new category and department; the day's counts follow (the row is locked while it moves). */
  async setClass(tx: Queryable, id: string, category: string, department: string | null): Promise<void> {
    const rows = await tx.query<{ channel: unknown; district: unknown; category: unknown; received_at: unknown }>(
      `SELECT channel, district, category, received_at FROM incidents WHERE id = ?${forUpdate(tx)}`,
      [id],
    );
    const was = rows[0];
    if (!was) return;
    await tx.execute(`UPDATE incidents SET category = ?, department = ? WHERE id = ?`, [category, department, id]);
    await moveCategory(
      tx,
      {
        channel: String(was.channel) as Channel,
        district: was.district == null ? null : String(was.district),
        category: null,
        receivedAt: new Date(num(was.received_at)).toISOString(),
      },
      was.category == null ? null : String(was.category),
      category,
    );
  }

  /** The incident (list columns, no text) as stored now, inside a transaction. */
  async summaryIn(tx: Queryable, id: string): Promise<Incident | null> {
    const rows = await tx.query(`SELECT ${LIST_COLUMNS} FROM incidents WHERE id = ?`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async get(id: string): Promise<{ incident: Incident; raw: unknown } | null> {
    const rows = await this.db.query(`SELECT ${COLUMNS.join(', ')} FROM incidents WHERE id = ?`, [id]);
    if (rows.length === 0) return null;
    return { incident: fromRow(rows[0]!), raw: JSON.parse(String(rows[0]!.raw)) as unknown };
  }

  async count(): Promise<number> {
    const rows = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM incidents`);
    return num(rows[0]?.n ?? 0);
  }

  /** The running counts of a local day (its midnight), by channel, district and category. */
  countsOfDay(day: number): Promise<DayCounts> {
    return dayCounts(this.db, day, '未知');
  }

  /** The running counts per minute and channel in [start, end). */
  countsPerMinute(start: number, end: number) {
    return minuteCounts(this.db, start, end);
  }
}
