// `npm run bench:upload-memory [-- --mb 1024 --stores folder,s3]`:
// the API process's memory while a clerk uploads one large file (a PDF of --mb
// megabytes, 1 GiB by default, the size limit raised for it), on the folder store
// and on an S3-compatible store (s3rver started here). The server is the real one
// (apps/api/src/server.ts) on a fresh PostgreSQL database with the demo township;
// the body is streamed over HTTP, never built in memory. RSS is read from
// /proc/<pid>/status every 100 ms: idle (median of 2 s before the upload), peak
// during it, and the difference, which issue 21 bounds at +50 MB. The file's size
// is checked afterwards from the API's own answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startS3Server } from '../apps/api/test/s3-server.ts';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '1024' }, stores: { type: 'string', default: 'folder,s3' }, port: { type: 'string', default: '3291' } } });
const MB = 1024 * 1024;
const sizeMb = Number(values.mb);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const adminUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DB = 'pufa_bench_upload';

const rssOf = async (pid: number) => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function recreateDatabase() {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${DB}`);
  await client.end();
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const url = new URL(adminUrl);
  url.pathname = `/${DB}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
    env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', FILES_MAX_FILE_MB: String(sizeMb + 64), FILES_MAX_EVENT_MB: String(sizeMb + 64), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return child;
    await sleep(500);
  }
  throw new Error('the server did not start');
}

/** POSTs a multipart body of `bytes` (a PDF header, then zeros), written as the socket drains. */
function streamUpload(url: string, cookie: string, bytes: number): Promise<{ status: number; body: string }> {
  const boundary = `----pufa${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(MB, 0x20);
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + (bytes - 9) + tail.length } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.write(head);
    let left = bytes - 9;
    const pump = () => {
      while (left > 0) {
        const part = left >= MB ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!request.write(part)) return void request.once('drain', pump);
      }
      request.end(tail);
    };
    pump();
  });
}

async function run(store: 'folder' | 's3') {
  await recreateDatabase();
  const filesDir = await mkdtemp(path.join(os.tmpdir(), 'pufa-bench-upload-'));
  const s3 = store === 's3' ? await startS3Server('bench-upload') : null;
  const env: Record<string, string> = { FILES_DIR: filesDir };
  if (s3) Object.assign(env, { FILES_STORE: 's3', S3_ENDPOINT: s3.settings.endpoint!, S3_BUCKET: s3.settings.bucket, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER' });
  const server = await startServer(env);
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'pufa-demo-2026' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const reference = (await (await fetch(`${base}/api/reference`, { headers: { cookie } })).json()) as { orgUnits: { children: { id: number }[] }[] };
    const township = reference.orgUnits[0]!.children[0]!;
    const created = await fetch(`${base}/api/events`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ startDate: '2026-11-20', title: '大文件上传测试', townshipId: township.id, audience: 1 }) });
    const event = (await created.json()) as { id: number };
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      idle.push(await rssOf(server.pid!));
      await sleep(100);
    }
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, await rssOf(server.pid!));
        await sleep(100);
      }
    })();
    const started = Date.now();
    const answer = await streamUpload(`${base}/api/events/${event.id}/files`, cookie, sizeMb * MB);
    const seconds = (Date.now() - started) / 1000;
    sampling = false;
    await sampler;
    const files = (await (await fetch(`${base}/api/events/${event.id}/files`, { headers: { cookie } })).json()) as { bytes: number }[];
    const stored = files[0]?.bytes ?? 0;
    const idleMb = median(idle);
    console.log(
      `${store}: ${sizeMb} MB upload answered ${answer.status} in ${seconds.toFixed(1)} s; stored ${stored === sizeMb * MB ? 'the whole file' : `${stored} bytes (WRONG)`}; ` +
        `API RSS idle ${idleMb.toFixed(0)} MB, peak ${peak.toFixed(0)} MB: +${(peak - idleMb).toFixed(0)} MB`,
    );
    if (answer.status !== 201 || stored !== sizeMb * MB) process.exitCode = 1;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await s3?.stop();
    await rm(filesDir, { recursive: true, force: true });
  }
}

console.log(`machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, node ${process.version}`);
for (const store of values.stores!.split(',') as ('folder' | 's3')[]) await run(store);
const client = new pg.Client({ connectionString: adminUrl });
await client.connect();
await client.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
await client.end();
