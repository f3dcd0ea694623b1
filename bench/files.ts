// `npm run bench:files`: evidence files, over real HTTP on a fresh PostgreSQL
// database, each part in a fresh Node process.
//  1. A 10 MB phone photo (4032×3024 JPEG with EXIF) from upload to its
//     thumbnail answered: type check, SHA-256, EXIF, display size and
//     thumbnail, durable write, row. Target ≤ 1 s.
//  2. The evidence pack of a year with 500 photos (1 GB) streamed to a client
//     that reads it as it comes: time and the process's peak RSS. Target ≤ 300 MB.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import sharp from 'sharp';
import { hashPassword, openDatabase, seedCatalogs, seedCounty, seedTownship, SYSTEM_ACTOR, type Database } from '@pufa/db';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';
import { buildApp } from '../apps/api/src/app.ts';

const { values } = parseArgs({ options: { child: { type: 'string' }, file: { type: 'string' }, url: { type: 'string' }, 'files-dir': { type: 'string' }, township: { type: 'string' }, photos: { type: 'string', default: '500' }, 'photo-mb': { type: 'string', default: '2' } } });
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function freshDatabase(): Promise<{ db: Database; url: string; drop: () => Promise<void> }> {
  const server = process.env.DATABASE_URL || DEFAULT_TEST_SERVER;
  const name = `pufa_bench_files_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgresql', url: url.toString() });
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function setUp(filesDir: string, { keep = false } = {}) {
  const { db, drop, url } = await freshDatabase();
  await db.migrate();
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'c', name: '县', nameEn: 'County' });
  const township = await seedTownship(db.prisma, { countyId: county.id, code: 'tushi', name: '涂市镇', nameEn: 'Tushi', villages: [{ code: 'v1', name: '银杏村', nameEn: 'V1' }] });
  await db.prisma.user.create({ data: { username: 'clerk', displayName: '录入员', role: 'clerk', orgUnitId: township.townshipId, passwordHash: await hashPassword('bench-password') } });
  const app = await buildApp({ db, serveWebApp: false, evidence: { filesDir, maxFileBytes: 50 * 2 ** 20, maxEventBytes: 2000 * 2 ** 20 } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'bench-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const createEvent = async (startDate: string, title: string) => {
    const res = await fetch(`${address}/api/events`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ townshipId: township.townshipId, startDate, title, audience: 100 }) });
    return ((await res.json()) as { id: number }).id;
  };
  return { app, db, url, address, cookie, createEvent, townshipId: township.townshipId, close: async () => (await app.close(), keep || (await drop())) };
}

/** A phone photo of about 10 MB: 4032×3024 of fine noise (it does not compress), with a camera's EXIF. */
async function phonePhoto(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .withExif({ IFD0: { Make: 'Bench', Model: 'Phone' }, IFD2: { DateTimeOriginal: '2026:03:15 10:30:00' } })
    .toBuffer();
}

async function uploadChild(photoFile: string) {
  const filesDir = await mkdtemp(path.join(tmpdir(), 'pufa-bench-files-'));
  const ctx = await setUp(filesDir);
  try {
    // Made by the parent: this process's peak RSS is the server's, not the fixture's.
    const photo = await readFile(photoFile);
    const rssBefore = process.memoryUsage().rss;
    const eventId = await ctx.createEvent('2026-03-15', '3·15 赶集宣传');
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const form = new FormData();
      form.append('file', new Blob([photo]), `IMG_${i}.jpg`);
      const uploaded = await fetch(`${ctx.address}/api/events/${eventId}/files`, { method: 'POST', body: form, headers: { cookie: ctx.cookie } });
      const file = (await uploaded.json()) as { id: number };
      if (uploaded.status !== 201) throw new Error(JSON.stringify(file));
      const thumbnail = await fetch(`${ctx.address}/api/files/${file.id}/thumbnail`, { headers: { cookie: ctx.cookie } });
      await thumbnail.arrayBuffer();
      if (thumbnail.status !== 200) throw new Error(`thumbnail ${thumbnail.status}`);
      // The first run warms up sharp and the code paths; it is reported apart.
      times.push((performance.now() - started) / 1000);
    }
    const [first, ...rest] = times;
    rest.sort((a, b) => a - b);
    console.log(JSON.stringify({ bytes: photo.length, rssBefore, first, median: rest[Math.floor(rest.length / 2)], max: rest.at(-1), maxRss: process.resourceUsage().maxRSS * 1024 }));
  } finally {
    await ctx.close();
    await rm(filesDir, { recursive: true, force: true });
  }
}

/** Fills a fresh database and folder with a year of photos; the measuring happens in another process. */
async function zipPrepare(photos: number, photoBytes: number, filesDir: string) {
  const ctx = await setUp(filesDir, { keep: true });
  // A year: an event every few days, five photos each. The photos' bytes are random
  // (a zip stores images as they are, so their content does not change the work).
  const perEvent = 5;
  const noise = randomBytes(photoBytes);
  let stored = 0;
  for (let e = 0; e * perEvent < photos; e++) {
    const day = new Date(Date.UTC(2026, 0, 1 + Math.floor((e * 365) / Math.ceil(photos / perEvent))));
    const eventId = await ctx.createEvent(day.toISOString().slice(0, 10), `法治宣传活动 ${e + 1}`);
    for (let p = 0; p < perEvent && stored < photos; p++, stored++) {
      noise.writeUInt32BE(stored, 0); // each file its own bytes
      const storageKey = ctx.app.fileStore.newKey();
      await ctx.app.fileStore.put(storageKey, { original: noise });
      await ctx.app.evidence.create(SYSTEM_ACTOR, eventId, {
        storageKey, originalName: `照片${p + 1}.jpg`, contentType: 'image/jpeg', kind: 'image', bytes: noise.length, sha256: randomUUID(),
        width: 4032, height: 3024, takenAt: null, hasGps: false, dateMismatch: false, caption: `第${p + 1}张`,
      }, { eventBytes: 2 ** 31 - 1, filesPerEvent: 100 });
    }
  }
  await ctx.app.close();
  await ctx.db.close();
  console.log(JSON.stringify({ url: ctx.url, townshipId: ctx.townshipId, photos: stored }));
  process.exit(0); // the database stays for the measuring process (and its admin connection with this one)
}

/** A fresh server process on the prepared data: download the pack as a client reads it, sampling RSS. */
async function zipMeasure(url: string, filesDir: string, townshipId: number) {
  const db = await openDatabase({ kind: 'postgresql', url });
  const app = await buildApp({ db, serveWebApp: false, evidence: { filesDir, maxFileBytes: 50 * 2 ** 20, maxEventBytes: 2000 * 2 ** 20 } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'bench-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  const res = await fetch(`${address}/api/exports/evidence.zip?year=2026&orgUnitId=${townshipId}`, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`zip ${res.status}: ${await res.text()}`);
  let received = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.length;
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  console.log(JSON.stringify({ zipBytes: received, seconds, rssBefore, peakRss: peak, maxRss: process.resourceUsage().maxRSS * 1024 }));
  await app.close();
  await db.close();
}

function runChild(args: string[], nodeFlags: string[] = []) {
  const out = spawnSync(process.execPath, [...nodeFlags, '--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8', maxBuffer: 1e7 });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!);
}

if (values.child === 'upload') await uploadChild(values.file!);
else if (values.child === 'zip-prepare') await zipPrepare(Number(values.photos), Number(values['photo-mb']) * 2 ** 20, values['files-dir']!);
else if (values.child === 'zip-measure') await zipMeasure(values.url!, values['files-dir']!, Number(values.township));
else {
  console.log(`Evidence files on PostgreSQL (${process.env.DATABASE_URL || DEFAULT_TEST_SERVER}), over HTTP, Node ${process.version}, each part in a fresh process\n`);
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-bench-photo-'));
  const photoFile = path.join(dir, 'phone.jpg');
  await writeFile(photoFile, await phonePhoto());
  const upload = runChild(['--child', 'upload', '--file', photoFile]);
  await rm(dir, { recursive: true, force: true });
  console.log('| photo | first upload → thumbnail | median of 5 more | slowest of 5 | RSS before | peak RSS |');
  console.log('|---|---|---|---|---|---|');
  console.log(`| ${(upload.bytes / 2 ** 20).toFixed(1)} MB JPEG, 4032×3024 | ${upload.first.toFixed(2)} s | ${upload.median.toFixed(2)} s | ${upload.max.toFixed(2)} s | ${mb(upload.rssBefore)} MB | ${mb(upload.maxRss)} MB |\n`);
  const filesDir = await mkdtemp(path.join(tmpdir(), 'pufa-bench-pack-'));
  let url: string | undefined;
  try {
    const prepared = runChild(['--child', 'zip-prepare', '--photos', values.photos!, '--photo-mb', values['photo-mb']!, '--files-dir', filesDir]);
    url = prepared.url as string;
    console.log('| evidence pack | V8 heap limit | photos | zip size | streamed in | RSS before | peak RSS while streaming (20 ms samples) | peak RSS of the process |');
    console.log('|---|---|---|---|---|---|---|---|');
    // As bench:export does: Node's default heap, and the heap capped to show what the export keeps.
    for (const heap of [undefined, 96]) {
      const zip = runChild(['--child', 'zip-measure', '--url', url, '--files-dir', filesDir, '--township', String(prepared.townshipId)], heap ? [`--max-old-space-size=${heap}`] : []);
      console.log(`| a year, one township | ${heap ? `${heap} MB` : 'default'} | ${prepared.photos} (${mb(prepared.photos * Number(values['photo-mb']) * 2 ** 20)} MB) | ${mb(zip.zipBytes)} MB | ${zip.seconds.toFixed(1)} s | ${mb(zip.rssBefore)} MB | ${mb(zip.peakRss)} MB | ${mb(zip.maxRss)} MB |`);
    }
  } finally {
    await rm(filesDir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL || DEFAULT_TEST_SERVER });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  }
}
