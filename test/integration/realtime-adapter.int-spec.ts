import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import net from 'node:net';
import { Server } from 'socket.io';
import type { AppConfig } from '@jointduty/server/config/config.schema';
import { RedisLink } from '@jointduty/server/infra/redis/redis-link';
import { RealtimeAdapter } from '@jointduty/server/infra/realtime/realtime.adapter';

const config = (redisUrl: string | null) => ({ env: { redisUrl } }) as unknown as AppConfig;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// on an HTTP server (never listening) so that close() has an engine to close
const server = () => new Server(createServer());

// With a redis-server of the spec's own (Redis is installed wherever the integration suite runs):
// two servers, as two instances would be, hear each other through the stream. The scale-out spec
// runs the same through whole instances with sockets.
describe('the realtime adapter with REDIS_URL', () => {
  let redis: ChildProcess;
  let url: string;

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    url = `redis://127.0.0.1:${port}`;
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const up = () =>
      new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
    for (const deadline = Date.now() + 10_000; !(await up()); await sleep(50))
      if (Date.now() > deadline) throw new Error('redis-server did not start');
  });
  afterAll(async () => {
    redis.kill('SIGKILL');
    await new Promise((r) => redis.once('exit', r));
    // the adapter disconnects its reading client once more after it was closed, and ioredis keeps
    // a timer of its disconnectTimeout (2 s) for that: Jest would otherwise wait on it
    await sleep(2_100);
  });

  it('relays what one server emits to the other, through Redis Streams', async () => {
    const links = [new RedisLink(config(url)), new RedisLink(config(url))];
    const [a, b] = links.map((link) => {
      const realtime = new RealtimeAdapter(link);
      const io = server();
      realtime.attach(io);
      expect(realtime.kind).toBe('redis-streams');
      return { io, realtime };
    });
    try {
      const heard: string[] = [];
      b!.io.of('/live').on('relay', (word: string) => heard.push(word));
      expect(a!.io.of('/live').adapter.constructor.name).toBe('RedisStreamsAdapter');
      // the links connect and subscribe in their own time: the word is said until it is heard
      const deadline = Date.now() + 10_000;
      while (heard.length === 0 && Date.now() < deadline) {
        if (a!.realtime.healthy()) a!.io.of('/live').serverSideEmit('relay', 'hello');
        await sleep(100);
      }
      expect(heard[0]).toBe('hello');
      expect(a!.realtime.healthy() && b!.realtime.healthy()).toBe(true);
    } finally {
      for (const link of links) await link.onApplicationShutdown();
      for (const s of [a!, b!]) await new Promise<void>((r) => s.io.close(() => r()));
    }
  });
});
