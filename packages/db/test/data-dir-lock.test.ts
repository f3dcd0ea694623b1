// Two processes on one embedded database folder lost data (issue 9): the second
// one must be refused, naming the first, and a lock left by a killed process
// must not stop a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openDatabase } from '../src/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const folders: string[] = [];

async function newFolder() {
  const folder = await mkdtemp(path.join(tmpdir(), 'pufa-lock-'));
  folders.push(folder);
  return folder;
}

/** Another process holding the folder, once it says it has opened it. */
function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'fixtures/hold-data-dir.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the holder exited with ${code}`)));
  });
}

const killed = (child: ChildProcess) => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGKILL')));

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('the embedded database folder', () => {
  it('is refused to a second process while the first runs, naming it; reopens at once after a kill -9', async () => {
    const dataDir = await newFolder();
    const holder = await holdInAnotherProcess(dataDir);
    try {
      const refused = await openDatabase({ kind: 'pglite', dataDir }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DataDirInUseError);
      expect((refused as DataDirInUseError).owner?.pid).toBe(holder.pid);
      expect((refused as DataDirInUseError).message).toContain(`process ${holder.pid}`);
    } finally {
      await killed(holder);
    }
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    await reopened.prisma.$queryRaw`SELECT 1`;
    await reopened.close();
  });

  it('is released by close(), so the next process opens it', async () => {
    const dataDir = await newFolder();
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.close();
  });
});
