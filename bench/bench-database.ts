// Where the stats benchmark's data lives: a database of its own on the PostgreSQL server.
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password';

export function benchDatabaseUrl(name = 'pufa_bench'): string {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_TEST_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}
