import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export type DatabaseKind = 'sqlite' | 'mysql';
/** MariaDB speaks MySQL's protocol but reports column defaults differently, so TypeORM must know. */
export type MysqlFlavour = 'mysql' | 'mariadb';

export interface DatabaseSettings {
  /** mysql://… or null for SQLite. */
  url: string | null;
  /** SQLite file; ':memory:' for throwaway tests. */
  sqlitePath?: string;
  dataDir?: string;
  /** Milliseconds a MySQL connect or query may take before it fails (so requests can answer 503). */
  timeoutMs?: number;
  poolSize?: number;
}

export function databaseKind(settings: DatabaseSettings): DatabaseKind {
  return settings.url ? 'mysql' : 'sqlite';
}

/** Builds the DataSource for the configured store. Migrations only; synchronize stays off. */
export function createDataSource(settings: DatabaseSettings, flavour: MysqlFlavour = 'mysql'): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, logging: false } as const;
  let options: DataSourceOptions;
  if (settings.url) {
    options = {
      ...common,
      type: flavour,
      url: settings.url.replace(/^mariadb:/, 'mysql:'),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      bigNumberStrings: false,
      supportBigNumbers: true,
      connectTimeout: settings.timeoutMs ?? 10_000,
      poolSize: settings.poolSize ?? 10,
      extra: { connectionLimit: settings.poolSize ?? 10, queueLimit: 0, enableKeepAlive: true },
    };
  } else {
    const path = settings.sqlitePath ?? join(settings.dataDir ?? './data', 'kejing.sqlite');
    if (path !== ':memory:') mkdirSync(join(path, '..'), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: path,
      // WAL lets readers run while the group commit writes; NORMAL is durable across a process crash.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        // SQLite's own page cache is 2 MB by default: in a big file an agent's 2,000 contacts sit on
        // 2,000 pages, re-read through the OS on every list. 256 MB at most (taken only as pages are
        // read) made the morning list, count and grid 3–4× faster at 10,000,000 contacts (bench/read-scale.js).
        db.pragma('cache_size = -262144');
        // A checkpoint (WAL → database file) syncs both files; at SQLite's default of every 1,000
        // pages (4 MB) the scorer's batches (each contact's figures, explanation and state: ~20 KB)
        // paid one every other commit. Every 16,384 pages (64 MB) keeps the WAL bounded and the syncs rare.
        db.pragma('wal_autocheckpoint = 16384');
        // better-sqlite3 waits synchronously: keep the wait short so a locked file answers 503, not a frozen loop.
        db.pragma('busy_timeout = 300');
      },
    };
  }
  return new DataSource(options);
}

/** Asks the server what it is, once, before TypeORM is configured. */
export async function detectMysqlFlavour(url: string, timeoutMs = 10_000): Promise<MysqlFlavour> {
  if (url.startsWith('mariadb:')) return 'mariadb';
  const connection = await createConnection({ uri: url, connectTimeout: timeoutMs });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS v');
    return /mariadb/i.test(String((rows as { v: string }[])[0]?.v)) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** Opens the store and applies pending migrations. */
export async function openDatabase(settings: DatabaseSettings): Promise<DataSource> {
  const flavour = settings.url ? await detectMysqlFlavour(settings.url, settings.timeoutMs) : 'mysql';
  const dataSource = createDataSource(settings, flavour);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
