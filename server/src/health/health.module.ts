import { Global, Module } from '@nestjs/common';
import { RealtimeModule } from '../infra/realtime/realtime.adapter';
import { MetricsService } from '../metrics/metrics.service';
import { HealthController } from './health.controller';

@Global()
@Module({ imports: [RealtimeModule], controllers: [HealthController], providers: [MetricsService], exports: [MetricsService] })
export class HealthModule {}
