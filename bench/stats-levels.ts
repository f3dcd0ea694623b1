// `npm run bench:stats -- --province`: /api/stats at every level of a province-shaped data set
// (`npm run bench:data -- --province`): one township, one county, one city and the province, for
// the year's month breakdown, the breakdown by the next level down, by campaign and by village.
//
// The API runs as its own process (the server as `npm start` runs it), so the load generator
// never shares its event loop. Each case is timed over HTTP at 1 connection (sequential) and at
// 10 (ten requests always in flight), interleaved with the reference: hand-written SQL giving
// the same answer (totals, villages reached and in scope, every breakdown row with its label)
// from the same roll-up rows, written for this tree's known depth, through 1 and 10 pg clients.
// Every answer is checked equal to the reference before it is timed.
import os from 'node:os';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { StatsGroup, StatsResponse } from '@pufa/domain';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER } from './bench-database.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    database: { type: 'string', default: 'pufa_bench_province' },
    seconds: { type: 'string', default: '4' },
    port: { type: 'string', default: '3399' },
    province: { type: 'boolean' },
  },
});
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const url = benchDatabaseUrl(values.database);
const address = `http://127.0.0.1:${values.port}`;
const [from, to] = ['2026-01-01', '2026-12-31'];
const CONNECTIONS = 10;

// ---- the API in a process of its own ------------------------------------------------------
const serverScript = fileURLToPath(new URL('../apps/api/src/server.ts', import.meta.url));
const server = spawn(process.execPath, ['--import', 'tsx', serverScript], {
  env: { ...process.env, DATABASE_URL: url, PORT: values.port, HOST: '127.0.0.1', DEMO: '0', LOG_LEVEL: 'warn', FILES_DIR: os.tmpdir() + '/pufa-bench-files' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stopServer = () => server.kill('SIGTERM');
process.on('exit', stopServer);
for (let i = 0; ; i += 1) {
  if (await fetch(`${address}/api/health`).then((r) => r.ok, () => false)) break;
  if (i > 600) throw new Error('The API did not start within 60 s');
  await new Promise((r) => setTimeout(r, 100));
}
const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
if (login.status !== 200) throw new Error('Run `npm run bench:data -- --province` first: no bench user in this database');
const headers = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };

const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
const { rows: [ids] } = await pool.query(`SELECT (SELECT min(id) FROM org_unit WHERE level = 'province') AS province, (SELECT min(id) FROM org_unit WHERE level = 'city') AS city,
  (SELECT min(id) FROM org_unit WHERE level = 'county') AS county, (SELECT min(id) FROM org_unit WHERE level = 'township') AS township,
  (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM org_unit WHERE level = 'township') AS townships, (SELECT count(*) FROM org_unit WHERE level = 'village') AS villages,
  (SELECT count(*) FROM event_stats_monthly) AS rollup, (SELECT count(*) FROM event_stats_unit_monthly) AS unit_rollup`);
const { rows: [version] } = await pool.query('SHOW server_version');
console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model}; PostgreSQL ${version.server_version}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`Data: ${ids.events} events in 2026, ${ids.townships} townships, ${ids.villages} villages; roll-up ${ids.rollup} township rows + ${ids.unit_rollup} unit rows`);
console.log(`${runs} sequential runs per case at 1 connection; ${seconds} s at ${CONNECTIONS} connections (API and SQL in alternating 1 s slices)\n`);

// ---- the reference: the same answer by hand, from the same roll-up rows ---------------------
type Level = 'township' | 'county' | 'city' | 'province';
/** How many parent steps from a village up to a unit of each level, in this tree. */
const DEPTH: Record<Level, number> = { township: 1, county: 2, city: 3, province: 4 };
/** The villages below unit $1, by fixed-depth joins (the reference knows the tree's shape). */
const villagesBelow = (level: Level) => {
  let joins = 'FROM org_unit v';
  let last = 'v';
  for (let i = 1; i < DEPTH[level]; i += 1) {
    joins += ` JOIN org_unit p${i} ON p${i}.id = ${last}.parent_id`;
    last = `p${i}`;
  }
  return `SELECT count(*) ${joins} WHERE v.level = 'village' AND ${last}.parent_id = $1`;
};
const SUMS = 'sum(activities)::bigint AS a, sum(leaflets)::bigint AS l, sum(audience)::bigint AS au';
const inYear = `month BETWEEN '${from}' AND '${to}'`;

function referenceSql(level: Level, groupBy: StatsGroup): string {
  const township = level === 'township';
  const table = township ? 'event_stats_monthly' : 'event_stats_unit_monthly';
  const own = `${township ? 'township_id' : 'unit_id'} = $1 AND ${inYear}`;
  const villageDim = township ? 'village' : 'villageYear';
  const head = `SELECT 't' AS part, '' AS key, NULL AS label, ${SUMS} FROM ${table} WHERE dimension = 'total' AND ${own}
    UNION ALL SELECT 'v', '', NULL, count(DISTINCT key), 0, 0 FROM ${table} WHERE dimension = '${villageDim}' AND ${own}
    UNION ALL SELECT 'n', '', NULL, (${villagesBelow(level)}), 0, 0`;
  let rows: string;
  if (groupBy === 'month') rows = `SELECT 'r', to_char(month, 'YYYY-MM'), NULL, ${SUMS} FROM ${table} WHERE dimension = 'total' AND ${own} GROUP BY month`;
  else if (groupBy === 'campaign') rows = `SELECT 'r', r.key, c.name, r.a, r.l, r.au FROM (SELECT key, ${SUMS} FROM ${table} WHERE dimension = 'campaign' AND ${own} GROUP BY key) r LEFT JOIN campaign c ON c.id = (CASE WHEN r.key ~ '^[0-9]+$' THEN r.key::int END)`;
  else if (groupBy === 'village') rows = `SELECT 'r', r.key, o.name, r.a, r.l, r.au FROM (SELECT key, ${SUMS} FROM ${table} WHERE dimension = '${villageDim}' AND ${own} GROUP BY key) r JOIN org_unit o ON o.id = r.key::int`;
  else if (groupBy === 'township')
    rows = `SELECT 'r', o.id::text, o.name, r.a, r.l, r.au FROM org_unit o JOIN (SELECT township_id, ${SUMS} FROM event_stats_monthly WHERE dimension = 'total' AND ${inYear} AND township_id IN (SELECT id FROM org_unit WHERE parent_id = $1) GROUP BY township_id) r ON r.township_id = o.id
      UNION ALL SELECT 'w', township_id::text, NULL, count(DISTINCT key), 0, 0 FROM event_stats_monthly WHERE dimension = 'village' AND ${inYear} AND township_id IN (SELECT id FROM org_unit WHERE parent_id = $1) GROUP BY township_id`;
  else
    rows = `SELECT 'r', o.id::text, o.name, r.a, r.l, r.au FROM org_unit o JOIN (SELECT unit_id, ${SUMS} FROM event_stats_unit_monthly WHERE dimension = 'total' AND ${inYear} AND unit_id IN (SELECT id FROM org_unit WHERE parent_id = $1) GROUP BY unit_id) r ON r.unit_id = o.id
      UNION ALL SELECT 'w', unit_id::text, NULL, count(DISTINCT key), 0, 0 FROM event_stats_unit_monthly WHERE dimension = 'villageYear' AND ${inYear} AND unit_id IN (SELECT id FROM org_unit WHERE parent_id = $1) GROUP BY unit_id`;
  return `${head} UNION ALL ${rows}`;
}

/** The API's answer and the reference's agree on every figure and row (else the timing means nothing). */
function checkEqual(label: string, api: StatsResponse, ref: { part: string; key: string; label: string | null; a: string; l: string; au: string }[]) {
  const one = (part: string) => ref.find((r) => r.part === part)!;
  const fail = (what: string): never => {
    throw new Error(`${label}: the API and the reference disagree on ${what}`);
  };
  if (api.totals.activities !== Number(one('t').a) || api.totals.leaflets !== Number(one('t').l) || api.totals.audience !== Number(one('t').au)) fail('the totals');
  if (api.totals.villagesReached !== Number(one('v').a)) fail('villages reached');
  if (api.totals.villagesTotal !== Number(one('n').a)) fail('villages in scope');
  const refRows = new Map(ref.filter((r) => r.part === 'r').map((r) => [r.key, r]));
  const apiRows = api.rows.filter((r) => r.activities > 0 || refRows.has(r.key));
  if (apiRows.length !== refRows.size) fail(`the number of rows (${apiRows.length} vs ${refRows.size})`);
  for (const row of apiRows) {
    const r = refRows.get(row.key);
    if (!r) return fail(`row ${row.key} (missing)`);
    if (row.activities !== Number(r.a) || row.leaflets !== Number(r.l) || row.audience !== Number(r.au)) fail(`row ${row.key}`);
    if (r.label !== null && row.label !== r.label) fail(`the label of row ${row.key}`);
    const reached = ref.find((w) => w.part === 'w' && w.key === row.key);
    if (reached && row.villagesReached !== Number(reached.a)) fail(`villages reached in row ${row.key}`);
  }
}

// ---- timing -------------------------------------------------------------------------------
const timed = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};
/** `CONNECTIONS` loops each running `work` back to back for `ms`; every latency, and any failure. */
async function underLoad(work: () => Promise<void>, ms: number, into: number[]): Promise<void> {
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) into.push(await timed(work));
    }),
  );
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;

let failures = 0;
const httpGet = (path: string) => async () => {
  const response = await fetch(`${address}${path}`, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) failures += 1;
};

const LEVELS = [
  { level: 'township', id: ids.township, next: 'village' },
  { level: 'county', id: ids.county, next: 'township' },
  { level: 'city', id: ids.city, next: 'county' },
  { level: 'province', id: ids.province, next: 'city' },
] as const;

console.log(`| level | groupBy | rows | API p50 (1 conn) | API p95 (1 conn) | SQL p50 (1 conn) | API/SQL p50 | API p50 (${CONNECTIONS} conn) | API p95 (${CONNECTIONS} conn) | SQL p95 (${CONNECTIONS} conn) | API req/s (${CONNECTIONS} conn) |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const worst: Partial<Record<Level, number>> = {};
for (const { level, id, next } of LEVELS) {
  for (const groupBy of [...new Set(['month', next, 'campaign', 'village'])] as StatsGroup[]) {
    const path = `/api/stats?from=${from}&to=${to}&groupBy=${groupBy}&orgUnitId=${id}`;
    const text = referenceSql(level, groupBy);
    const reference = async () => void (await pool.query(text, [id]));
    const answer = (await (await fetch(`${address}${path}`, { headers })).json()) as StatsResponse;
    checkEqual(`${level} by ${groupBy}`, answer, (await pool.query(text, [id])).rows);
    for (let i = 0; i < 3; i += 1) {
      await httpGet(path)();
      await reference();
    }
    const http: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      http.push(await timed(httpGet(path)));
      hand.push(await timed(reference));
    }
    const httpLoad: number[] = [];
    const handLoad: number[] = [];
    let httpMs = 0;
    for (let slice = 0; slice < seconds; slice += 1) {
      const t0 = performance.now();
      await underLoad(httpGet(path), 1000, httpLoad);
      httpMs += performance.now() - t0;
      await underLoad(reference, 1000, handLoad);
    }
    for (const list of [http, hand, httpLoad, handLoad]) list.sort((a, b) => a - b);
    worst[level] = Math.max(worst[level] ?? 0, pct(httpLoad, 95));
    console.log(
      `| ${level} | ${groupBy} | ${answer.rows.length} | ${ms(pct(http, 50))} | ${ms(pct(http, 95))} | ${ms(pct(hand, 50))} | ${(pct(http, 50) / pct(hand, 50)).toFixed(1)} | ` +
        `${ms(pct(httpLoad, 50))} | ${ms(pct(httpLoad, 95))} | ${ms(pct(handLoad, 95))} | ${((httpLoad.length / httpMs) * 1000).toFixed(0)} |`,
    );
  }
}
console.log(`\nWorst API p95 at ${CONNECTIONS} connections: province ${ms(worst.province!)} (target < 300 ms), city ${ms(worst.city!)} (target < 100 ms), county ${ms(worst.county!)}, township ${ms(worst.township!)}`);
console.log(`Non-200 answers: ${failures}; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await pool.end();
stopServer();
if (failures) process.exitCode = 1;
