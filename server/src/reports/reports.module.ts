import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { ReportDrafts } from './report-drafts';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [OrdersModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService, ReportDrafts],
  exports: [ReportsService],
})
export class ReportsModule {}
