import { Injectable, Module } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Server } from 'socket.io';
import { RedisLink, RedisModule } from '../redis/redis-link';

// How what one instance emits to a room reaches the sockets of the others. With REDIS_URL the
// Socket.IO Redis Streams adapter relays it through Redis; without, there is one instance and the
// default in-memory adapter is all there is. Alerts never depend on it: each instance pushes them
// to its own sockets from the database's change log (live/live.gateway.ts).

export type RealtimeAdapterKind = 'redis-streams' | 'none';

@Injectable()
export class RealtimeAdapter {
  constructor(private readonly redis: RedisLink) {}

  get kind(): RealtimeAdapterKind {
    return this.redis.client ? 'redis-streams' : 'none';
  }

  // Installs the adapter on a Socket.IO server before its namespaces are made; nothing without REDIS_URL.
  attach(server: Server): void {
    const client = this.redis.client;
    if (!client) return;
    server.adapter(
      createAdapter(client, {
        streamName: 'jointduty:live',
        // about a minute of fan-out at a busy hour; the stream is a relay, not a record
        maxLen: 10_000,
        readCount: 200,
      }),
    );
  }

  // Whether the relay answers: while Redis is away each instance serves only its own sockets.
  healthy(): boolean {
    return this.redis.healthy();
  }
}

@Module({ imports: [RedisModule], providers: [RealtimeAdapter], exports: [RealtimeAdapter] })
export class RealtimeModule {}
