import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { JsonLogger } from './common/logger';
import { loadConfig } from './config/config.loader';
import { ConfigError } from './config/config.schema';

// Docker stops a container with SIGTERM and kills it after stop_grace_period (30 s in
// docker-compose.yml). A shutdown still running after this long is stuck: say so and exit,
// rather than be killed without a word.
const SHUTDOWN_DEADLINE_MS = 25_000;

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      // before the configuration is read there is no LOG_LEVEL: a fatal line is always written
      new JsonLogger().fatal({ msg: 'jointduty cannot start, the configuration is wrong', problems: err.problems }, 'config');
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  // SIGTERM (docker stop) and SIGINT (Ctrl-C), among Nest's default signals: sockets are told to
  // go (they reconnect, to the other instance behind the proxy), requests in flight are answered,
  // then the database and the bus are closed. Then process.exit(0), not Nest's default of
  // re-raising the signal: as PID 1 in a container (no init) a re-raised SIGTERM is ignored.
  app.enableShutdownHooks([], { useProcessExit: true });
  const logger = new Logger('jointduty');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // once, and only to say what is happening: Nest's own listener does the closing
    process.once(signal, () => {
      logger.log(`${signal}: shutting down`);
      process.once('exit', (code) => logger.log(`stopped (exit code ${code})`));
      setTimeout(() => {
        logger.fatal(`shutdown not finished after ${SHUTDOWN_DEADLINE_MS / 1000} s, exiting`);
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
  await app.listen({ port: config.env.port, host: '0.0.0.0' });
  const where = config.env.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.env.dataDir}`;
  const fanOut = config.env.redisUrl ? 'live fan-out through Redis' : 'live fan-out in-process';
  logger.log(`listening on http://localhost:${config.env.port} (${where}; ${fanOut}; simulator ${config.env.simulator ? 'on' : 'off'})`);
}

bootstrap().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  new JsonLogger().fatal(`jointduty failed to start: ${message}`, err instanceof Error ? err.stack : undefined, 'jointduty');
  process.exit(1);
});
