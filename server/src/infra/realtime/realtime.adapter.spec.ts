import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { AppConfig } from '../../config/config.schema';
import { RedisLink } from '../redis/redis-link';
import { RealtimeAdapter } from './realtime.adapter';

const config = (redisUrl: string | null) => ({ env: { redisUrl } }) as unknown as AppConfig;
// on an HTTP server (never listening) so that close() has an engine to close
const server = () => new Server(createServer());

describe('the realtime adapter without REDIS_URL', () => {
  it('leaves Socket.IO on its in-memory adapter, and is healthy', async () => {
    const realtime = new RealtimeAdapter(new RedisLink(config(null)));
    const io = server();
    realtime.attach(io);
    expect(realtime.kind).toBe('none');
    expect(realtime.healthy()).toBe(true);
    expect(io.of('/live').adapter.constructor.name).toBe('Adapter');
    await new Promise<void>((r) => io.close(() => r()));
  });
});

// With Redis, two servers hear each other: test/integration/realtime-adapter.int-spec.ts.
