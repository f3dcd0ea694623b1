// A real S3-compatible server for the file tests (s3rver: the S3 HTTP API over a folder),
// started on a free port of this machine; the app talks to it through the AWS SDK as it
// would to MinIO or OSS. Nothing is mocked in-process.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';
import type { S3StoreSettings } from '../src/evidence/s3-file-store.ts';

/** TEST_FILES_STORE=s3 runs the file tests against an S3 server instead of a folder. */
export const testFilesStore = (): 'folder' | 's3' => (process.env.TEST_FILES_STORE === 's3' ? 's3' : 'folder');

export async function startS3Server(bucket = 'pufa-test'): Promise<{ settings: S3StoreSettings; stop: () => Promise<void> }> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'pufa-test-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const address = (await server.run()) as AddressInfo;
  return {
    settings: {
      endpoint: `http://127.0.0.1:${address.port}`,
      bucket,
      region: 'us-east-1',
      // s3rver's fixed credentials.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
      prefix: 'evidence/',
    },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
