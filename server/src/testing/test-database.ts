import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../db/data-source';
import { MIGRATIONS } from '../db/migrations';

/**
 * A throwaway database for one test file. With TEST_DATABASE_URL=mysql://… (CI sets it for
 * MariaDB) each call creates its own database on that server and drops it afterwards; otherwise
 * an in-memory SQLite. Either way the real migrations build the schema.
 */
export interface TestDatabase {
  dataSource: DataSource;
  url: string | null;
  kind: 'sqlite' | 'mysql';
  /** The SQLite file (or ':memory:'); undefined on MySQL. */
  sqlitePath?: string;
  close(): Promise<void>;
}

export function testDatabaseServerUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  return url && url.startsWith('mysql://') ? url : null;
}

export interface TestDatabaseOptions {
  /** SQLite in a temporary file instead of memory, for tests that open a second connection. */
  sqliteFile?: boolean;
}

export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = testDatabaseServerUrl();
  if (!serverUrl) {
    const dir = options.sqliteFile ? mkdtempSync(join(tmpdir(), 'kejing-db-')) : null;
    const sqlitePath = dir ? join(dir, 'test.sqlite') : ':memory:';
    const dataSource = await openDatabase({ url: null, sqlitePath });
    return {
      dataSource, url: null, kind: 'sqlite', sqlitePath,
      close: async () => {
        if (dataSource.isInitialized) await dataSource.destroy();
        if (dir) rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `kejing_t_${randomBytes(5).toString('hex')}`;
  const admin = await createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = serverUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const dataSource = await openDatabase({ url, timeoutMs: 5000 });
  return {
    dataSource,
    url,
    kind: 'mysql',
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}

/** Reverts the migrations down to just before `migration` (it and every later one), for a test of what it does to data. */
export async function revertToBefore(db: TestDatabase, migration: (typeof MIGRATIONS)[number]): Promise<void> {
  for (let n = MIGRATIONS.length - MIGRATIONS.indexOf(migration); n > 0; n -= 1) await db.dataSource.undoLastMigration();
}
