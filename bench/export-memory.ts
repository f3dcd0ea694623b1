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

/** The ledger CSV's rows as PostgreSQL alone would write them: every column, the names joined in. */
const LEDGER_FLOOR_SQL = `SELECT row_number() OVER (ORDER BY e.start_date, e.id), e.start_date, e.end_date, t.name, e.title, c.name, e.location,
  (SELECT string_agg(v.name, '、') FROM event_village x JOIN org_unit v ON v.id = x.village_id WHERE x.event_id = e.id),
  (SELECT string_agg(k.name, '、') FROM event_six_into x JOIN six_into_category k ON k.code = x.category_code WHERE x.event_id = e.id),
  (SELECT string_agg(f.name, '、') FROM event_form x JOIN activity_form f ON f.id = x.form_id WHERE x.event_id = e.id),
  (SELECT string_agg(l.name, '、') FROM event_law x JOIN law l ON l.id = x.law_id WHERE x.event_id = e.id),
  (SELECT string_agg(d.name, '、') FROM event_department x JOIN department d ON d.id = x.department_id WHERE x.event_id = e.id),
  (SELECT string_agg(g.name, '、') FROM event_target_group x JOIN target_group g ON g.id = x.target_group_id WHERE x.event_id = e.id),
  e.audience, e.consultations,
  (SELECT sum(x.quantity) FROM event_material x JOIN material_type m ON m.id = x.material_type_id WHERE x.event_id = e.id AND m.counts_as_leaflet),
  (SELECT string_agg(m.name || ' ' || x.quantity || m.unit, '、') FROM event_material x JOIN material_type m ON m.id = x.material_type_id WHERE x.event_id = e.id),
  e.notes
FROM event e JOIN org_unit t ON t.id = e.township_id LEFT JOIN campaign c ON c.id = e.campaign_id
WHERE e.deleted_at IS NULL AND e.start_date BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY e.start_date, e.id`.replace(/\s+/g, ' ');

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
  // The floor: PostgreSQL itself writing the same rows and columns as CSV (psql \copy), in the same run.
  const floor = spawnSync('psql', [benchDatabaseUrl(values.database), '-q', '-c', `\\copy (${LEDGER_FLOOR_SQL}) to '/dev/null' csv`], { encoding: 'utf8' });
  if (floor.status !== 0) throw new Error(floor.stderr);
  const floorStarted = performance.now();
  spawnSync('psql', [benchDatabaseUrl(values.database), '-q', '-c', `\\copy (${LEDGER_FLOOR_SQL}) to '/dev/null' csv`], { encoding: 'utf8' });
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  console.log(`Floor: psql \\copy of the ledger's rows and columns (names joined) to CSV: ${floorSeconds.toFixed(1)} s\n`);
  // Node's default heap lets garbage pile up before collecting; a capped heap shows what the export really keeps.
  console.log('| export | V8 heap limit | size | time | time / floor | peak RSS |');
  console.log('|---|---|---|---|---|---|');
  for (const kind of ['none', 'csv', 'xlsx'] as const) {
    for (const heap of [undefined, 96]) {
      const flags = heap ? [`--max-old-space-size=${heap}`] : [];
      const out = spawnSync(process.execPath, [...flags, '--import', 'tsx', fileURLToPath(import.meta.url), '--database', values.database!, '--child', kind], { encoding: 'utf8', maxBuffer: 1e7 });
      if (out.status !== 0) throw new Error(out.stderr);
      const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
      const name = kind === 'none' ? 'none (API started, signed in)' : exports[kind];
      const ratio = kind === 'none' ? '' : (result.seconds / floorSeconds).toFixed(2);
      console.log(`| ${name} | ${heap ? `${heap} MB` : 'default'} | ${mb(result.bytes)} MB | ${result.seconds.toFixed(1)} s | ${ratio} | ${mb(result.maxRss)} MB |`);
    }
  }
}
