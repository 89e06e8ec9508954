import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { CorrelationPipeline } from './correlation.pipeline';
import { QuarantineController } from './quarantine.controller';
import { QuarantineRepository } from './quarantine.repository';

@Module({
  imports: [EventsModule, AlertsModule, IncidentsModule],
  controllers: [QuarantineController],
  providers: [CorrelationPipeline, QuarantineRepository],
  exports: [CorrelationPipeline],
})
export class PipelineModule {}
