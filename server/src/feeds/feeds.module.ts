import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({ imports: [IncidentsModule, PipelineModule], controllers: [FeedsController], providers: [FeedsService], exports: [FeedsService] })
export class FeedsModule {}
