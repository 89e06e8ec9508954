import { Injectable } from '@nestjs/common';
import { toIncidentSummary, type Incident, type IncidentSummary, type SessionUser } from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { IncidentsRepository, type IncidentQuery } from './incidents.repository';

@Injectable()
export class IncidentsService {
  constructor(
    private readonly repo: IncidentsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(q: IncidentQuery): Promise<IncidentSummary[]> {
    return (await this.repo.list(q)).map(toIncidentSummary);
  }

  /** The whole record, personal data included: every read is written to the audit log. */
  async detail(id: string, user: SessionUser): Promise<Incident & { raw: unknown }> {
    const found = await this.repo.get(id);
    if (!found) throw new AppException('not_found', `incident ${id.slice(0, 64)} not found`);
    await this.audit.record(user.username, 'incident.read-personal-data', 'incident', id, {
      channel: found.incident.channel,
      externalId: found.incident.externalId,
    });
    return { ...found.incident, raw: found.raw };
  }
}
