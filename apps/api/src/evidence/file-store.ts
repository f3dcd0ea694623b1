// Where evidence files are kept: a folder (FILES_DIR, the default) or an
// S3-compatible bucket (s3-file-store.ts, FILES_STORE=s3). Both keep an original
// and its image variants under one storage key that the database row names.
//
// The folder store: a file is written under a temporary
// name, flushed to disk (fsync), then renamed into place and its folder
// flushed: a crash leaves either no file or the whole file, never half of one.
// The database row is written after this (evidence-repository), so a row
// always has its file; a file whose row never came is an orphan, reported at
// start-up (orphans.ts) rather than deleted silently.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { SpooledUpload } from './spool-upload.ts';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';

/** Derivatives of an image, stored beside the original as <key>.<variant>. */
export const VARIANTS = { small: 'thumb.webp', large: 'display.webp' } as const;
export type Variant = keyof typeof VARIANTS;

const TMP = '.tmp';

export type StoredParts = { original: Buffer | SpooledUpload } & Partial<Record<Variant, Buffer>>;

export interface FileStore {
  /** Where the files are, for the operator's log lines (a folder, or s3://bucket/prefix). */
  readonly location: string;
  newKey(now?: Date): string;
  /** Where uploads are spooled before they are stored (the folder store's own disk, so storing is a rename). */
  readonly spoolFolder: string;
  /**
   * Stores the original (bytes, or an upload spooled to a temporary file, which stays for the
   * caller to remove) and its variants whole; removes what it wrote when any part fails.
   */
  put(key: string, parts: StoredParts): Promise<void>;
  /** Removes a file and its variants (an upload whose row could not be written). */
  remove(key: string): Promise<void>;
  exists(key: string, variant?: Variant): Promise<boolean>;
  /** The file's bytes, opened when first read (a zip of a year of photos holds no file open in advance). */
  read(key: string, variant?: Variant): Readable;
  /** The storage keys of every original (variants and temporary files left out). */
  listKeys(): Promise<string[]>;
}

/** The store could not be reached (a bucket's server down or answering 5xx): 503, try again. */
export class FileStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the file store is unavailable', { cause });
    this.name = 'FileStoreUnavailableError';
  }
}

/** A new storage key: a folder per month keeps folders small; the name is random (never the client's). */
export const newStorageKey = (now = new Date()) => `${now.toISOString().slice(0, 7)}/${randomUUID()}`;

/** The name of a variant's object beside its original. */
export const variantKey = (key: string, variant?: Variant) => (variant ? `${key}.${VARIANTS[variant]}` : key);

/** Tells a variant's key from an original's. */
export const isVariantKey = (key: string) => Object.values(VARIANTS).some((suffix) => key.endsWith(`.${suffix}`));

export class FolderFileStore implements FileStore {
  constructor(readonly root: string) {}

  get location() {
    return this.root;
  }

  get spoolFolder() {
    return path.join(this.root, TMP);
  }

  newKey(now = new Date()): string {
    return newStorageKey(now);
  }

  absolute(key: string, variant?: Variant): string {
    const file = path.resolve(this.root, variantKey(key, variant));
    // Keys are ours, but a path must never leave the folder.
    if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`storage key outside FILES_DIR: ${key}`);
    return file;
  }

  async put(key: string, parts: StoredParts): Promise<void> {
    const targets: [string, Buffer | SpooledUpload][] = [[this.absolute(key), parts.original]];
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const bytes = parts[variant];
      if (bytes) targets.push([this.absolute(key, variant), bytes]);
    }
    const folder = path.dirname(targets[0]![0]);
    await mkdir(folder, { recursive: true });
    await mkdir(this.spoolFolder, { recursive: true });
    const written: string[] = [];
    try {
      for (const [target, content] of targets) {
        const temporary = path.join(this.spoolFolder, randomUUID());
        if (Buffer.isBuffer(content)) {
          const handle = await open(temporary, 'wx', 0o640);
          try {
            await handle.writeFile(content);
            await handle.sync();
          } finally {
            await handle.close();
          }
        } else {
          // A spooled upload is on this disk already: flushed, then linked in place under
          // a name of ours (the caller removes the spooled name as with any store).
          await syncFile(content.path);
          await link(content.path, temporary);
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

  async remove(key: string): Promise<void> {
    await Promise.all([this.absolute(key), ...(Object.keys(VARIANTS) as Variant[]).map((v) => this.absolute(key, v))].map((file) => rm(file, { force: true })));
  }

  async exists(key: string, variant?: Variant): Promise<boolean> {
    return stat(this.absolute(key, variant)).then((s) => s.isFile(), () => false);
  }

  read(key: string, variant?: Variant): Readable {
    const file = this.absolute(key, variant);
    return lazyReadable(async () => createReadStream(file));
  }

  async listKeys(): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((key) => !key.startsWith(`${TMP}/`) && !isVariantKey(key));
  }
}

async function syncFile(file: string) {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
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

/**
 * A stream that opens its source on the first read: archiver reads a zip's entries one
 * after another, so a pack of thousands of files has one open at a time.
 */
export function lazyReadable(open: () => Promise<Readable>): Readable {
  let source: Readable | undefined;
  let opening = false;
  const out = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      if (opening) return;
      opening = true;
      open().then(
        (opened) => {
          source = opened;
          opened.on('data', (chunk: Buffer) => {
            if (!out.push(chunk)) opened.pause();
          });
          opened.once('end', () => out.push(null));
          opened.once('error', (error) => out.destroy(error));
        },
        (error: Error) => out.destroy(error),
      );
    },
    destroy(error, callback) {
      source?.destroy();
      callback(error);
    },
  });
  return out;
}
