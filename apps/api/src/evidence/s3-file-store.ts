// Evidence files in an S3-compatible bucket (MinIO, Aliyun OSS, Tencent COS, Huawei
// OBS, AWS): FILES_STORE=s3. Same keys as the folder store, under an optional
// prefix. An object appears whole or not at all (S3's PUT is atomic), so, as on
// disk, a row always has its file and an upload cut off leaves at most an orphan
// that the start-up check reports.
import { createReadStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { FileStoreUnavailableError, isVariantKey, lazyReadable, newStorageKey, VARIANTS, variantKey, type FileStore, type StoredParts, type Variant } from './file-store.ts';
import type { SpooledUpload } from './spool-upload.ts';

export interface S3StoreSettings {
  /** S3_ENDPOINT, e.g. http://127.0.0.1:9000 for MinIO; unset for AWS itself. */
  endpoint?: string;
  /** S3_BUCKET */
  bucket: string;
  /** S3_REGION (us-east-1 when unset: MinIO and most compatible stores ignore it). */
  region: string;
  /** S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY; unset: the SDK's own chain (environment, instance role). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** S3_FORCE_PATH_STYLE: http://host/bucket/key rather than http://bucket.host/key (MinIO needs it). */
  forcePathStyle: boolean;
  /** S3_PREFIX: a folder inside the bucket, e.g. "pufa/" when the bucket is shared. */
  prefix: string;
}

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

/** An answer the store gave (4xx: our request, a bug to log) or none at all / 5xx (an outage: 503). */
function outageOr(error: unknown): unknown {
  const status = error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined;
  return status !== undefined && status < 500 ? error : new FileStoreUnavailableError(error);
}

export class S3FileStore implements FileStore {
  readonly location: string;
  readonly spoolFolder = path.join(os.tmpdir(), 'pufa-uploads');
  private readonly client: S3Client;

  constructor(private readonly settings: S3StoreSettings) {
    this.location = `s3://${settings.bucket}/${settings.prefix}`;
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // Compatible stores differ in which checksums they take: send them only where S3 requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Every request goes through here: an unreachable store becomes FileStoreUnavailableError. */
  private async call<T>(request: (client: S3Client) => Promise<T>): Promise<T> {
    try {
      return await request(this.client);
    } catch (error) {
      if (isNotFound(error)) throw error;
      throw outageOr(error);
    }
  }

  private objectKey(key: string, variant?: Variant) {
    if (key.includes('..') || key.startsWith('/')) throw new Error(`storage key outside the store: ${key}`);
    return `${this.settings.prefix}${variantKey(key, variant)}`;
  }

  newKey(now = new Date()): string {
    return newStorageKey(now);
  }

  async put(key: string, parts: StoredParts): Promise<void> {
    const targets: [string, Buffer | SpooledUpload][] = [[this.objectKey(key), parts.original]];
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const bytes = parts[variant];
      if (bytes) targets.push([this.objectKey(key, variant), bytes]);
    }
    const { bucket } = this.settings;
    const written: string[] = [];
    try {
      // Variants last: a thumbnail is never there without its original.
      for (const [Key, content] of targets) {
        if (Buffer.isBuffer(content)) {
          await this.call((c) => c.send(new PutObjectCommand({ Bucket: bucket, Key, Body: content, ContentLength: content.length })));
        } else {
          // Streamed from the spooled file in 5 MB parts (S3's smallest), two at a time: a large file never sits in memory.
          const upload = new Upload({ client: this.client, params: { Bucket: bucket, Key, Body: createReadStream(content.path) }, partSize: 5 * 1024 * 1024, queueSize: 2 });
          await this.call(() => upload.done());
        }
        written.push(Key);
      }
    } catch (error) {
      await Promise.all(written.map((Key) => this.call((c) => c.send(new DeleteObjectCommand({ Bucket: bucket, Key }))).catch(() => undefined)));
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    const keys = [this.objectKey(key), ...(Object.keys(VARIANTS) as Variant[]).map((v) => this.objectKey(key, v))];
    await Promise.all(keys.map((Key) => this.call((c) => c.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key })))));
  }

  async exists(key: string, variant?: Variant): Promise<boolean> {
    try {
      await this.call((c) => c.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key, variant) })));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  read(key: string, variant?: Variant): Readable {
    const Key = this.objectKey(key, variant);
    return lazyReadable(async () => {
      const answer = await this.call((c) => c.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key })));
      return answer.Body as Readable;
    });
  }

  async listKeys(): Promise<string[]> {
    const keys: string[] = [];
    const { prefix, bucket } = this.settings;
    await this.call(async (client) => {
      for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix || undefined })) {
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(prefix.length);
          if (key && !isVariantKey(key)) keys.push(key);
        }
      }
    });
    return keys;
  }

  /** Every object under the prefix, variants included (tests count what an upload left behind). */
  async countObjects(): Promise<number> {
    let count = 0;
    for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: this.settings.bucket, Prefix: this.settings.prefix || undefined })) {
      count += page.Contents?.length ?? 0;
    }
    return count;
  }

  close() {
    this.client.destroy();
  }
}
