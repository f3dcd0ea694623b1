// The embedded database is one process's: PGlite keeps its own state in memory,
// so a second server on the same folder would hand out the same ids and each
// would overwrite the other's writes. Whoever opens a data folder holds a lock
// on it for as long as it runs; a second process is refused, naming the first.
import { hostname } from 'node:os';
import path from 'node:path';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import lockfile from 'proper-lockfile';

/** The lock is a directory inside the data folder, refreshed while its owner runs. */
const LOCK_NAME = '.pufa-lock';
const OWNER_NAME = '.pufa-lock-owner.json';
/** A lock not refreshed for this long belongs to a process that is gone (another machine on a shared volume). */
const STALE_MS = 60_000;

export interface DataDirOwner {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DataDirInUseError extends Error {
  readonly code = 'EDATADIRINUSE';
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner | null,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.hostname} (started ${owner.startedAt}: ${owner.command})` : 'another process';
    super(
      `The data folder ${dataDir} is in use by ${who}. ` +
        'Only one Pufa Tracker server (or database command) may use an embedded database at a time: ' +
        'stop the other one first, or give this one its own DATA_DIR. Several servers can share a PostgreSQL server (DATABASE_URL).',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Folders this process holds (a second open in the same process is refused too). */
const heldHere = new Set<string>();

/** Whether a process with this id runs on this machine (our own id, when we hold nothing, was a previous run's: containers reuse pids). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<DataDirOwner | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DataDirOwner;
  } catch {
    return null;
  }
}

/**
 * Takes the folder's lock (creating the folder if needed); resolves to the
 * function that releases it. Throws DataDirInUseError when another live process
 * holds it. A lock left by a process that was killed on this machine is taken
 * over at once; one from another machine once it has not been refreshed for a minute.
 */
export async function lockDataDir(dataDir: string, onLost: (error: Error) => void): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const ownerPath = path.join(dataDir, OWNER_NAME);
  const options = { lockfilePath: lockPath, realpath: false, stale: STALE_MS, update: STALE_MS / 6, onCompromised: onLost };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const owner = await readOwner(ownerPath);
    const isLeftByKilledProcess = !heldHere.has(dataDir) && owner !== null && owner.hostname === hostname() && !isRunning(owner.pid);
    if (!isLeftByKilledProcess) throw new DataDirInUseError(dataDir, owner);
    await rm(lockPath, { recursive: true, force: true });
    release = await lockfile.lock(dataDir, options);
  }
  const owner: DataDirOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: process.argv.slice(1).join(' ') };
  await writeFile(ownerPath, JSON.stringify(owner));
  heldHere.add(dataDir);
  return async () => {
    heldHere.delete(dataDir);
    await rm(ownerPath, { force: true });
    await release();
  };
}
