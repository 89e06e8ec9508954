import { Injectable, Logger } from '@nestjs/common';
import { reclassifyBodySchema, toIncidentSummary, type ReclassifyResult, type SessionUser } from '@jointduty/shared';
import { AuditService } from '../../audit/audit.service';
import { AppException } from '../../common/app.exception';
import { parseOr400 } from '../../common/zod';
import { EventMovesService } from './event-moves.service';
import { EventsRepository } from '../../events/events.repository';
import { UnderstandingService } from '../understanding.service';
import { EventBus } from '../../infra/bus/bus';
import { Db } from '../../infra/database/db';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { CorrelationTurns } from '../pipeline/turns';
import { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { IncidentsRepository } from '../../incidents/incidents.repository';

// A duty officer corrects an incident's category (问题分类) and department (承办单位).
// The category must be a path of config/departments.yaml; the department defaults to the one
// that lists it. When the incident defines its event (it started it, or is the earliest left
// after a move), the event's category follows, in the database and in the correlator's memory;
// events carry no department of their own. Alerts already raised keep the category they were
// raised with (their history). Audited with before and after; pushed as `incident:update`.
@Injectable()
export class ReclassifyService {
  private readonly logger = new Logger('reclassify');

  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly events: EventsRepository,
    private readonly understanding: UnderstandingService,
    private readonly moves: EventMovesService,
    private readonly taxonomy: TaxonomyService,
    private readonly audit: AuditService,
    private readonly bus: EventBus,
    private readonly lease: CorrelationLease,
    private readonly turns: CorrelationTurns,
  ) {}

  async reclassify(id: string, body: unknown, user: SessionUser): Promise<ReclassifyResult> {
    try {
      return await this.turns.changeEvents(() => this.reclassifyNow(id, body, user));
    } finally {
      if (!this.lease.held) this.understanding.brain.clear();
    }
  }

  private async reclassifyNow(id: string, body: unknown, user: SessionUser): Promise<ReclassifyResult> {
    const b = parseOr400(reclassifyBodySchema, body ?? {});
    const owner = this.taxonomy.ownerOf(b.category);
    if (!owner) throw new AppException('incident.unknown_category', 'category: not a category path of the taxonomy (GET /api/taxonomy)');
    const department = b.department === undefined ? owner : this.taxonomy.department(b.department);
    if (!department)
      throw new AppException('incident.unknown_department', 'department: not a department id or name of the taxonomy (GET /api/taxonomy)');

    const current = await this.incidents.summaryIn(this.db, id);
    if (!current) throw new AppException('incident.not_found', `incident ${id.slice(0, 64)} not found`);
    if (current.category === b.category && current.department === department.name) {
      return { incident: toIncidentSummary(current), eventFollowed: false };
    }
    // the event of a defining incident follows; one the correlator no longer holds is read again
    // from its incidents, before the transaction
    const eventId = current.eventId;
    const defines = eventId !== null && (await this.incidents.definingOf(this.db, eventId)) === id;
    const older = defines && !this.understanding.event(eventId) ? await this.moves.stateOf(eventId) : null;

    let touchedMemory = false;
    let version = 0;
    try {
      const result = await this.db.transaction(async (tx) => {
        const before = await this.incidents.summaryIn(tx, id);
        if (!before) throw new AppException('incident.not_found', `incident ${id.slice(0, 64)} not found`);
        await this.incidents.setClass(tx, id, b.category, department.name);
        let eventFollowed = false;
        const evId = before.eventId;
        if (evId && (await this.incidents.definingOf(tx, evId)) === id) {
          const live = this.understanding.event(evId);
          const state = live ?? (evId === eventId ? older : null);
          if (state) {
            eventFollowed = true;
            if (live) touchedMemory = true;
            state.category = b.category;
            await this.events.save(tx, [state]);
            version = await this.lease.bump(tx);
          }
        }
        await this.audit.record(
          user.username,
          'incident.reclassify',
          'incident',
          id,
          {
            before: { category: before.category, department: before.department },
            after: { category: b.category, department: department.name },
            eventId: evId,
            eventFollowed,
          },
          tx,
        );
        return { incident: { ...before, category: b.category, department: department.name }, eventFollowed };
      });
      if (version > 0) this.lease.changed(version);
      this.bus.publish('incident.updated', result.incident);
      return { incident: toIncidentSummary(result.incident), eventFollowed: result.eventFollowed };
    } catch (err) {
      if (touchedMemory && this.lease.held) {
        await this.understanding
          .warmUp()
          .catch((e: unknown) => this.logger.error(`warm-up after a failed reclassify failed: ${String(e)}`));
      }
      throw err;
    }
  }
}
