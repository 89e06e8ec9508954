import fs from 'node:fs';
import path from 'node:path';
import { types } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { Initial1763900000000 } from './migrations/1763900000000-initial';
import { Understanding1764000000000 } from './migrations/1764000000000-understanding';
import { EventNotes1764100000000 } from './migrations/1764100000000-event-notes';
import { Console1764200000000 } from './migrations/1764200000000-console';
import { AlertHistory1764300000000 } from './migrations/1764300000000-alert-history';
import { Pipeline1764400000000 } from './migrations/1764400000000-pipeline';
import { Quarantine1764500000000 } from './migrations/1764500000000-quarantine';
import { IncidentCounts1764600000000 } from './migrations/1764600000000-incident-counts';
import { Orders1764700000000 } from './migrations/1764700000000-orders';
import { Rollups1764800000000 } from './migrations/1764800000000-rollups';
import { InfoReports1764810000000 } from './migrations/1764810000000-info-reports';
import { Handover1764820000000 } from './migrations/1764820000000-handover';
import { ReportSnapshots1764830000000 } from './migrations/1764830000000-report-snapshots';

export const MIGRATIONS = [
  Initial1763900000000,
  Understanding1764000000000,
  EventNotes1764100000000,
  Console1764200000000,
  AlertHistory1764300000000,
  Pipeline1764400000000,
  Quarantine1764500000000,
  IncidentCounts1764600000000,
  Orders1764700000000,
  Rollups1764800000000,
  InfoReports1764810000000,
  Handover1764820000000,
  ReportSnapshots1764830000000,
];

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
}

/** SQLite in DATA_DIR by default; PostgreSQL when DATABASE_URL is set. Migrations, never synchronize. */
export function createDataSource(opts: DatabaseOptions): DataSource {
  if (opts.databaseUrl) {
    return new DataSource({
      type: 'postgres',
      url: opts.databaseUrl,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      migrationsTableName: 'migrations',
      synchronize: false,
      extra: { max: 10, connectionTimeoutMillis: 5000 },
    });
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: path.join(opts.dataDir, 'jointduty.sqlite'),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      // FULL: a commit is on disk before the 202 goes out, even if the machine loses power
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  });
}

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'postgres' ? 'postgres' : 'sqlite';
}

// PostgreSQL bigint (int8) arrives as a string by default; our bigints are epoch ms and seqs,
// well inside Number's exact range.
types.setTypeParser(20, (v: string) => Number(v));
