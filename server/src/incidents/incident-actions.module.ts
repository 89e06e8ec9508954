import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { EventMovesService } from '../events/event-moves.service';
import { EventsModule } from '../events/events.module';
import { IncidentActionsController } from './incident-actions.controller';
import { IncidentsModule } from './incidents.module';
import { ReclassifyService } from './reclassify.service';

// Reclassify and move need the events, the correlator and the rules: a module of their own, so
// that the incidents module stays below events and alerts.
@Module({
  imports: [IncidentsModule, EventsModule, AlertsModule],
  controllers: [IncidentActionsController],
  providers: [ReclassifyService, EventMovesService],
  exports: [EventMovesService],
})
export class IncidentActionsModule {}
