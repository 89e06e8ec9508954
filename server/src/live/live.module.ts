import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { RealtimeModule } from '../infra/realtime/realtime.adapter';
import { StatsModule } from '../stats/stats.module';
import { LiveGateway } from './live.gateway';

@Module({ imports: [AlertsModule, StatsModule, RealtimeModule], providers: [LiveGateway], exports: [LiveGateway] })
export class LiveModule {}
