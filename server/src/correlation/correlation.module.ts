import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { OrdersModule } from '../orders/orders.module';
import { CorrectionsController } from './corrections/corrections.controller';
import { EventMovesService } from './corrections/event-moves.service';
import { ReclassifyService } from './corrections/reclassify.service';
import { AfterCommit } from './pipeline/after-commit';
import { CorrelationMemory } from './pipeline/correlation-memory';
import { CorrelationPipeline } from './pipeline/correlation.pipeline';
import { DirectStore } from './pipeline/direct-store';
import { GrowthThrottle } from './pipeline/growth-throttle';
import { PipelineMetrics } from './pipeline/pipeline.metrics';
import { QuarantineController } from './pipeline/quarantine.controller';
import { QuarantineRepository } from './pipeline/quarantine.repository';
import { QuarantineService } from './pipeline/quarantine.service';
import { QueueWorker } from './pipeline/queue-worker';
import { CorrelationTurns } from './pipeline/turns';
import { RulesEngine } from './rules/rules.engine';
import { UnderstandingService } from './understanding.service';

// The path every record takes after intake: understanding (the pure engine in memory), the rules,
// the pipeline that stores and correlates, and the duty staff's corrections (moves, reclassify).
// It writes through the stores below it (incidents, events, alerts) and is imported by features.
@Module({
  imports: [IncidentsModule, EventsModule, AlertsModule, OrdersModule],
  controllers: [QuarantineController, CorrectionsController],
  providers: [
    UnderstandingService,
    RulesEngine,
    // the pipeline, by job: turns on memory, the direct store, the queue, the quarantine search,
    // the growth throttle, what follows a commit, the metrics, and the door that starts them
    CorrelationTurns,
    CorrelationMemory,
    PipelineMetrics,
    GrowthThrottle,
    AfterCommit,
    QuarantineRepository,
    QuarantineService,
    QueueWorker,
    DirectStore,
    CorrelationPipeline,
    ReclassifyService,
    EventMovesService,
  ],
  exports: [UnderstandingService, RulesEngine, CorrelationPipeline, EventMovesService],
})
export class CorrelationModule {}
