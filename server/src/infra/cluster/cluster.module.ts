import { Global, Module } from '@nestjs/common';
import { Db } from '../database/db';
import { ClusterSession } from './cluster-session';
import { InstanceMessages, NoInstanceMessages, PgInstanceMessages } from './instance-messages';
import { CorrelationLease } from './lease.service';

// Global: intake, event moves and reclassification need to know who holds correlation, and
// intake, the quarantine, alerts and the live sockets send or hear messages between instances.
@Global()
@Module({
  providers: [
    ClusterSession,
    CorrelationLease,
    {
      provide: InstanceMessages,
      inject: [Db, ClusterSession],
      useFactory: (db: Db, session: ClusterSession): InstanceMessages =>
        db.dialect === 'postgres' ? new PgInstanceMessages(session) : new NoInstanceMessages(),
    },
  ],
  exports: [CorrelationLease, InstanceMessages],
})
export class ClusterModule {}
