import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import { toPg, type Param, type Queryable, type Row } from '../database/db';

// This instance's own PostgreSQL session: one connection outside the pool, opened and reopened
// by the lease's poll (CorrelationLease.start). Two things live on it and must die with the
// process: the lease's advisory lock, and the LISTEN of the messages between instances. Sharing
// one connection keeps the connection budget at the pool plus one per instance, and means an
// instance listens before it tries for the lock: a new holder hears every notice sent after it
// took the lease. On SQLite it is never opened.
@Injectable()
export class ClusterSession {
  private readonly logger = new Logger('lease');
  /** who this process is among the instances: `INSTANCE_ID:pid` */
  readonly instance: string;
  private client: Client | null = null;
  private connecting = false;
  /** handlers of the notifications on each channel LISTENed */
  private readonly listeners = new Map<string, Array<() => void>>();
  private readonly opened: Array<() => void> = [];
  private readonly closed: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.instance = `${config.env.instanceId}:${process.pid}`;
  }

  get open(): boolean {
    return this.client !== null;
  }

  /** LISTENs on `channel` on every connection the session opens. */
  listen(channel: string, handler: () => void): void {
    const handlers = this.listeners.get(channel) ?? [];
    handlers.push(handler);
    this.listeners.set(channel, handlers);
  }

  /** After each (re)connection, listening: notices sent while there was none were missed. */
  onOpened(handler: () => void): void {
    this.opened.push(handler);
  }

  /** The connection closed or was given up, and what lived on it with it. */
  onClosed(handler: () => void): void {
    this.closed.push(handler);
  }

  /** Queries on the session's connection (the advisory lock), or null while there is none. */
  queryable(): Queryable | null {
    const c = this.client;
    if (!c) return null;
    return {
      dialect: 'postgres',
      query: async <T = Row>(sql: string, params: Param[] = []) => (await c.query(toPg(sql), params as unknown[])).rows as T[],
      execute: async (sql: string, params: Param[] = []) => (await c.query(toPg(sql), params as unknown[])).rowCount ?? 0,
    };
  }

  /** Opens the connection when there is none; false while one is being opened. Throws when it cannot. */
  async ensure(): Promise<boolean> {
    if (this.client) return true;
    if (this.connecting) return false;
    this.connecting = true;
    const c = new Client({
      connectionString: this.config.env.databaseUrl!,
      application_name: `jointduty-lease ${this.instance}`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    c.on('error', (err) => {
      this.logger.warn(`lease connection lost: ${err.message}`);
      if (this.client === c) this.drop();
    });
    c.on('end', () => {
      if (this.client === c) this.drop();
    });
    c.on('notification', (n) => {
      for (const h of this.listeners.get(n.channel) ?? []) h();
    });
    try {
      await c.connect();
      const channels = [...this.listeners.keys()];
      if (channels.length > 0) await c.query(channels.map((ch) => `LISTEN ${ch}`).join('; '));
      this.client = c;
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    } finally {
      this.connecting = false;
    }
    for (const h of this.opened) h();
    return true;
  }

  /** Gives the connection up (it failed): what lived on it is gone. */
  drop(): void {
    const c = this.client;
    this.client = null;
    if (c) void c.end().catch(() => undefined);
    for (const h of this.closed) h();
  }

  /** Closes the connection for good (shutdown), telling no one: the caller has let go already. */
  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => undefined);
  }
}
