import 'reflect-metadata';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { FEED_LIMITS } from '@jointduty/shared';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { Draining } from './common/draining';
import { registerJsonBody } from './common/json-body';
import type { AppConfig } from './config/config.schema';
import { registerWebApp } from './web-app';

export interface CreateAppOptions {
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
    logger: opts.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const draining = app.get(Draining);
  fastify.addHook('onSend', async (_req, reply) => {
    if (draining.active) void reply.header('connection', 'close');
  });
  registerJsonBody(fastify);
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
