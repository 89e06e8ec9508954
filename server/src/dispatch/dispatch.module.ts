import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DispatchController } from './dispatch.controller';
import { DispatchRepository } from './dispatch.repository';
import { DispatchService } from './dispatch.service';

@Module({ imports: [AlertsModule], controllers: [DispatchController], providers: [DispatchRepository, DispatchService] })
export class DispatchModule {}
