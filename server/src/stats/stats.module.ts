import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { OrdersModule } from '../orders/orders.module';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

@Module({ imports: [IncidentsModule, AlertsModule, OrdersModule], controllers: [StatsController], providers: [StatsService], exports: [StatsService] })
export class StatsModule {}
