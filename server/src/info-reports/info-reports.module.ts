import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { IncidentsModule } from '../incidents/incidents.module';
import { InfoReportSweep } from './info-report-sweep.service';
import { InfoReportsController } from './info-reports.controller';
import { InfoReportsRepository } from './info-reports.repository';
import { InfoReportsService } from './info-reports.service';

// Information reports (信息报送, CONTRACT §10): opened by major alerts, submitted by duty, swept for lateness.
@Module({
  imports: [EventsModule, IncidentsModule],
  controllers: [InfoReportsController],
  providers: [InfoReportsRepository, InfoReportsService, InfoReportSweep],
  exports: [InfoReportsService, InfoReportSweep],
})
export class InfoReportsModule {}
