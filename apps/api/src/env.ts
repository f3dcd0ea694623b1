// Server settings, read from the environment (and an optional .env) in this one place.
import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { EVIDENCE_LIMITS } from '@pufa/domain';
import type { S3StoreSettings } from './evidence/s3-file-store.ts';
import { databaseConfigFromEnv, DEFAULT_DEMO_PASSWORD, filesDirFromEnv, repoRoot, type DatabaseConfig } from '@pufa/db';

export interface ServerEnv {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Create the demo township on the first start of an empty database (DEMO=0 turns it off). */
  demo: boolean;
  /** Password of the demo users admin, clerk and leader (DEMO_PASSWORD, else the documented default). */
  demoPassword: string;
  /** TRUST_PROXY=1 behind a reverse proxy: client addresses and https come from X-Forwarded-* headers. */
  trustProxy: boolean;
  evidence: EvidenceSettings;
}

/** Where evidence files live and how large they may be. */
export interface EvidenceSettings {
  /** FILES_DIR; default DATA_DIR/files (./data/files when DATA_DIR is unset, PostgreSQL included). */
  filesDir: string;
  /** FILES_STORE=s3: the files are in this bucket instead of FILES_DIR. */
  s3?: S3StoreSettings;
  /** FILES_MAX_FILE_MB */
  maxFileBytes: number;
  /** FILES_MAX_EVENT_MB: all live files of one event. */
  maxEventBytes: number;
}

const MB = 1024 * 1024;

function megabytes(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 2047) throw new Error(`${name} must be a number of megabytes (1-2047), not "${value}"`);
  return Math.floor(mb * MB);
}

const truthy = (value: string | undefined) => value === '1' || value?.toLowerCase() === 'true';

/** FILES_STORE=s3 and its S3_* settings; a missing bucket stops the start with its name. */
export function s3SettingsFromEnv(env: NodeJS.ProcessEnv = process.env): S3StoreSettings | undefined {
  const store = env.FILES_STORE?.trim().toLowerCase() || 'folder';
  if (store === 'folder') return undefined;
  if (store !== 's3') throw new Error(`FILES_STORE must be "folder" or "s3", not "${env.FILES_STORE}"`);
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error('FILES_STORE=s3 needs S3_BUCKET (and S3_ENDPOINT for a store other than AWS)');
  const endpoint = env.S3_ENDPOINT?.trim() || undefined;
  if (endpoint && !/^https?:\/\/[^/]+/.test(endpoint)) throw new Error(`S3_ENDPOINT must be an http(s) address, not "${endpoint}"`);
  const prefix = env.S3_PREFIX?.trim().replace(/^\/+/, '') ?? '';
  return {
    endpoint,
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    // A store of one's own (an endpoint) is addressed by path unless told otherwise; AWS by host.
    forcePathStyle: env.S3_FORCE_PATH_STYLE === undefined ? Boolean(endpoint) : truthy(env.S3_FORCE_PATH_STYLE),
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
  };
}

export function evidenceSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EvidenceSettings {
  return {
    filesDir: filesDirFromEnv(env),
    s3: s3SettingsFromEnv(env),
    maxFileBytes: megabytes('FILES_MAX_FILE_MB', env.FILES_MAX_FILE_MB, EVIDENCE_LIMITS.fileBytes),
    maxEventBytes: megabytes('FILES_MAX_EVENT_MB', env.FILES_MAX_EVENT_MB, EVIDENCE_LIMITS.eventBytes),
  };
}

export function loadServerEnv(): ServerEnv {
  // The .env at the repository root; variables already set win.
  loadDotenv({ path: path.join(repoRoot, '.env'), quiet: true });
  const env = process.env;
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`PORT must be a port number (1-65535), not "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST?.trim() || '0.0.0.0',
    database: databaseConfigFromEnv(env),
    demo: env.DEMO !== '0' && env.DEMO?.toLowerCase() !== 'false',
    demoPassword: env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY?.toLowerCase() === 'true',
    evidence: evidenceSettingsFromEnv(env),
  };
}
