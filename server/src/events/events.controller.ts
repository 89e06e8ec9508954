import { Controller, Get, Param } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import { EventsService, type EventDetail } from './events.service';

@Controller('api/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Roles('admin', 'duty', 'leader')
  @Get(':id')
  get(@Param('id') id: string): Promise<EventDetail> {
    return this.events.detail(id);
  }
}
