import { Injectable } from '@nestjs/common';
import { toIncidentSummary, type Incident, type IncidentQueryParsed, type IncidentSummary, type SessionUser } from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { TaxonomyService } from '../taxonomy/taxonomy.service';
import { IncidentsRepository } from './incidents.repository';

const DEFAULT_LIMIT = 100;

@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly audit: AuditService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  /** Newest first, masked; every filter narrows (CONTRACT §5, extended for the console). */
  async list(q: IncidentQueryParsed): Promise<IncidentSummary[]> {
    if (q.since !== undefined && q.until !== undefined && q.until <= q.since) {
      throw new AppException('request.invalid_query', 'until: must be later than since');
    }
    const list = await this.repo.list({
      channel: q.channel,
      district: q.district,
      category: q.category,
      // incidents carry the department's name; its id is taken too
      department: q.department === undefined ? undefined : (this.taxonomy.department(q.department)?.name ?? q.department),
      flags: q.flag,
      since: q.since,
      until: q.until,
      eventId: q.eventId,
      q: q.q,
      before: q.before,
      limit: q.limit ?? DEFAULT_LIMIT,
    });
    return list.map(toIncidentSummary);
  }

  /** The whole record, personal data included: every read is written to the audit log. */
  async detail(id: string, user: SessionUser): Promise<Incident & { raw: unknown }> {
    const found = await this.repo.get(id);
    if (!found) throw new AppException('incident.not_found', `incident ${id.slice(0, 64)} not found`);
    await this.audit.record(user.username, 'incident.read-personal-data', 'incident', id, {
      channel: found.incident.channel,
      externalId: found.incident.externalId,
    });
    return { ...found.incident, raw: found.raw };
  }
}
