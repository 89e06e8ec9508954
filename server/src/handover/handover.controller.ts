import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { DutyLog, DutyState, Handover, HandoverDraft, HandoverSummary, SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { HandoverService } from './handover.service';

@Controller('api')
export class HandoverController {
  constructor(private readonly handover: HandoverService) {}

  @Roles('admin', 'duty')
  @Get('handover/draft')
  draft(): Promise<HandoverDraft> {
    return this.handover.draft();
  }

  // the outgoing officer hands the current shift over { notes }
  @Roles('admin', 'duty')
  @Post('handover')
  handOver(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<Handover> {
    return this.handover.handOver(body ?? {}, user);
  }

  @Roles('admin', 'duty')
  @Post('handover/:id/accept')
  @HttpCode(200)
  accept(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<Handover> {
    return this.handover.accept(id, user);
  }

  @Roles('admin', 'duty', 'leader')
  @Get('handover')
  list(@Query('date') date?: string): Promise<HandoverSummary[]> {
    return this.handover.list(date);
  }

  @Roles('admin', 'duty', 'leader')
  @Get('handover/:id')
  get(@Param('id') id: string): Promise<Handover> {
    return this.handover.get(id);
  }

  @Roles('admin', 'duty', 'leader')
  @Get('duty/state')
  state(): Promise<DutyState> {
    return this.handover.state();
  }

  @Roles('admin', 'duty', 'leader')
  @Get('duty-log')
  log(@Query('date') date?: string): Promise<DutyLog> {
    return this.handover.dutyLog(date);
  }
}
