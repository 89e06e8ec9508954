import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({ imports: [IncidentsModule, EventsModule], controllers: [FeedsController], providers: [FeedsService], exports: [FeedsService] })
export class FeedsModule {}
