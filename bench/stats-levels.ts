// `npm run bench:stats -- --province`: /api/stats at every level of a province-shaped data set
// (`npm run bench:data -- --province`): one township, one county, one city and the province, for
// the year's month breakdown, the breakdown by the next level down, by campaign and by village.
// Over HTTP (the real server's pipeline on a port), at 1 connection (sequential) and at 10
// (autocannon), beside the hand-written SQL of the same totals from the roll-up by level.
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import autocannon from 'autocannon';
import type { StatsGroup, StatsResponse } from '@pufa/domain';
import { openDatabase } from '@pufa/db';
import { buildApp } from '../apps/api/src/app.ts';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER } from './bench-database.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, database: { type: 'string', default: 'pufa_bench_province' }, seconds: { type: 'string', default: '2' }, province: { type: 'boolean' } } });
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const url = benchDatabaseUrl(values.database);
const [from, to] = ['2026-01-01', '2026-12-31'];

const db = await openDatabase({ kind: 'postgresql', url });
const sql = new pg.Client({ connectionString: url });
await sql.connect();
const app = await buildApp({ db, serveWebApp: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${address}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
if (login.status !== 200) throw new Error('Run `npm run bench:data -- --province` first: no bench user in this database');
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const headers = { cookie };

const { rows: [ids] } = await sql.query(`SELECT (SELECT min(id) FROM org_unit WHERE level = 'province') AS province, (SELECT min(id) FROM org_unit WHERE level = 'city') AS city,
  (SELECT min(id) FROM org_unit WHERE level = 'county') AS county, (SELECT min(id) FROM org_unit WHERE level = 'township') AS township,
  (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM org_unit WHERE level = 'township') AS townships,
  (SELECT count(*) FROM event_stats_monthly) AS rollup, (SELECT count(*) FROM event_stats_unit_monthly) AS unit_rollup`);
const { rows: [version] } = await sql.query('SHOW server_version');
console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model}; PostgreSQL ${version.server_version}; Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`Data: ${ids.events} events in 2026, ${ids.townships} townships x 10 villages, roll-up ${ids.rollup} township rows + ${ids.unit_rollup} unit rows; ${runs} runs at 1 connection, ${seconds} s at 10\n`);

const LEVELS = [
  { level: 'township', id: ids.township, next: 'village' },
  { level: 'county', id: ids.county, next: 'township' },
  { level: 'city', id: ids.city, next: 'county' },
  { level: 'province', id: ids.province, next: 'city' },
] as const;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const timed = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};
/** The year's totals of a unit, hand-written: the unit's own roll-up rows (a township's from the townships' table). */
const handTotals = (level: string) =>
  level === 'township'
    ? `SELECT sum(activities) AS a, sum(leaflets) AS l, sum(audience) AS au FROM event_stats_monthly WHERE township_id = $1 AND dimension = 'total' AND month BETWEEN '${from}' AND '${to}'`
    : `SELECT sum(activities) AS a, sum(leaflets) AS l, sum(audience) AS au FROM event_stats_unit_monthly WHERE unit_id = $1 AND dimension = 'total' AND month BETWEEN '${from}' AND '${to}'`;

const lines: string[] = [];
let worstProvince = 0;
let worstCity = 0;
for (const { level, id, next } of LEVELS) {
  for (const groupBy of [...new Set(['month', next, 'campaign', 'village'])] as StatsGroup[]) {
    const path = `/api/stats?from=${from}&to=${to}&groupBy=${groupBy}&orgUnitId=${id}`;
    const answer = (await (await fetch(`${address}${path}`, { headers })).json()) as StatsResponse;
    const [hand] = (await sql.query(handTotals(level), [id])).rows;
    if (Number(hand.a) !== answer.totals.activities || Number(hand.l) !== answer.totals.leaflets || Number(hand.au) !== answer.totals.audience) throw new Error(`${level} ${groupBy}: the API and the hand-written SQL disagree (${answer.totals.activities} vs ${hand.a})`);
    for (let i = 0; i < 3; i += 1) await (await fetch(`${address}${path}`, { headers })).arrayBuffer();
    const http: number[] = [];
    const hands: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      http.push(await timed(async () => (await fetch(`${address}${path}`, { headers })).arrayBuffer()));
      hands.push(await timed(() => sql.query(handTotals(level), [id])));
    }
    http.sort((a, b) => a - b);
    hands.sort((a, b) => a - b);
    const load = await autocannon({ url: `${address}${path}`, connections: 10, duration: seconds, headers });
    const p95at10 = load.latency.p97_5; // autocannon reports p97.5, not p95: the stricter of the two
    if (level === 'province') worstProvince = Math.max(worstProvince, p95at10);
    if (level === 'city') worstCity = Math.max(worstCity, p95at10);
    lines.push(`| ${level} | ${groupBy} | ${answer.rows.length} | ${percentile(http, 50).toFixed(1)} ms | ${percentile(http, 95).toFixed(1)} ms | ${percentile(hands, 50).toFixed(1)} ms | ${load.latency.p50} ms | ${p95at10} ms | ${(load.requests.total / seconds).toFixed(0)} | ${load.non2xx} |`);
  }
}
console.log('| level | groupBy | rows | HTTP p50 (1 conn) | HTTP p95 (1 conn) | SQL totals p50 | p50 at 10 conn | p97.5 at 10 conn | req/s at 10 | non-2xx |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
console.log(lines.join('\n'));
console.log(`\nWorst at 10 connections (p97.5): province ${worstProvince} ms (target p95 < 300), city ${worstCity} ms (target < 100); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await app.close();
await sql.end();
await db.close();
