// Where the stats benchmark's data lives: a database of its own on the PostgreSQL server.
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';

export const BENCH_USER = 'bench';
export const BENCH_PASSWORD = 'bench-password';

export function benchDatabaseUrl(name = 'pufa_bench'): string {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_TEST_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds a bench database with `npm run bench:data` unless one of that name already has its bench user. */
export async function ensureBenchData(name: string, events: number, townships: number): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: benchDatabaseUrl(name) });
  const ready = await client
    .connect()
    .then(() => client.query('SELECT 1 FROM app_user WHERE username = $1', [BENCH_USER]))
    .then((r) => r.rowCount === 1)
    .catch(() => false)
    .finally(() => client.end().catch(() => {}));
  if (ready) return;
  console.log(`No bench data in ${name}: building it (${events} events, ${townships} townships)…`);
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('./stats-data.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--events', String(events), '--townships', String(townships), '--database', name], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('bench:data failed');
}
