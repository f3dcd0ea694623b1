// Applies prisma/migrations with Prisma's own engine (WASM) and bookkeeping
// (_prisma_migrations), so `prisma migrate deploy/status` from a machine that
// has Prisma's binaries agrees with what we did.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { migrationsDir } from './paths.ts';
import { openSchemaEngine, type EngineLog } from './schema-engine.ts';

export const noFilters = { externalTables: [], externalEnums: [] };

/** Reads the migration folders the way the Prisma CLI does: sorted by name, one migration.sql each. */
export async function loadMigrationsList(baseDir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(baseDir, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => {
        const file = path.join(baseDir, folder, 'migration.sql');
        const content = await readFile(file, 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        );
        return { path: folder, migrationFile: { path: 'migration.sql', content } };
      }),
    ),
  };
}

/**
 * Whether any migration folder is not recorded as applied. Every start asks;
 * the answer is nearly always no, and one query is far cheaper than loading
 * the schema engine (WASM) to be told so.
 */
export async function hasPendingMigrations(query: (sql: string) => Promise<{ name: string | null }[]>): Promise<boolean> {
  const [{ name: table } = { name: null }] = await query(`SELECT to_regclass('_prisma_migrations')::text AS name`);
  if (!table) return true;
  const applied = new Set(
    (await query('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')).map((r) => r.name),
  );
  const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  return folders.some((folder) => !applied.has(folder));
}

/** Applies every migration not yet applied; returns the names it applied. Safe to call on every start. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log?: EngineLog,
): Promise<string[]> {
  const engine = await openSchemaEngine(adapterFactory, log);
  try {
    const migrationsList = await loadMigrationsList();
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}
