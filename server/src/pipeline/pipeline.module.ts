import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { CorrelationPipeline } from './correlation.pipeline';

@Module({ imports: [EventsModule, AlertsModule, IncidentsModule], providers: [CorrelationPipeline], exports: [CorrelationPipeline] })
export class PipelineModule {}
