import { Module, type DynamicModule } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { AppConfig } from './config/config.schema';
import { DispatchModule } from './dispatch/dispatch.module';
import { EventsModule } from './events/events.module';
import { FeedsModule } from './feeds/feeds.module';
import { HealthModule } from './health/health.module';
import { CorrelationModule } from './correlation/correlation.module';
import { IncidentsModule } from './incidents/incidents.module';
import { BusModule } from './infra/bus/bus.module';
import { DatabaseModule } from './infra/database/database.module';
import { ClusterModule } from './infra/cluster/cluster.module';
import { DrainingModule } from './common/draining';
import { RedisModule } from './infra/redis/redis-link';
import { LiveModule } from './live/live.module';
import { MapModule } from './map/map.module';
import { OrdersModule } from './orders/orders.module';
import { ReportsModule } from './reports/reports.module';
import { InfoReportsModule } from './info-reports/info-reports.module';
import { HandoverModule } from './handover/handover.module';
import { ProfilesModule } from './profiles/profiles.module';
import { SimulatorModule } from './simulator/simulator.module';
import { StatsModule } from './stats/stats.module';
import { TaxonomyModule } from './taxonomy/taxonomy.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DrainingModule,
        DatabaseModule,
        ClusterModule,
        RedisModule,
        BusModule,
        HealthModule,
        AuditModule,
        TaxonomyModule,
        AuthModule,
        ProfilesModule,
        IncidentsModule,
        OrdersModule,
        FeedsModule,
        EventsModule,
        AlertsModule,
        CorrelationModule,
        DispatchModule,
        StatsModule,
        InfoReportsModule,
        HandoverModule,
        ReportsModule,
        MapModule,
        LiveModule,
        SimulatorModule,
      ],
    };
  }
}
