// npm run mutate:sql [-- --only id,id] [--list] [--skip-baseline]
// Applies each hand-written SQL mutant (mutation/sql-mutants.ts) in turn, runs
// the test files named beside it on the PostgreSQL server at DATABASE_URL, and
// prints which mutants the tests killed. The file is put back after each run
// (and on Ctrl+C). The unmutated tests must pass first, or the count would lie.
// Timeouts are generous (3 min a test): the machine is shared, and a mutant that
// hangs a test is still caught by the run's own limit (TEST_TIMEOUT_MS).
// Exits 1 when the score is below MIN_SCORE (90 %), or a mutant no longer applies.
import { spawn } from 'node:child_process';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQL_MUTANTS, type SqlMutant } from './sql-mutants.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN_SCORE = 90;
const TEST_TIMEOUT_MS = 15 * 60_000;
const PACKAGES = ['apps/api', 'packages/db', 'packages/domain'];
/** Each run's test output, to read why a baseline failed or how a mutant was killed. */
const LOG_DIR = path.join(root, 'reports', 'mutate-sql');

const args = process.argv.slice(2);
const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1]?.split(',')) : null;
const mutants = SQL_MUTANTS.filter((m) => !only || only.has(m.id));

if (args.includes('--list')) {
  for (const m of SQL_MUTANTS) console.log(`${m.id.padEnd(40)} ${m.file}\n${''.padEnd(40)} ${m.why}`);
  process.exit(0);
}

/** Checks every mutant applies to the code as it is, before anything is changed. */
async function checkApplies(list: SqlMutant[]): Promise<void> {
  const stale: string[] = [];
  for (const m of list) {
    const text = await readFile(path.join(root, m.file), 'utf8');
    const count = text.split(m.find).length - 1;
    if (count !== 1) stale.push(`${m.id}: its text occurs ${count} times in ${m.file}`);
    for (const t of m.tests) if (!existsSync(path.join(root, t))) stale.push(`${m.id}: no test file ${t}`);
  }
  if (stale.length > 0) {
    console.error(`Mutants that no longer apply (update mutation/sql-mutants.ts):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
}

/** Runs the test files, grouped by the package that owns them; true when every file passed. */
async function testsPass(files: string[], logName: string): Promise<{ passed: boolean; seconds: number; timedOut: boolean }> {
  const started = Date.now();
  await mkdir(LOG_DIR, { recursive: true });
  const log = await open(path.join(LOG_DIR, `${logName}.log`), 'w');
  try {
    for (const pkg of PACKAGES) {
      const mine = files.filter((f) => f.startsWith(`${pkg}/`)).map((f) => path.relative(pkg, f));
      if (mine.length === 0) continue;
      const outcome = await run(path.join(root, pkg), ['vitest', 'run', '--bail=1', '--testTimeout=180000', '--hookTimeout=180000', ...mine], log.fd);
      if (outcome !== 'passed') return { passed: false, seconds: (Date.now() - started) / 1000, timedOut: outcome === 'timeout' };
    }
    return { passed: true, seconds: (Date.now() - started) / 1000, timedOut: false };
  } finally {
    await log.close();
  }
}

function run(cwd: string, vitestArgs: string[], logFd: number): Promise<'passed' | 'failed' | 'timeout'> {
  return new Promise((resolve) => {
    const child = spawn('npx', vitestArgs, {
      cwd,
      env: { ...process.env, TEST_DATABASE: 'postgresql', DATABASE_URL: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
      stdio: ['ignore', logFd, logFd],
      detached: true,
    });
    const timer = setTimeout(() => {
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ }
      resolve('timeout');
    }, TEST_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 'passed' : 'failed');
    });
  });
}

let restore: (() => Promise<void>) | null = null;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await restore?.();
    process.exit(130);
  });
}

await checkApplies(mutants);

if (!args.includes('--skip-baseline')) {
  const files = [...new Set(mutants.flatMap((m) => m.tests))];
  process.stdout.write(`baseline: ${files.length} test files unmutated … `);
  const baseline = await testsPass(files, 'baseline');
  console.log(`${baseline.passed ? 'pass' : 'FAIL'} (${baseline.seconds.toFixed(0)} s)`);
  if (!baseline.passed) {
    console.error(`The unmutated tests fail: fix them first (${path.join(LOG_DIR, 'baseline.log')}).`);
    process.exit(1);
  }
}

const results: { mutant: SqlMutant; killed: boolean; note: string }[] = [];
for (const mutant of mutants) {
  const file = path.join(root, mutant.file);
  const original = await readFile(file, 'utf8');
  restore = () => writeFile(file, original);
  await writeFile(file, original.replace(mutant.find, () => mutant.replace));
  process.stdout.write(`${mutant.id.padEnd(40)} `);
  try {
    const outcome = await testsPass(mutant.tests, mutant.id);
    const killed = !outcome.passed;
    results.push({ mutant, killed, note: outcome.timedOut ? 'timed out' : '' });
    console.log(`${killed ? 'killed' : 'SURVIVED'}${outcome.timedOut ? ' (timed out)' : ''}  ${outcome.seconds.toFixed(0)} s`);
  } finally {
    await restore();
    restore = null;
  }
}

const killed = results.filter((r) => r.killed).length;
const score = results.length === 0 ? 100 : (100 * killed) / results.length;
console.log(`\n${killed} of ${results.length} SQL mutants killed: ${score.toFixed(1)} %`);
for (const r of results.filter((x) => !x.killed)) console.log(`  survived: ${r.mutant.id} (${r.mutant.file}): ${r.mutant.why}`);
process.exit(score >= MIN_SCORE ? 0 : 1);
