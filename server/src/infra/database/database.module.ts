import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import { createDataSource } from './data-source';
import { Db } from './db';

export async function openDatabase(config: AppConfig): Promise<Db> {
  const ds = createDataSource({ databaseUrl: config.env.databaseUrl, dataDir: config.env.dataDir });
  await ds.initialize();
  const applied = await ds.runMigrations({ transaction: 'each' });
  if (applied.length > 0) new Logger('database').log(`applied migrations: ${applied.map((m) => m.name).join(', ')}`);
  return new Db(ds);
}

@Global()
@Module({
  providers: [{ provide: Db, inject: [APP_CONFIG], useFactory: (config: AppConfig) => openDatabase(config) }],
  exports: [Db],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(Db) private readonly db: Db) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.dataSource.isInitialized) await this.db.dataSource.destroy();
  }
}
