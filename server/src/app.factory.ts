import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { FEED_LIMITS } from '@jointduty/shared';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { Draining } from './common/draining';
import { registerJsonBody } from './common/json-body';
import { JsonLogger } from './common/logger';
import type { AppConfig } from './config/config.schema';
import { MetricsService } from './metrics/metrics.service';
import { registerRuntimeMetrics } from './metrics/runtime-metrics';
import { registerWebApp } from './web-app';

export interface CreateAppOptions {
  // the levels written (tests: ['error']), default LOG_LEVEL's; false: none
  logger?: false | LogLevel[];
  webDist?: string;
}

/** The whole server, ready to listen: used by main.ts and by the tests. */
export async function createApp(config: AppConfig, opts: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: FEED_LIMITS.maxBodyBytes,
    routerOptions: { maxParamLength: 300 },
    trustProxy: 'loopback',
    // while closing, requests still reach the routes: intake answers 503 with Retry-After
    // itself (Fastify's own closing answer has none, and a sender would not know when to retry)
    return503OnClosing: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    // JSON lines on stdout (common/logger.ts), in tests as in production
    logger:
      opts.logger === false ? false : new JsonLogger({ levels: opts.logger ?? config.env.logLevels, instance: config.env.instanceId }),
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const draining = app.get(Draining);
  fastify.addHook('onSend', async (_req, reply) => {
    if (draining.active) void reply.header('connection', 'close');
  });
  registerJsonBody(fastify);
  registerRuntimeMetrics(fastify, app.get(MetricsService));
  app.useGlobalFilters(new AllExceptionsFilter());
  await registerWebApp(fastify, opts.webDist);
  try {
    await app.init();
  } catch (err) {
    // a refused start (production checks, a database that is down) must not leave connections open
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}
