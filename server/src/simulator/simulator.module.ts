import { Module } from '@nestjs/common';
import { FeedsModule } from '../feeds/feeds.module';
import { SimulatorService } from './simulator.service';

@Module({ imports: [FeedsModule], providers: [SimulatorService], exports: [SimulatorService] })
export class SimulatorModule {}
