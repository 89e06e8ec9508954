import { Module } from '@nestjs/common';
import { InfoReportsModule } from '../info-reports/info-reports.module';
import { HandoverController } from './handover.controller';
import { HandoverRepository } from './handover.repository';
import { HandoverService } from './handover.service';

@Module({
  imports: [InfoReportsModule],
  controllers: [HandoverController],
  providers: [HandoverRepository, HandoverService],
  exports: [HandoverService],
})
export class HandoverModule {}
