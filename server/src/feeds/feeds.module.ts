import { Module } from '@nestjs/common';
import { CorrelationModule } from '../correlation/correlation.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { OrdersModule } from '../orders/orders.module';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

@Module({ imports: [IncidentsModule, CorrelationModule, OrdersModule], controllers: [FeedsController], providers: [FeedsService], exports: [FeedsService] })
export class FeedsModule {}
