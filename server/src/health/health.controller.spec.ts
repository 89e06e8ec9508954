import type { FastifyReply } from 'fastify';
import type { AppConfig } from '../config/config.schema';
import type { CorrelationLease } from '../infra/cluster/lease.service';
import { InProcessBus } from '../infra/bus/bus';
import type { Db } from '../infra/database/db';
import type { RealtimeAdapter } from '../infra/realtime/realtime.adapter';
import type { MetricsService } from '../metrics/metrics.service';
import { HealthController } from './health.controller';

// The health answer tells each part as it is: the database, the in-process bus, and the realtime
// adapter that relays live pushes between instances (Redis Streams with REDIS_URL, else none).
function answer(opts: { database: boolean; realtime: { kind: 'redis-streams' | 'none'; healthy: boolean } }) {
  const db = { ping: async () => opts.database } as unknown as Db;
  const realtime = { kind: opts.realtime.kind, healthy: () => opts.realtime.healthy } as unknown as RealtimeAdapter;
  const lease = { instance: 'spec:1', held: true } as unknown as CorrelationLease;
  const config = { env: { metricsAllow: [] } } as unknown as AppConfig;
  const controller = new HealthController(db, new InProcessBus(), {} as MetricsService, realtime, lease, config);
  let code = 200;
  const reply = { status: (c: number) => ((code = c), reply) } as unknown as FastifyReply;
  return controller.health(reply).then((body) => ({ code, body }));
}

it('one instance: the bus is in-process, no realtime adapter, all ok', async () => {
  const { code, body } = await answer({ database: true, realtime: { kind: 'none', healthy: true } });
  expect(code).toBe(200);
  expect(body).toMatchObject({ status: 'ok', database: 'ok', bus: 'ok', realtime: { adapter: 'none', status: 'ok' } });
});

it('Redis away: the bus still answers, the realtime adapter does not, and the answer is degraded', async () => {
  const { code, body } = await answer({ database: true, realtime: { kind: 'redis-streams', healthy: false } });
  expect(code).toBe(503);
  expect(body).toMatchObject({ status: 'degraded', database: 'ok', bus: 'ok', realtime: { adapter: 'redis-streams', status: 'down' } });
});

it('the database away: degraded', async () => {
  const { code, body } = await answer({ database: false, realtime: { kind: 'redis-streams', healthy: true } });
  expect(code).toBe(503);
  expect(body).toMatchObject({ status: 'degraded', database: 'down', bus: 'ok', realtime: { adapter: 'redis-streams', status: 'ok' } });
});
