import { Controller, Get, Param, Query } from '@nestjs/common';
import { CHANNELS, type IncidentSummary, type SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { enumParam, limitParam, timeParam } from '../common/query';
import { IncidentsService } from './incidents.service';

@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Roles('admin', 'duty', 'leader')
  @Get()
  list(
    @Query('channel') channel?: string,
    @Query('district') district?: string,
    @Query('since') since?: string,
    @Query('limit') limit?: string,
  ): Promise<IncidentSummary[]> {
    return this.incidents.list({
      channel: enumParam('channel', channel, CHANNELS),
      district: typeof district === 'string' && district ? district.slice(0, 32) : undefined,
      since: timeParam('since', since),
      limit: limitParam(limit, 100, 1000),
    });
  }

  @Roles('admin', 'duty')
  @Get(':id')
  detail(@Param('id') id: string, @CurrentUser() user: SessionUser) {
    return this.incidents.detail(id, user);
  }
}
