// Databases for tests: each call gives an empty database of its own, on the
// PostgreSQL server named by DATABASE_URL (TEST_DATABASE=postgresql) or an
// in-memory PGlite (TEST_DATABASE=pglite). Never mocked, never skipped.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './client.ts';
import type { DatabaseConfig } from './env.ts';

export type TestDatabaseKind = 'postgresql' | 'pglite';

/** The server the tests use when DATABASE_URL is not set: this machine's PostgreSQL. */
export const DEFAULT_TEST_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DATABASE ?? 'postgresql';
  if (kind !== 'postgresql' && kind !== 'pglite') throw new Error(`TEST_DATABASE must be postgresql or pglite, not ${kind}`);
  return kind;
}

/**
 * `onDisk`: PGlite in a temporary folder instead of memory, for tests that hand
 * the database to another process (the backup scripts). `config` says how to open it.
 */
export async function createTestDatabase({ onDisk = false } = {}): Promise<{ db: Database; config: DatabaseConfig; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'pglite') {
    const folder = onDisk ? await mkdtemp(path.join(tmpdir(), 'pufa-test-')) : undefined;
    const config: DatabaseConfig = { kind: 'pglite', dataDir: folder ? path.join(folder, 'data') : 'memory://' };
    const db = await openDatabase(config);
    return {
      db,
      config,
      drop: async () => {
        await db.close().catch(() => {}); // a test may have closed it to let another process open the folder
        if (folder) await rm(folder, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.DATABASE_URL || DEFAULT_TEST_SERVER;
  const name = `pufa_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`The PostgreSQL tests need a server at ${serverUrl} (set DATABASE_URL): ${(error as Error).message}`);
  }
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { kind: 'postgresql', url: url.toString() };
  const db = await openDatabase(config);
  return {
    db,
    config,
    drop: async () => {
      await db.close().catch(() => {}); // a test may have closed it already
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
