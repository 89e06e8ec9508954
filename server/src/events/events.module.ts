import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { UnderstandingService } from './understanding.service';

@Module({
  imports: [IncidentsModule],
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, UnderstandingService],
  exports: [EventsRepository, EventsService, UnderstandingService],
})
export class EventsModule {}
