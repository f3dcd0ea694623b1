// Server settings, read from the environment (and an optional .env) in this one place.
import { config as loadDotenv } from 'dotenv';
import path from 'node:path';
import { databaseConfigFromEnv, DEFAULT_DEMO_PASSWORD, repoRoot, type DatabaseConfig } from '@pufa/db';

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
  };
}
