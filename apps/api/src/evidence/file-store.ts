// The evidence files on disk (FILES_DIR). A file is written under a temporary
// name, flushed to disk (fsync), then renamed into place and its folder
// flushed: a crash leaves either no file or the whole file, never half of one.
// The database row is written after this (evidence-repository), so a row
// always has its file; a file whose row never came is an orphan, reported at
// start-up (orphans.ts) rather than deleted silently.
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

/** Derivatives of an image, stored beside the original as <key>.<variant>. */
export const VARIANTS = { small: 'thumb.webp', large: 'display.webp' } as const;
export type Variant = keyof typeof VARIANTS;

const TMP = '.tmp';

export class FileStore {
  constructor(readonly root: string) {}

  /** A new storage key: a folder per month keeps folders small; the name is random (never the client's). */
  newKey(now = new Date()): string {
    return `${now.toISOString().slice(0, 7)}/${randomUUID()}`;
  }

  absolute(key: string, variant?: Variant): string {
    const file = path.resolve(this.root, variant ? `${key}.${VARIANTS[variant]}` : key);
    // Keys are ours, but a path must never leave the folder.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`storage key outside FILES_DIR: ${key}`);
    return file;
  }

  /** Writes the original and its variants durably; removes what it wrote when any part fails. */
  async put(key: string, parts: { original: Buffer } & Partial<Record<Variant, Buffer>>): Promise<void> {
    const targets: [string, Buffer][] = [[this.absolute(key), parts.original]];
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const bytes = parts[variant];
      if (bytes) targets.push([this.absolute(key, variant), bytes]);
    }
    const folder = path.dirname(targets[0]![0]);
    await mkdir(folder, { recursive: true });
    await mkdir(path.join(this.root, TMP), { recursive: true });
    const written: string[] = [];
    try {
      for (const [target, bytes] of targets) {
        const temporary = path.join(this.root, TMP, randomUUID());
        const handle = await open(temporary, 'wx', 0o640);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
        written.push(target);
      }
      await syncFolder(folder);
    } catch (error) {
      await Promise.all(written.map((file) => rm(file, { force: true })));
      throw error;
    }
  }

  /** Removes a file and its variants (an upload whose row could not be written). */
  async remove(key: string): Promise<void> {
    await Promise.all([this.absolute(key), ...(Object.keys(VARIANTS) as Variant[]).map((v) => this.absolute(key, v))].map((file) => rm(file, { force: true })));
  }

  async exists(key: string, variant?: Variant): Promise<boolean> {
    return stat(this.absolute(key, variant)).then((s) => s.isFile(), () => false);
  }

  read(key: string, variant?: Variant) {
    return createReadStream(this.absolute(key, variant));
  }

  /** The storage keys of every original on disk (variants and temporary files left out). */
  async listKeys(): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const variantSuffixes = Object.values(VARIANTS).map((suffix) => `.${suffix}`);
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((key) => !key.startsWith(`${TMP}/`) && !variantSuffixes.some((suffix) => key.endsWith(suffix)));
  }
}

/** fsync of a folder makes a rename in it durable (Linux); not every platform allows it. */
async function syncFolder(folder: string) {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
