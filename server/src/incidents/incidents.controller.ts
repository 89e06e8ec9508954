import { Controller, Get, Param, Query } from '@nestjs/common';
import { incidentQuerySchema, type IncidentSummary, type SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { parseOr400 } from '../common/zod';
import { IncidentsService } from './incidents.service';

@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  // ?channel= &district= &category= &department= &flag= &since= &until= &eventId= &q= &limit= &before=
  @Roles('admin', 'duty', 'leader')
  @Get()
  list(@Query() query: unknown): Promise<IncidentSummary[]> {
    return this.incidents.list(parseOr400(incidentQuerySchema, query ?? {}, 'query'));
  }

  @Roles('admin', 'duty')
  @Get(':id')
  detail(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    return this.incidents.detail(id, user);
  }
}
