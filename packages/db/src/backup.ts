// Backups of either database, as one folder an operator can copy, check and
// restore: manifest.json (what, when, which migrations, how many rows in each
// table), the database itself (pg_dump's custom format, or PGlite's own dump
// of its data folder) and, when it exists, the files folder beside the
// embedded database (DATA_DIR/files) or FILES_DIR (the evidence files), copied as it is.
import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DatabaseConfig } from './env.ts';
import { lockDataDir } from './data-dir-lock.ts';

const run = promisify(execFile);

export const BACKUP_FORMAT = 1;
const POSTGRESQL_DUMP = 'database.dump';
const PGLITE_DUMP = 'pgdata.tar.gz';
const FILES = 'files';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  kind: DatabaseConfig['kind'];
  createdAt: string;
  /** Migrations applied to the database when it was backed up. */
  migrations: string[];
  /** Rows in each table: the restore checks it got the same. */
  rowCounts: Record<string, number>;
  /** Whether the folder holds a copy of DATA_DIR/files. */
  hasFiles: boolean;
}

/** What both pg.Client and PGlite answer to. */
interface Queryable {
  query<T>(sql: string): Promise<{ rows: T[] }>;
}

/** Rows in every table of the public schema, in one statement (one snapshot). */
export async function tableRowCounts(db: Queryable): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  if (!tables.length) return {};
  const { rows } = await db.query<Record<string, number>>(
    `SELECT ${tables.map(({ table_name: t }) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`,
  );
  return rows[0]!;
}

async function appliedMigrations(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ migration_name: string }>(
    'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
  );
  return rows.map((r) => r.migration_name);
}

/** Someone took the data folder while a backup or restore held it: stop rather than write on. */
function exitOnLostLock(error: Error): never {
  console.error(`Lost the lock on the data folder (${error.message}); stopping.`);
  process.exit(1);
}

/**
 * Runs `use` with a plain connection to the database. The embedded database's
 * folder is locked first, like the server does, so a backup or restore never
 * runs beside a server on the same folder (it is refused, naming the server).
 * `load` fills an empty folder from a PGlite dump before opening it.
 */
async function withConnection<T>(config: DatabaseConfig, use: (db: Queryable, pglite?: PGlite) => Promise<T>, load?: Blob): Promise<T> {
  if (config.kind === 'pglite') {
    const unlock = await lockDataDir(config.dataDir, exitOnLostLock);
    try {
      const pglite = await PGlite.create(config.dataDir, load ? { loadDataDir: load } : {});
      try {
        return await use(pglite, pglite);
      } finally {
        await pglite.close();
      }
    } finally {
      await unlock();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/** The files folder that belongs to an embedded database (and, later, to a server deployment's DATA_DIR). */
export const filesDirOf = (dataDir: string) => path.join(dataDir, FILES);

/** `pufa-<kind>-20261127-215501`, in UTC so the names sort across machines. */
export function backupName(kind: DatabaseConfig['kind'], at = new Date()): string {
  return `pufa-${kind}-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
}

/**
 * Writes a backup folder and returns its manifest. PostgreSQL: pg_dump takes a
 * consistent snapshot while the API keeps running. PGlite: the database is
 * opened here, so the server must be stopped (a folder in use is refused).
 */
export async function createBackup(config: DatabaseConfig, options: { target: string; filesDir?: string }): Promise<BackupManifest> {
  if (await exists(options.target)) throw new Error(`${options.target} already exists; choose a new folder`);
  await mkdir(options.target, { recursive: true });
  try {
    return await writeBackup(config, options);
  } catch (error) {
    // A half-written backup must not pass for one.
    await rm(options.target, { recursive: true, force: true });
    throw error;
  }
}

async function writeBackup(config: DatabaseConfig, options: { target: string; filesDir?: string }): Promise<BackupManifest> {
  const manifest = await withConnection(config, async (db, pglite) => {
    const describe = async (): Promise<BackupManifest> => ({
      format: BACKUP_FORMAT,
      kind: config.kind,
      createdAt: new Date().toISOString(),
      migrations: await appliedMigrations(db),
      rowCounts: await tableRowCounts(db),
      hasFiles: false,
    });
    if (pglite) {
      // Opened here alone, so nothing writes while PGlite packs its folder.
      const described = await describe();
      const dump = await pglite.dumpDataDir('gzip');
      await writeFile(path.join(options.target, PGLITE_DUMP), Buffer.from(await dump.arrayBuffer()));
      return described;
    }
    // The row counts and pg_dump read one exported snapshot, so they agree while the API keeps writing.
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows } = await db.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const described = await describe();
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--snapshot=${rows[0]!.snapshot}`,
      `--file=${path.join(options.target, POSTGRESQL_DUMP)}`,
      `--dbname=${(config as { url: string }).url}`,
    ]);
    await db.query('COMMIT');
    return described;
  });
  const filesDir = options.filesDir ?? (config.kind === 'pglite' ? filesDirOf(config.dataDir) : undefined);
  if (filesDir && (await exists(filesDir))) {
    // After the dump: a file is on disk before its row commits, so every row in the dump finds its file here.
    // Half-written uploads (.tmp) are left out.
    await cp(filesDir, path.join(options.target, FILES), { recursive: true, filter: (source) => path.basename(source) !== '.tmp' });
    manifest.hasFiles = true;
  }
  await writeFile(path.join(options.target, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export async function readManifest(source: string): Promise<BackupManifest> {
  const manifest = JSON.parse(await readFile(path.join(source, 'manifest.json'), 'utf8')) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) throw new Error(`${source} is a backup of format ${manifest.format}; this version reads format ${BACKUP_FORMAT}`);
  return manifest;
}

/** Tables whose row counts differ from the manifest's (empty when the restore is complete). */
export function countDifferences(expected: Record<string, number>, actual: Record<string, number>): string[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables.filter((t) => expected[t] !== actual[t]).map((t) => `${t}: ${actual[t] ?? 'missing'} rows, the backup has ${expected[t] ?? 'none'}`);
}

/**
 * Restores a backup into an empty database (a PostgreSQL database with no
 * tables, or a DATA_DIR that does not exist or is empty), then checks every
 * table's row count against the manifest. `replace` moves an existing DATA_DIR
 * aside (never deletes it) or, on PostgreSQL, drops the objects pg_restore
 * recreates. The server must be stopped while a restore runs.
 */
export async function restoreBackup(config: DatabaseConfig, options: { source: string; replace?: boolean; filesDir?: string }): Promise<{ manifest: BackupManifest; movedAside?: string }> {
  const manifest = await readManifest(options.source);
  if (manifest.kind !== config.kind) {
    throw new Error(`This is a backup of ${manifest.kind === 'pglite' ? 'the embedded database' : 'a PostgreSQL server'}; restore it with ${manifest.kind === 'pglite' ? 'DATA_DIR set and DATABASE_URL unset' : 'DATABASE_URL set'}`);
  }
  let movedAside: string | undefined;
  if (config.kind === 'postgresql') {
    const tables = Object.keys(await withConnection(config, tableRowCounts));
    if (tables.length && !options.replace) throw new Error(`The database already has ${tables.length} tables; restore into an empty database, or pass --replace`);
    const clean = options.replace ? ['--clean', '--if-exists'] : [];
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...clean, `--dbname=${config.url}`, path.join(options.source, POSTGRESQL_DUMP)]);
  } else {
    const dataDir = config.dataDir;
    // The lock's own files do not count: a folder with only them holds no database.
    const contents = (await exists(dataDir)) ? (await readdir(dataDir)).filter((name) => !name.startsWith('.pufa-lock')) : [];
    if (contents.length && !options.replace) throw new Error(`${dataDir} already holds a database; choose an empty DATA_DIR, or pass --replace (the old folder is kept beside it)`);
    if (contents.length) {
      // Taken and given back first, so a folder a server is using is refused, not moved.
      await (await lockDataDir(dataDir, exitOnLostLock))();
      movedAside = `${dataDir}.before-restore-${backupName('pglite').slice('pufa-pglite-'.length)}`;
      await rename(dataDir, movedAside);
    }
  }
  const dump = config.kind === 'pglite' ? new Blob([await readFile(path.join(options.source, PGLITE_DUMP))]) : undefined;
  const restoredCounts = await withConnection(config, tableRowCounts, dump);
  const filesDir = options.filesDir ?? (config.kind === 'pglite' ? filesDirOf(config.dataDir) : undefined);
  if (manifest.hasFiles && filesDir) await cp(path.join(options.source, FILES), filesDir, { recursive: true });
  const differences = countDifferences(manifest.rowCounts, restoredCounts);
  if (differences.length) throw new Error(`The restored database differs from the backup:\n  ${differences.join('\n  ')}`);
  return { manifest, movedAside };
}
