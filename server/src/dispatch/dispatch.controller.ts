import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  DISPATCH_STATUSES,
  DISPATCH_STEPS,
  dispatchStepBodySchema,
  recordId,
  text,
  type DispatchStep,
  type SessionUser,
} from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { AppException } from '../common/app.exception';
import { enumParam } from '../common/query';
import { parseOr400 } from '../common/zod';
import { DispatchService } from './dispatch.service';

const dispatchBody = z.object({ teamIds: z.array(z.string().min(1).max(64)).min(1).max(50), note: text(0, 2000).optional() });

@Controller('api')
export class DispatchController {
  constructor(private readonly dispatch: DispatchService) {}

  @Get('teams')
  teams() {
    return this.dispatch.teams();
  }

  @Roles('admin', 'duty', 'leader')
  @Post('alerts/:id/dispatch')
  @HttpCode(200)
  async send(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser) {
    const b = parseOr400(dispatchBody, body ?? {});
    return this.dispatch.dispatch(id, b.teamIds, b.note ?? null, user);
  }

  @Roles('admin', 'duty', 'leader', 'field')
  @Get('dispatches')
  list(@CurrentUser() user: SessionUser, @Query('status') status?: string) {
    return this.dispatch.list(user, enumParam('status', status, DISPATCH_STATUSES));
  }

  @Roles('field')
  @Post('dispatches/:id/:step')
  @HttpCode(200)
  step(@Param('id') id: string, @Param('step') step: string, @Body() body: unknown, @CurrentUser() user: SessionUser) {
    if (!(DISPATCH_STEPS as readonly string[]).includes(step)) {
      throw new AppException('dispatch.unknown_step', `step ${step.slice(0, 32)}: must be one of ${DISPATCH_STEPS.join(' ')}`);
    }
    // not an id at all: as missing as another team's
    if (!recordId.safeParse(id).success)
      throw new AppException('dispatch.not_found', `dispatch ${id.slice(0, 64)} not found for your team`);
    return this.dispatch.step(id, step as DispatchStep, parseOr400(dispatchStepBodySchema, body ?? {}), user);
  }
}
