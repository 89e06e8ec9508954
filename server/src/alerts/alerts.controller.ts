import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  ALERT_STATUSES,
  recordId,
  SEVERITIES,
  text,
  type Alert,
  type AlertHistoryEntry,
  type EventDetail,
  type SessionUser,
} from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { limitParam, enumParam } from '../common/query';
import { parseOr400 } from '../common/zod';
import { EventsService } from '../events/events.service';
import { AlertsService } from './alerts.service';
import { CapService } from './cap';

const resolveBody = z.object({ note: text(1, 2000) });

@Roles('admin', 'duty', 'leader')
@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly events: EventsService,
    private readonly capService: CapService,
  ) {}

  // ?eventId= answers the alerts of one event (the leader's event panel)
  @Get()
  list(
    @Query('status') status?: string,
    @Query('severity') severity?: string,
    @Query('limit') limit?: string,
    @Query('eventId') eventId?: unknown,
  ): Promise<Alert[]> {
    return this.alerts.list({
      status: enumParam('status', status, ALERT_STATUSES),
      severity: enumParam('severity', severity, SEVERITIES),
      eventId: eventId === undefined ? undefined : parseOr400(recordId, eventId, 'eventId'),
      limit: limitParam(limit, 50, 500),
    });
  }

  @Get(':id')
  async get(
    @Param('id') id: string,
  ): Promise<Alert & { event: EventDetail; incidents: EventDetail['incidents']; history: AlertHistoryEntry[] }> {
    const alert = await this.alerts.get(id);
    const [event, history] = await Promise.all([this.events.detail(alert.eventId), this.alerts.history(id)]);
    return { ...alert, event, incidents: event.incidents, history };
  }

  // the response timeline alone: raised → 签收 → 派单 → team steps → 办结, escalation included
  @Get(':id/history')
  async history(@Param('id') id: string): Promise<AlertHistoryEntry[]> {
    await this.alerts.get(id);
    return this.alerts.history(id);
  }

  // the CAP type only on the document itself: an error answers JSON
  @Get(':id/cap')
  async cap(@Param('id') id: string, @Res({ passthrough: true }) res: FastifyReply): Promise<string> {
    const xml = await this.capService.of(id);
    void res.header('Content-Type', 'application/cap+xml; charset=utf-8');
    return xml;
  }

  @Post(':id/ack')
  @HttpCode(200)
  ack(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<Alert> {
    return this.alerts.acknowledge(id, user.username);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<Alert> {
    const { note } = parseOr400(resolveBody, body ?? {});
    return this.alerts.resolve(id, user.username, note);
  }
}
