import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { EventNotesService } from './event-notes.service';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Module({
  imports: [IncidentsModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, EventNotesService],
  exports: [EventsRepository, EventsService],
})
export class EventsModule {}
