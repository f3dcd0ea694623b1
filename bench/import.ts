// `npm run bench:import`: a 10,000-row .xlsx ledger (messy cells: text dates,
// "300余", "1,200", village and department lists) from upload to committed,
// over real HTTP, on a fresh PostgreSQL database and on embedded PGlite, each
// in a fresh Node process; prints the time of the upload (read + preview), of
// the commit, and the process's peak RSS. Target: ≤ 10 s, ≤ 400 MB.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { hashPassword, openDatabase, seedCatalogs, seedCounty, seedTownship, type Database } from '@pufa/db';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';
import { buildApp } from '../apps/api/src/app.ts';

const { values } = parseArgs({ options: { child: { type: 'string' }, file: { type: 'string' }, rows: { type: 'string', default: '10000' } } });
const VILLAGES = ['银杏村', '红岩村', '石桥村', '青山村', '龙泉村', '桂花村', '新华社区', '松林村', '大坪村', '柏树村'];
const TITLES = ['法律进村入户宣传', '禁毒知识讲座', '民法典进社区', '防范电信诈骗宣传', '法治赶大集', '未成年人保护法进校园', '宪法宣传'];
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function writeLedger(file: string, rows: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('2021年台账');
  sheet.addRow(['涂市镇2021年普法宣传活动台账']).commit();
  sheet.addRow(['序号', '活动时间', '活动主题', '地点', '涉及村（社区）', '参与单位', '参与人数（人次）', '发放资料（份）', '横幅（条）', '咨询人次', '备注']).commit();
  for (let i = 0; i < rows; i++) {
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const date = i % 3 === 0 ? new Date(Date.UTC(2021, month - 1, day)) : i % 3 === 1 ? `2021.${month}.${day}` : `${month}月${day}日`;
    const row = sheet.addRow([
      i + 1, date, `${TITLES[i % TITLES.length]}（第${i + 1}场）`, '镇文化广场',
      `${VILLAGES[i % 10]}、${VILLAGES[(i + 3) % 10]!.replace(/村$/, '村委会')}`, i % 2 ? '司法所、派出所' : '司法所',
      i % 4 === 0 ? `${100 + (i % 300)}余` : 100 + (i % 300), i % 5 === 0 ? '1,200' : 200 + (i % 100), i % 7, i % 20, i % 9 === 0 ? '与学校联合开展' : null,
    ]);
    if (date instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  await workbook.commit();
}

async function child(kind: 'postgresql' | 'pglite', file: string) {
  let db: Database;
  let drop = async () => {};
  if (kind === 'postgresql') {
    const server = process.env.DATABASE_URL || DEFAULT_TEST_SERVER;
    const name = `pufa_bench_import_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    db = await openDatabase({ kind: 'postgresql', url: url.toString() });
    drop = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
  await db.migrate();
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'c', name: '县', nameEn: 'County' });
  const township = await seedTownship(db.prisma, { countyId: county.id, code: 'tushi', name: '涂市镇', nameEn: 'Tushi', villages: VILLAGES.map((name, i) => ({ code: `v${i}`, name, nameEn: `V${i}` })) });
  await db.prisma.user.create({ data: { username: 'clerk', displayName: '录入员', role: 'clerk', orgUnitId: township.townshipId, passwordHash: await hashPassword('bench-password') } });
  const app = await buildApp({ db, serveWebApp: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: 'bench-password' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const bytes = await readFile(file);
  const rssBefore = process.memoryUsage().rss;

  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([bytes]), 'ledger.xlsx');
  const uploaded = await fetch(`${address}/api/imports`, { method: 'POST', body: form, headers: { cookie } });
  const batch = (await uploaded.json()) as { id: number; summary: { valid: number; invalid: number } };
  if (uploaded.status !== 201) throw new Error(JSON.stringify(batch));
  const afterUpload = performance.now();
  const committed = await fetch(`${address}/api/imports/${batch.id}/commit`, { method: 'POST', headers: { cookie } });
  const result = (await committed.json()) as { created: number };
  if (committed.status !== 200) throw new Error(JSON.stringify(result));
  const done = performance.now();
  const events = await db.prisma.event.count();
  console.log(JSON.stringify({
    kind, fileBytes: bytes.length, valid: batch.summary.valid, invalid: batch.summary.invalid, created: result.created, events,
    rssBefore, upload: (afterUpload - started) / 1000, commit: (done - afterUpload) / 1000, total: (done - started) / 1000, maxRss: process.resourceUsage().maxRSS * 1024,
  }));
  await app.close();
  await db.close();
  await drop();
}

if (values.child) {
  await child(values.child as 'postgresql' | 'pglite', values.file!);
} else {
  const rows = Number(values.rows);
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-bench-import-'));
  const file = path.join(dir, 'ledger.xlsx');
  try {
    await writeLedger(file, rows);
    console.log(`A ${rows.toLocaleString('en-US')}-row .xlsx (${mb((await readFile(file)).length)} MB, ExcelJS) uploaded and committed over HTTP, each database in a fresh Node ${process.version} process\n`);
    // Node's default heap lets garbage pile up before collecting; a capped heap shows what the import really keeps.
    console.log('| database | V8 heap limit | upload (read + preview) | commit | upload to committed | events created | RSS before upload | peak RSS |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const kind of ['postgresql', 'pglite'] as const) {
      for (const heap of [undefined, 256]) {
        const flags = heap ? [`--max-old-space-size=${heap}`] : [];
        const out = spawnSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, '--file', file], { encoding: 'utf8', maxBuffer: 1e7 });
        if (out.status !== 0) throw new Error(out.stderr);
        const r = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
        console.log(`| ${kind} | ${heap ? `${heap} MB` : 'default'} | ${r.upload.toFixed(1)} s | ${r.commit.toFixed(1)} s | ${r.total.toFixed(1)} s | ${r.created.toLocaleString('en-US')} (${r.invalid} invalid) | ${mb(r.rssBefore)} MB | ${mb(r.maxRss)} MB |`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
