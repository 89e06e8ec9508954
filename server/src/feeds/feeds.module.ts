import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({ imports: [IncidentsModule], controllers: [FeedsController], providers: [FeedsService], exports: [FeedsService] })
export class FeedsModule {}
