// The database settings, read from the environment in this one place.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './paths.ts';

export type DatabaseConfig =
  | { kind: 'postgresql'; url: string }
  | { kind: 'pglite'; dataDir: string };

/**
 * DATABASE_URL selects a PostgreSQL server; otherwise embedded PGlite in DATA_DIR
 * (default: data/ at the repository root). A relative DATA_DIR is taken from the
 * folder npm was started in (INIT_CWD), not the workspace npm switched to.
 */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: 'postgresql', url };
  const dataDir = env.DATA_DIR?.trim();
  if (!dataDir) return { kind: 'pglite', dataDir: path.join(repoRoot, 'data') };
  if (dataDir.startsWith('memory://')) return { kind: 'pglite', dataDir };
  return { kind: 'pglite', dataDir: path.resolve(env.INIT_CWD ?? process.cwd(), dataDir) };
}

/**
 * The evidence files folder: FILES_DIR, else DATA_DIR/files, else ./data/files
 * (PostgreSQL deployments included: there, point FILES_DIR at a disk or a
 * shared volume every API process mounts). An in-memory database (the
 * end-to-end tests) gets a throwaway folder of its process.
 */
export function filesDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const from = env.INIT_CWD ?? process.cwd();
  const filesDir = env.FILES_DIR?.trim();
  if (filesDir) return path.resolve(from, filesDir);
  const dataDir = env.DATA_DIR?.trim();
  if (dataDir?.startsWith('memory://')) return path.join(os.tmpdir(), `pufa-files-${process.pid}`);
  return path.join(dataDir ? path.resolve(from, dataDir) : path.join(repoRoot, 'data'), 'files');
}
