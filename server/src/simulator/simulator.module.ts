import { Module } from '@nestjs/common';
import { FeedsModule } from '../feeds/feeds.module';
import { OrdersModule } from '../orders/orders.module';
import { SimulatorService } from './simulator.service';
import { SimulatedUnits } from './units/simulated-units.service';

@Module({
  imports: [FeedsModule, OrdersModule],
  providers: [SimulatorService, SimulatedUnits],
  exports: [SimulatorService, SimulatedUnits],
})
export class SimulatorModule {}
