import { Inject, Injectable, Logger } from '@nestjs/common';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { toIncidentSummary, type EventCounts, type Incident, type MoveResult, type SessionUser } from '@jointduty/shared';
import { AlertsService, type RuleMatch } from '../../alerts/alerts.service';
import { RULES } from '../rules/rules.engine';
import { SilencesService } from '../../alerts/silences.service';
import { AuditService } from '../../audit/audit.service';
import { AppException } from '../../common/app.exception';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import { IncidentsRepository } from '../../incidents/incidents.repository';
import { EventBus } from '../../infra/bus/bus';
import { Db, type Queryable } from '../../infra/database/db';
import { ProfilesService } from '../../profiles/profiles.service';
import type { EventState, Observation } from '../engine/correlator';
import { eventFor, eventFromRecord } from '../engine/event-state';
import { EventsRepository } from '../../events/events.repository';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { CorrelationTurns } from '../pipeline/turns';
import { UnderstandingService } from '../understanding.service';

/** An event rebuilt from more incidents than this would hold the server up too long: refused. */
export const MAX_REBUILD = 3000;
const RETRIES = 3;
const YIELD_EVERY = 100;

// A record joined the event, or another move took the incident, while this move was read: read again.
class Changed extends Error {}

interface Item {
  o: Observation;
  reason: string | null;
}

// A duty officer moves an incident to another event, or to an event of its own.
//
// Both events are rebuilt from their incidents, in the database and in the correlator's memory
// (the state warm-up restores after a restart is the one written here), so later records join
// the corrected events. Identity stays: each event keeps its title, district, category, subject
// and place; what correlation and the rules count (incidents, channels, first and last times,
// merchants, places, stories, complainants, harm) follows the incidents.
//
// After the move the rules judge the target with the moved incident, as if it had joined there:
// a move that completes a group complaint raises the alert. The source's alerts keep their status
// and history; their incident count and channels follow the source (an `alert:update`), and their
// severity never falls. Reading and rebuilding happen before the transaction; inside it, a check
// that nothing joined the source meanwhile (else it is read again), then the swap in memory and
// the writes; a failed transaction rebuilds the memory from the database, as intake does.
@Injectable()
export class EventMovesService {
  private readonly logger = new Logger('event-moves');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly events: EventsRepository,
    private readonly understanding: UnderstandingService,
    private readonly alerts: AlertsService,
    private readonly lease: CorrelationLease,
    private readonly turns: CorrelationTurns,
    private readonly profiles: ProfilesService,
    private readonly silences: SilencesService,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
  ) {}

  async move(incidentId: string, targetId: string | null, user: SessionUser): Promise<MoveResult> {
    try {
      return await this.turns.changeEvents(() => this.moveNow(incidentId, targetId, user));
    } finally {
      // an instance not correlating keeps no events in memory: what a move put there is not followed
      if (!this.lease.held) this.understanding.brain.clear();
    }
  }

  private async moveNow(incidentId: string, targetId: string | null, user: SessionUser): Promise<MoveResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tryMove(incidentId, targetId, user, attempt === RETRIES);
      } catch (err) {
        if (!(err instanceof Changed) || attempt === RETRIES) throw err;
        await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
      }
    }
  }

  /**
   * The state of a stored event: the correlator's when it holds it, else rebuilt from the
   * event's incidents (an event older than the correlation windows). Null for an unknown event.
   */
  async stateOf(eventId: string): Promise<EventState | null> {
    const known = this.understanding.event(eventId);
    if (known) return known;
    const record = await this.events.get(eventId);
    if (!record) return null;
    const rows = await this.incidentsOf(this.db, eventId);
    return this.correlator.rebuild(eventFromRecord(record), await this.itemsOf(rows));
  }

  private get correlator() {
    return this.understanding.brain.correlator;
  }

  private async tryMove(incidentId: string, targetId: string | null, user: SessionUser, lastTry: boolean): Promise<MoveResult> {
    const found = await this.incidents.get(incidentId);
    if (!found) throw new AppException('incident.not_found', `incident ${incidentId.slice(0, 64)} not found`);
    const incident = found.incident;
    const fromId = incident.eventId;
    if (targetId !== null && targetId === fromId) {
      throw new AppException('event.move_same_event', `eventId: the incident is already in event ${targetId}`);
    }
    const targetRecord = targetId === null ? null : await this.events.get(targetId);
    if (targetId !== null && !targetRecord) throw new AppException('event.not_found', `eventId: event ${targetId.slice(0, 64)} not found`);

    // the source without the incident, read and understood again
    const sourceRecord = fromId ? await this.events.get(fromId) : null;
    const sourceRows = sourceRecord ? await this.incidentsOf(this.db, sourceRecord.id) : [];
    if (targetId === null && sourceRecord && sourceRows.length <= 1) {
      throw new AppException('event.move_already_alone', 'eventId: the incident is alone in its event already');
    }
    const sourceItems = await this.itemsOf(sourceRows.filter((i) => i.id !== incident.id));
    const moved = this.understanding.observe(incident);
    const reason = targetId === null ? null : `moved by ${user.username}`;

    // the target: the correlator's own (it takes one more), an older one read again, or a new one
    const targetKnown = targetId !== null && this.understanding.event(targetId) !== undefined;
    let targetItems: Item[] | null = null;
    if (targetRecord && !targetKnown) {
      targetItems = await this.itemsOf(await this.incidentsOf(this.db, targetRecord.id));
      targetItems.push({ o: moved, reason });
      targetItems.sort((a, b) => a.o.at - b.o.at);
    }

    let swapped = false;
    let version = 0;
    try {
      const done = await this.db.transaction(async (tx) => {
        const now = await this.incidents.summaryIn(tx, incident.id);
        if (!now || now.eventId !== fromId) throw new Changed();
        // from here to the swap nothing awaits: intake cannot take a record in between
        const sourceLive = fromId ? this.understanding.event(fromId) : undefined;
        if (sourceLive && sourceLive.incidentCount !== sourceRows.length && !lastTry) throw new Changed();
        const sourceBefore = sourceLive ?? (sourceRecord ? eventFromRecord(sourceRecord) : null);
        const source = sourceBefore ? this.correlator.rebuild(sourceBefore, sourceItems) : null;
        let target: EventState;
        let targetBefore: Pick<EventState, 'incidentCount'> | null;
        const targetLive = targetId ? this.understanding.event(targetId) : undefined;
        if (targetLive) {
          targetBefore = { incidentCount: targetLive.incidentCount };
          target = structuredClone(targetLive);
          this.correlator.join(target, moved, reason);
        } else if (targetRecord) {
          targetBefore = { incidentCount: targetRecord.incidentCount };
          target = this.correlator.rebuild(eventFromRecord(targetRecord), targetItems ?? [{ o: moved, reason }]);
        } else {
          targetBefore = null;
          target = this.correlator.rebuild(eventFor(moved), [{ o: moved, reason: null }]);
        }
        // in place: the correlator's events are swapped; older ones stay out of its memory
        if (source && sourceLive) this.correlator.replace(source);
        if (targetLive || !targetRecord) this.correlator.replace(target);
        swapped = true;

        await this.incidents.link(tx, [{ id: incident.id, eventId: target.id, joinReason: reason, flags: incident.flags }]);
        await this.events.save(tx, source ? [source, target] : [target]);
        version = await this.lease.bump(tx);
        await this.audit.record(
          user.username,
          'incident.move',
          'incident',
          incident.id,
          {
            before: { eventId: fromId, joinReason: incident.joinReason ?? null },
            after: { eventId: target.id, joinReason: reason },
            from:
              source && sourceBefore
                ? { id: source.id, incidentCount: { before: sourceBefore.incidentCount, after: source.incidentCount } }
                : null,
            to: {
              id: target.id,
              incidentCount: { before: targetBefore?.incidentCount ?? 0, after: target.incidentCount },
              created: !targetRecord,
            },
          },
          tx,
        );
        return { source, target };
      });
      this.lease.changed(version);
      incident.eventId = done.target.id;
      incident.joinReason = reason;
      this.bus.publish('incident.updated', incident);
      // the move stands whatever the rules make of it
      await this.judge(done.target, done.source, incident).catch((err: unknown) =>
        this.logger.error(`rules after moving ${incident.id} failed: ${String(err)}`),
      );
      return {
        incident: toIncidentSummary(incident),
        from: done.source ? countsOf(done.source) : null,
        to: countsOf(done.target),
        created: targetRecord === null,
      };
    } catch (err) {
      // the memory went ahead of a transaction that did not commit: back to what is stored (only
      // the holder keeps a memory; elsewhere it is cleared after the move)
      if (swapped && this.lease.held) {
        await this.understanding.warmUp().catch((e: unknown) => this.logger.error(`warm-up after a failed move failed: ${String(e)}`));
      }
      throw err;
    }
  }

  // the rules judge the target with the moved incident; the source's alerts follow its counts
  private async judge(targetState: EventState, sourceState: EventState | null, incident: Incident): Promise<void> {
    // the correlator's own when it holds them: records may have joined since
    const target = this.understanding.event(targetState.id) ?? targetState;
    const now = Date.now();
    const matches: RuleMatch[] = [];
    for (const rule of this.config.rules) {
      const fn = rule.enabled ? RULES[rule.id] : undefined;
      if (!fn) continue;
      const r = fn({ incident, event: target, params: this.profiles.paramsFor(rule, target.watchArea, now) });
      if (!r || this.silences.mutes(target.id, rule.id, now)) continue;
      matches.push({ rule: rule.id, severity: r.severity ?? rule.severity, title: r.title, summary: r.summary });
    }
    if ((await this.applyOnce(target, incident, matches)).length > 0) target.alerted = true;
    if (sourceState) await this.applyOnce(this.understanding.event(sourceState.id) ?? sourceState, incident, []);
  }

  // two writers may race for one (event, rule) on PostgreSQL: the loser finds the alert and updates it
  private async applyOnce(event: EventState, incident: Incident, matches: RuleMatch[]) {
    try {
      return await this.alerts.applyEvent(event, incident, matches);
    } catch {
      return this.alerts.applyEvent(event, incident, matches);
    }
  }

  private async incidentsOf(tx: Queryable, eventId: string): Promise<Incident[]> {
    const count = await this.incidents.countByEvent(tx, eventId);
    if (count > MAX_REBUILD) {
      throw new AppException(
        'event.too_large_to_rebuild',
        `event ${eventId} holds ${count} incidents: events of more than ${MAX_REBUILD} are not rebuilt by hand`,
      );
    }
    return this.incidents.fullByEvent(tx, eventId, MAX_REBUILD);
  }

  // understanding a record costs about half a millisecond: the event loop breathes between hundreds
  private async itemsOf(rows: Incident[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % YIELD_EVERY === 0) await yieldToLoop();
      items.push({ o: this.understanding.observe(rows[i]!), reason: rows[i]!.joinReason ?? null });
    }
    return items;
  }
}

function countsOf(e: EventState): EventCounts {
  return {
    id: e.id,
    title: e.title,
    incidentCount: e.incidentCount,
    channels: [...e.channels],
    firstAt: new Date(e.firstAt).toISOString(),
    lastAt: new Date(e.lastAt).toISOString(),
  };
}
