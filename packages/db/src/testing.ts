// Databases for tests: each call gives an empty database of its own, on the
// PostgreSQL server named by DATABASE_URL (TEST_DATABASE=postgresql) or an
// in-memory PGlite (TEST_DATABASE=pglite). Never mocked, never skipped.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from './client.ts';

export type TestDatabaseKind = 'postgresql' | 'pglite';

/** The server the tests use when DATABASE_URL is not set: this machine's PostgreSQL. */
export const DEFAULT_TEST_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseKind(): TestDatabaseKind {
  const kind = process.env.TEST_DATABASE ?? 'postgresql';
  if (kind !== 'postgresql' && kind !== 'pglite') throw new Error(`TEST_DATABASE must be postgresql or pglite, not ${kind}`);
  return kind;
}

export async function createTestDatabase(): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (testDatabaseKind() === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    return { db, drop: () => db.close() };
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
  const db = await openDatabase({ kind: 'postgresql', url: url.toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
