import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { StatsModule } from '../stats/stats.module';
import { LiveGateway } from './live.gateway';

@Module({ imports: [AlertsModule, StatsModule], providers: [LiveGateway], exports: [LiveGateway] })
export class LiveModule {}
