// `npm start` runs the bundled server (scripts/build.ts), not the TypeScript
// sources the other tests load: this starts that bundle as its own process, as a
// user's start does, and uses what it loads on first use (a lazy chunk).
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '@pufa/db/testing';

const apiDir = fileURLToPath(new URL('..', import.meta.url));
const outdir = '.bundle-test';
let server: ChildProcess | undefined;
let drop: () => Promise<void> = async () => {};
let base = '';
let output = '';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: apiDir, stdio: 'pipe' });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')}: ${err}`))));
  });
}

beforeAll(async () => {
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', outdir]);
  const test = await createTestDatabase();
  await test.db.close(); // the server process opens it itself
  drop = test.drop;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const database = test.config.kind === 'postgresql' ? { DATABASE_URL: test.config.url } : { DATA_DIR: 'memory://', DATABASE_URL: '' };
  server = spawn(process.execPath, [path.join(outdir, 'server.mjs')], {
    cwd: apiDir,
    env: { ...process.env, ...database, PORT: String(port), HOST: '127.0.0.1', DEMO: '1', LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the bundled server stopped: ${output}`);
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the bundled server did not answer: ${output}`);
}, 120_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.on('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  await drop();
  await rm(path.join(apiDir, outdir), { recursive: true, force: true });
});

it('the bundled server migrates, seeds the demo and serves the API, including a lazily loaded export', async () => {
  expect(output).toContain('Created the demo township');
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'clerk', password: 'pufa-demo-2026' }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const list = await fetch(`${base}/api/events?pageSize=5`, { headers: { cookie } });
  expect(((await list.json()) as { total: number }).total).toBeGreaterThan(0);
  // The workbook writer is a chunk of its own, loaded on the first export.
  const workbook = await fetch(`${base}/api/exports/annual.xlsx?year=2026`, { headers: { cookie } });
  expect(workbook.status).toBe(200);
  expect(Buffer.from(await workbook.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
}, 60_000);
