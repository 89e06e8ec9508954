import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig } from './config/config.loader';
import { ConfigError } from './config/config.schema';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`jointduty cannot start, the configuration is wrong:\n${err.message}`);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.env.port, host: '0.0.0.0' });
  const where = config.env.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.env.dataDir}`;
  new Logger('jointduty').log(
    `listening on http://localhost:${config.env.port} (${where}; simulator ${config.env.simulator ? 'on' : 'off'})`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error(`jointduty failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
