import { Global, Module } from '@nestjs/common';
import { CorrelationLease } from './lease.service';

// Global: intake, event moves and reclassification all need to know who holds correlation.
@Global()
@Module({ providers: [CorrelationLease], exports: [CorrelationLease] })
export class ClusterModule {}
