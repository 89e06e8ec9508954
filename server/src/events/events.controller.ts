import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { eventListQuerySchema, type EventDetail, type EventNote, type SessionUser, type WatchedEvent } from '@jointduty/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import { parseOr400 } from '../common/zod';
import { EventNotesService } from './event-notes.service';
import { EventsService } from './events.service';

@Controller('api/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly notes: EventNotesService,
  ) {}

  // ?scope=leader&since=&limit=: the events a leader watches (sensitive, or carrying a major alert)
  @Roles('admin', 'duty', 'leader')
  @Get()
  list(@Query() query: unknown, @CurrentUser() user: SessionUser): Promise<WatchedEvent[]> {
    return this.events.watched(parseOr400(eventListQuerySchema, query ?? {}, 'query'), user);
  }

  @Roles('admin', 'duty', 'leader')
  @Get(':id')
  get(@Param('id') id: string): Promise<EventDetail> {
    return this.events.detail(id);
  }

  // 已阅: once per leader; marking again answers the first mark
  @Roles('admin', 'leader')
  @Post(':id/read')
  @HttpCode(200)
  read(@Param('id') id: string, @CurrentUser() user: SessionUser): Promise<EventNote> {
    return this.notes.markRead(id, user);
  }

  // 批示 { text }
  @Roles('admin', 'leader')
  @Post(':id/instructions')
  instruct(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: SessionUser): Promise<EventNote> {
    return this.notes.instruct(id, user, body);
  }

  // 已落实: duty marks a 批示 carried out (the handover stops listing it); again answers the first mark
  @Roles('admin', 'duty')
  @Post(':id/instructions/:noteId/done')
  @HttpCode(200)
  done(@Param('id') id: string, @Param('noteId') noteId: string, @CurrentUser() user: SessionUser): Promise<EventNote> {
    return this.notes.markDone(id, noteId, user);
  }
}
