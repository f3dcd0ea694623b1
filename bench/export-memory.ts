// `npm run bench:export`:
// peak memory (max RSS) of the API process while it streams the annual workbook
// and the ledger CSV of a year, each in a fresh process, read over real HTTP by
// a client that discards the bytes. Builds its data set (100,000 events, 100 townships,
// database pufa_bench_100k) first if missing; --database points it at another bench database.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@pufa/db';
import { buildApp } from '../apps/api/src/app.ts';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER, ensureBenchData } from './bench-database.ts';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'pufa_bench_100k' }, child: { type: 'string' } } });
const exports = { xlsx: '/api/exports/annual.xlsx?year=2026', csv: '/api/exports/ledger.csv?from=2026-01-01&to=2026-12-31', none: '' } as const;
type Kind = keyof typeof exports;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function child(kind: Kind) {
  const db = await openDatabase({ kind: 'postgresql', url: benchDatabaseUrl(values.database) });
  const app = await buildApp({ db, serveWebApp: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
  if (!login.ok) throw new Error('Run `npm run bench:data` for this database first');
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const started = performance.now();
  let bytes = 0;
  if (kind !== 'none') {
    const res = await fetch(`${address}${exports[kind]}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    for await (const chunk of res.body!) bytes += (chunk as Uint8Array).length;
  }
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes.
  console.log(JSON.stringify({ kind, bytes, seconds, maxRss: process.resourceUsage().maxRSS * 1024 }));
  await app.close();
  await db.close();
}

if (values.child) {
  await child(values.child as Kind);
} else {
  await ensureBenchData(values.database!, 100_000, 100);
  const db = await openDatabase({ kind: 'postgresql', url: benchDatabaseUrl(values.database) });
  const events = await db.prisma.event.count();
  await db.close();
  console.log(`Data: ${values.database}, ${events} events in 2026; each case in a fresh Node ${process.version} process, read over HTTP and discarded\n`);
  // Node's default heap lets garbage pile up before collecting; a capped heap shows what the export really keeps.
  console.log('| export | V8 heap limit | size | time | peak RSS |');
  console.log('|---|---|---|---|---|');
  for (const kind of ['none', 'csv', 'xlsx'] as const) {
    for (const heap of [undefined, 96]) {
      const flags = heap ? [`--max-old-space-size=${heap}`] : [];
      const out = spawnSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--database', values.database!, '--child', kind], { encoding: 'utf8', maxBuffer: 1e7 });
      if (out.status !== 0) throw new Error(out.stderr);
      const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
      const name = kind === 'none' ? 'none (API started, signed in)' : exports[kind];
      console.log(`| ${name} | ${heap ? `${heap} MB` : 'default'} | ${mb(result.bytes)} MB | ${result.seconds.toFixed(1)} s | ${mb(result.maxRss)} MB |`);
    }
  }
}
