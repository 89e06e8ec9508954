import { Global, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';

/**
 * Whether this instance is shutting down. Set when shutdown starts (the first destroy hooks run
 * in the modules nearest the root): from then on every answer asks its client to close the
 * connection, so a client on keep-alive cannot hold the shutdown open, and reconnects (through
 * the proxy, to another instance).
 */
@Injectable()
export class Draining implements OnModuleDestroy {
  active = false;

  onModuleDestroy(): void {
    this.active = true;
  }
}

@Global()
@Module({ providers: [Draining], exports: [Draining] })
export class DrainingModule {}
