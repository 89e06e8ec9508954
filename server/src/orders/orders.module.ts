import { Module } from '@nestjs/common';
import { IncidentsModule } from '../incidents/incidents.module';
import { OrderFiguresService } from './order-figures.service';
import { OrderIntake } from './order-intake';
import { OrderReminderSweep } from './order-reminders.service';
import { OrdersController } from './orders.controller';
import { OrdersExport } from './orders-export';
import { OrdersRepository } from './orders.repository';
import { OrdersService } from './orders.service';

@Module({
  imports: [IncidentsModule],
  controllers: [OrdersController],
  providers: [OrdersRepository, OrdersService, OrderIntake, OrderReminderSweep, OrderFiguresService, OrdersExport],
  exports: [OrdersService, OrdersRepository, OrderIntake, OrderReminderSweep, OrderFiguresService],
})
export class OrdersModule {}
