import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';

// The connection to Redis when REDIS_URL is set (several instances): it carries the live
// fan-out between instances (the Socket.IO Redis Streams adapter, infra/realtime) and nothing else. No record
// and no alert depends on it: records and alerts are in the database, and each instance pushes
// alert changes to its own sockets from the database's change log. So when Redis is away each
// instance still serves its own screens, and when it is back the fan-out resumes by itself.

const retryStrategy = (times: number) => Math.min(100 * times, 2000);

@Injectable()
export class RedisLink implements OnApplicationShutdown {
  private readonly logger = new Logger('redis');
  /** The publishing connection; null without REDIS_URL. */
  readonly client: Redis | null;
  private readonly others: Redis[] = [];
  private lastError = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const url = config.env.redisUrl;
    if (!url) {
      this.client = null;
      return;
    }
    // Publishing fails at once while Redis is away (no offline queue): the adapter then
    // delivers to this instance's sockets without waiting for a Redis that is not there.
    const pub = this.open(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }, 'publish');
    // The adapter reads the stream and subscribes on duplicates of this client. Those keep their
    // commands queued until Redis is back (a blocked read waits instead of failing in a loop).
    pub.duplicate = () => this.open(url, { enableOfflineQueue: true, maxRetriesPerRequest: null }, 'read');
    this.client = pub;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  healthy(): boolean {
    return this.client === null || this.client.status === 'ready';
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of [this.client, ...this.others]) c?.disconnect();
  }

  private open(url: string, opts: RedisOptions, role: string): Redis {
    const c = new Redis(url, { ...opts, retryStrategy, connectionName: `jointduty-${role}`, lazyConnect: false });
    c.on('error', (err: Error) => {
      // a Redis outage reports every retry: one line every 10 s is enough
      const now = Date.now();
      if (now - this.lastError > 10_000) {
        this.lastError = now;
        this.logger.warn(
          `redis (${role}): ${err.message}; live fan-out to other instances is paused, this instance serves its own sockets`,
        );
      }
    });
    c.on('ready', () => {
      if (role === 'publish') this.logger.log('redis connected: live fan-out between instances is on');
    });
    if (role !== 'publish') this.others.push(c);
    return c;
  }
}

@Global()
@Module({ providers: [RedisLink], exports: [RedisLink] })
export class RedisModule {}
