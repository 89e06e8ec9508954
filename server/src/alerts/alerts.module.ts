import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { AlertsController } from './alerts.controller';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';
import { EscalationService } from './escalation.service';
import { RulesEngine } from './rules.engine';

@Module({
  imports: [EventsModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, RulesEngine, EscalationService],
  exports: [AlertsService, AlertsRepository, RulesEngine],
})
export class AlertsModule {}
