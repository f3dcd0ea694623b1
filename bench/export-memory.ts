// `npm run bench:export`:
// peak memory (max RSS) of the API process while it streams the annual workbook
// and the ledger CSV of a year, each in a fresh process, read over real HTTP by
// a client that discards the bytes, each timed right after the floor (psql \copy of the same
// rows and columns) so both meet the same load; rows are counted on both sides. Builds its data set (100,000 events, 100 townships,
// database pufa_bench_100k) first if missing; --database points it at another bench database.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@pufa/db';
import { buildApp } from '../apps/api/src/app.ts';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER, ensureBenchData } from './bench-database.ts';

const { values } = parseArgs({ options: { database: { type: 'string', default: 'pufa_bench_100k' }, child: { type: 'string' }, rounds: { type: 'string', default: '2' } } });
const exports = { xlsx: '/api/exports/annual.xlsx?year=2026', csv: '/api/exports/ledger.csv?from=2026-01-01&to=2026-12-31', none: '' } as const;
type Kind = keyof typeof exports;

/**
 * The floor: the ledger CSV's rows and columns as PostgreSQL alone writes them (psql \copy), names
 * joined. Set-based: each list aggregated once, grouped by event, and joined (issue 22 found the
 * first floor's nine correlated subqueries per row took 16-22 s where this takes 3-5 s, which
 * flattered the exports' ratios 3-7x). Aggregates are ordered so the output is deterministic.
 */
const YEAR = `e.deleted_at IS NULL AND e.start_date BETWEEN '2026-01-01' AND '2026-12-31'`;
const list = (name: string, table: string, join: string, value: string, extra = '') =>
  `${name} AS (SELECT x.event_id, string_agg(${value}, '、' ORDER BY ${value}) AS s FROM ${table} x ${join} JOIN event e ON e.id = x.event_id WHERE ${YEAR} ${extra} GROUP BY x.event_id)`;
const LEDGER_FLOOR_SQL = `WITH
  ${list('vil', 'event_village', 'JOIN org_unit v ON v.id = x.village_id', 'v.name')},
  ${list('six', 'event_six_into', 'JOIN six_into_category k ON k.code = x.category_code', 'k.name')},
  ${list('frm', 'event_form', 'JOIN activity_form f ON f.id = x.form_id', 'f.name')},
  ${list('lw', 'event_law', 'JOIN law l ON l.id = x.law_id', 'l.name')},
  ${list('dep', 'event_department', 'JOIN department d ON d.id = x.department_id', 'd.name')},
  ${list('grp', 'event_target_group', 'JOIN target_group g ON g.id = x.target_group_id', 'g.name')},
  mat AS (SELECT x.event_id, sum(x.quantity) FILTER (WHERE m.counts_as_leaflet) AS leaflets,
                 string_agg(m.name || ' ' || x.quantity || m.unit, '、' ORDER BY m.name, x.quantity) AS s
          FROM event_material x JOIN material_type m ON m.id = x.material_type_id JOIN event e ON e.id = x.event_id WHERE ${YEAR} GROUP BY x.event_id)
SELECT row_number() OVER (ORDER BY e.start_date, e.id), e.start_date, e.end_date, t.name, e.title, c.name, e.location,
  vil.s, six.s, frm.s, lw.s, dep.s, grp.s, e.audience, e.consultations, mat.leaflets, mat.s, e.notes
FROM event e JOIN org_unit t ON t.id = e.township_id LEFT JOIN campaign c ON c.id = e.campaign_id
  LEFT JOIN vil ON vil.event_id = e.id LEFT JOIN six ON six.event_id = e.id LEFT JOIN frm ON frm.event_id = e.id
  LEFT JOIN lw ON lw.event_id = e.id LEFT JOIN dep ON dep.event_id = e.id LEFT JOIN grp ON grp.event_id = e.id LEFT JOIN mat ON mat.event_id = e.id
WHERE ${YEAR} ORDER BY e.start_date, e.id`.replace(/\s+/g, ' ');

/** psql \copy of the floor to /dev/null: its time and the rows it wrote (psql prints "COPY n"). */
function runFloor(): { seconds: number; rows: number } {
  const started = performance.now();
  const out = spawnSync('psql', [benchDatabaseUrl(values.database), '-c', `\\copy (${LEDGER_FLOOR_SQL}) to '/dev/null' csv`], { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (out.status !== 0) throw new Error(out.stderr);
  return { seconds, rows: Number(/COPY (\d+)/.exec(out.stdout)?.[1] ?? NaN) };
}

/** CSV records in a stream (newlines outside quotes), counted as the bytes pass: cheap next to the export. */
function csvRecordCounter() {
  let quoted = false;
  let records = 0;
  return {
    add(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i += 1) {
        const byte = chunk[i]!;
        if (byte === 34) quoted = !quoted;
        else if (byte === 10 && !quoted) records += 1;
      }
    },
    get records() {
      return records;
    },
  };
}

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
  const counter = csvRecordCounter();
  if (kind !== 'none') {
    const res = await fetch(`${address}${exports[kind]}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    for await (const chunk of res.body!) {
      bytes += (chunk as Uint8Array).length;
      if (kind === 'csv') counter.add(chunk as Uint8Array);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes. The CSV's records include its header row.
  console.log(JSON.stringify({ kind, bytes, seconds, rows: kind === 'csv' ? counter.records - 1 : null, maxRss: process.resourceUsage().maxRSS * 1024 }));
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
  console.log(`Data: ${values.database}, ${events} events in 2026; each export in a fresh Node ${process.version} process with its default heap, read over HTTP and discarded; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  runFloor(); // warm the cache
  // Interleaved: the floor is timed right before each export, so both meet the same machine load.
  console.log('| export | rows | size | time | floor time (just before) | floor rows | time / floor | peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|');
  const ratios: Record<string, number[]> = { csv: [], xlsx: [] };
  for (let round = 0; round < Number(values.rounds); round += 1) {
    for (const kind of round === 0 ? (['none', 'csv', 'xlsx'] as const) : (['csv', 'xlsx'] as const)) {
      const floor = kind === 'none' ? null : runFloor();
      const out = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--database', values.database!, '--child', kind], { encoding: 'utf8', maxBuffer: 1e7 });
      if (out.status !== 0) throw new Error(out.stderr);
      const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!);
      const name = kind === 'none' ? 'none (API started, signed in)' : exports[kind];
      const ratio = floor ? result.seconds / floor.seconds : NaN;
      if (floor) ratios[kind]!.push(ratio);
      console.log(`| ${name} | ${result.rows ?? ''} | ${mb(result.bytes)} MB | ${result.seconds.toFixed(1)} s | ${floor ? `${floor.seconds.toFixed(1)} s` : ''} | ${floor?.rows ?? ''} | ${floor ? ratio.toFixed(2) : ''} | ${mb(result.maxRss)} MB |`);
      if (kind === 'csv' && floor && result.rows !== floor.rows) throw new Error(`the CSV has ${result.rows} rows, the floor ${floor.rows}`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`\nMedian time / floor: CSV ${median(ratios.csv!).toFixed(2)} (target <= 2), workbook ${median(ratios.xlsx!).toFixed(2)} (target <= 4); load average after ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
}
