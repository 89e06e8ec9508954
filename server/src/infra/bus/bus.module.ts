import { Global, Module } from '@nestjs/common';
import { EventBus, InProcessBus } from './bus';

@Global()
@Module({ providers: [{ provide: EventBus, useFactory: () => new InProcessBus() }], exports: [EventBus] })
export class BusModule {}
