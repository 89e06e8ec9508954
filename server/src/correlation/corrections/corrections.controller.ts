import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { moveBodySchema, type MoveResult, type ReclassifyResult, type SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../../auth/auth.decorators';
import { parseOr400 } from '../../common/zod';
import { EventMovesService } from './event-moves.service';
import { ReclassifyService } from './reclassify.service';

// What a duty officer corrects on an incident: its category and department, and its event.
@Roles('admin', 'duty')
@Controller('api/incidents')
export class CorrectionsController {
  constructor(
    private readonly reclassifier: ReclassifyService,
    private readonly moves: EventMovesService,
  ) {}

  // { category, department? }
  @Post(':id/reclassify')
  @HttpCode(200)
  reclassify(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<ReclassifyResult> {
    return this.reclassifier.reclassify(id, body, user);
  }

  // { eventId } to another event, { eventId: null } to an event of its own
  @Post(':id/move')
  @HttpCode(200)
  move(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<MoveResult> {
    return this.moves.move(id, parseOr400(moveBodySchema, body ?? {}).eventId, user);
  }
}
