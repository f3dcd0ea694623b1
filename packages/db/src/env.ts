// The database settings, read from the environment in this one place.
import path from 'node:path';

export type DatabaseConfig =
  | { kind: 'postgresql'; url: string }
  | { kind: 'pglite'; dataDir: string };

/** DATABASE_URL selects a PostgreSQL server; otherwise embedded PGlite in DATA_DIR (default ./data). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgresql', url };
  return { kind: 'pglite', dataDir: path.resolve(env.DATA_DIR?.trim() || 'data') };
}
