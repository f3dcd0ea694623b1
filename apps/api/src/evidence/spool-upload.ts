// An upload is written to a temporary file as it arrives, hashed on the way, and
// only then inspected and stored: the API never holds a whole file in memory
// (photos aside, which are decoded for their thumbnails and bounded by the limit).
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpooledUpload {
  /** The temporary file; the caller removes it (`discardSpooled`) once stored or refused. */
  path: string;
  bytes: number;
  sha256: string;
}

export async function spoolUpload(stream: Readable, folder: string): Promise<SpooledUpload> {
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, randomUUID());
  const hash = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, measure, createWriteStream(file, { flags: 'wx', mode: 0o640 }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return { path: file, bytes, sha256: hash.digest('hex') };
}

export const discardSpooled = (spooled: SpooledUpload | null) => (spooled ? rm(spooled.path, { force: true }) : Promise.resolve());
