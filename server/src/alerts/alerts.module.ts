import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { AlertHistoryRepository } from './alert-history.repository';
import { AlertHistoryService } from './alert-history.service';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { CapService } from './cap';
import { EscalationService } from './escalation.service';
import { SilencesController } from './silences.controller';
import { SilencesService } from './silences.service';

@Module({
  imports: [EventsModule, IncidentsModule],
  controllers: [AlertsController, SilencesController],
  providers: [AlertsRepository, AlertsService, EscalationService, SilencesService, AlertHistoryRepository, AlertHistoryService, CapService],
  exports: [AlertsService, AlertsRepository, SilencesService, AlertHistoryService],
})
export class AlertsModule {}
