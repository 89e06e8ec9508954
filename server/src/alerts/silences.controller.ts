import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import type { SessionUser } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { SilencesService, type NewSilence, type Silence } from './silences.service';

@Controller('api/silences')
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @Roles('admin', 'duty', 'leader')
  @Get()
  list(@Query('all') all?: string): Promise<Silence[]> {
    return this.silences.list(all === 'true' || all === '1');
  }

  // { eventId?, rule?, minutes, reason }
  @Roles('admin', 'duty')
  @Post()
  create(@Body() body: unknown, @CurrentUser() user: SessionUser): Promise<Silence> {
    return this.silences.create(user.username, (body ?? {}) as NewSilence);
  }

  @Roles('admin', 'duty')
  @Delete(':id')
  cancel(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<Silence> {
    return this.silences.cancel(user.username, id);
  }
}
