// `npm run bench:stats`: GET /api/stats for every
// groupBy over one year, for one township and for the whole province, through
// the whole Fastify pipeline (app.inject: session, validation, query, labels,
// serialisation), and, interleaved with it on the same database, the best
// hand-written SQL for the same numbers (labels included). Prints p50/p95 and
// the ratio of the two. Builds the data set first (`npm run bench:data`, 1 M
// events) if the database has none. Options: --runs 40 --database pufa_bench --seconds 2
// Each case is measured three ways against the SQL: app.inject, over HTTP (fetch, one
// keep-alive connection), and at 10 connections (autocannon over HTTP against 10 SQL clients
// running the statement in parallel for the same time). Before timing, every row of the
// API's answer is compared with the hand-written SQL's (values and labels), not only totals.
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import autocannon from 'autocannon';
import { STATS_GROUPS, type StatsGroup, type StatsResponse } from '@pufa/domain';
import { createStatsRepository, openDatabase, type Actor } from '@pufa/db';
import { buildApp } from '../apps/api/src/app.ts';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER, ensureBenchData } from './bench-database.ts';

// --province: every level of the province-shaped data set instead (bench/stats-levels.ts).
if (process.argv.includes('--province')) {
  await import('./stats-levels.ts');
  process.exit(0);
}
const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, database: { type: 'string', default: 'pufa_bench' }, seconds: { type: 'string', default: '2' } } });
const runs = Number(values.runs);
const url = benchDatabaseUrl(values.database);
const [from, to] = ['2026-01-01', '2026-12-31'];
/** The breakdowns of a county-shaped data set (its one county-level unit has no cities or counties below it). */
type BenchGroup = Exclude<StatsGroup, 'city' | 'county'>;
const BENCH_GROUPS = STATS_GROUPS.filter((g): g is BenchGroup => g !== 'city' && g !== 'county');

const LABELS: Record<Exclude<StatsGroup, 'month' | 'township' | 'city' | 'county'>, string> = {
  campaign: 'LEFT JOIN campaign l ON l.id::text = r.key',
  village: 'LEFT JOIN org_unit l ON l.id::text = r.key',
  sixInto: 'LEFT JOIN six_into_category l ON l.code = r.key',
  department: 'LEFT JOIN department l ON l.id::text = r.key',
  form: 'LEFT JOIN activity_form l ON l.id::text = r.key',
  law: 'LEFT JOIN law l ON l.id::text = r.key',
  materialType: 'LEFT JOIN material_type l ON l.id::text = r.key',
};

/** The hand-written query: one statement over the roll-up for totals, villages reached and in scope, and labelled rows. */
function handWritten(groupBy: BenchGroup, scope: 'township' | 'province'): string {
  const townships = scope === 'township' ? 'township_id = $1' : 'township_id IN (SELECT id FROM org_unit WHERE parent_id = $1)';
  const villages = scope === 'township' ? 'parent_id = $1' : 'parent_id IN (SELECT id FROM org_unit WHERE parent_id = $1)';
  const where = `month BETWEEN '${from}' AND '${to}' AND ${townships}`;
  const rows =
    groupBy === 'township'
      ? `SELECT r.key, l.name, r.a, r.l, r.au FROM (SELECT township_id::text AS key, sum(activities) a, sum(leaflets) l, sum(audience) au
                FROM event_stats_monthly WHERE dimension = 'total' AND ${where} GROUP BY township_id) r LEFT JOIN org_unit l ON l.id::text = r.key
         UNION ALL SELECT 'w' || township_id, '', count(DISTINCT key), 0, 0 FROM event_stats_monthly WHERE dimension = 'village' AND ${where} GROUP BY township_id`
      : groupBy === 'month'
      ? `SELECT to_char(m, 'YYYY-MM'), to_char(m, 'YYYY-MM'), COALESCE(a, 0), COALESCE(l, 0), COALESCE(au, 0)
         FROM generate_series('${from}'::date, '${to}'::date, interval '1 month') m
         LEFT JOIN (SELECT month, sum(activities) a, sum(leaflets) l, sum(audience) au FROM event_stats_monthly
                    WHERE dimension = 'total' AND ${where} GROUP BY month) r ON r.month = m`
      : `SELECT r.key, l.name, r.a, r.l, r.au FROM (SELECT key, sum(activities) a, sum(leaflets) l, sum(audience) au FROM event_stats_monthly
                WHERE dimension = '${groupBy}' AND ${where} GROUP BY key) r ${LABELS[groupBy]}`;
  return `
    SELECT 't' part, '' k, '' label, sum(activities) a, sum(leaflets) l, sum(audience) au FROM event_stats_monthly WHERE dimension = 'total' AND ${where}
    UNION ALL SELECT 'v', '', '', count(DISTINCT key), 0, 0 FROM event_stats_monthly WHERE dimension = 'village' AND ${where}
    UNION ALL SELECT 'n', '', '', count(*), 0, 0 FROM org_unit WHERE level = 'village' AND ${villages}
    UNION ALL SELECT CASE WHEN rows.k LIKE 'w%' THEN 'w' ELSE 'r' END, rows.* FROM (${rows}) rows(k, label, a, l, au)`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const timed = async (work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
};

await ensureBenchData(values.database!, 1_000_000, 1_000);
const db = await openDatabase({ kind: 'postgresql', url });
const sql = new pg.Client({ connectionString: url });
await sql.connect();
const app = await buildApp({ db, serveWebApp: false });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: BENCH_USER, password: BENCH_PASSWORD } });
if (login.statusCode !== 200) throw new Error('Run `npm run bench:data` first: no bench user in this database');
const headers = { cookie: `pufa_session=${login.cookies.find((c) => c.name === 'pufa_session')!.value}` };
const { rows: [ids] } = await sql.query(`SELECT (SELECT id FROM org_unit WHERE level = 'county' AND code = 'bench') AS county,
  (SELECT min(id) FROM org_unit WHERE level = 'township') AS township, (SELECT count(*) FROM event) AS events,
  (SELECT count(*) FROM org_unit WHERE level = 'township') AS townships, (SELECT count(*) FROM event_stats_monthly) AS rollup`);
const { rows: [version] } = await sql.query('SHOW server_version');

console.log(`Machine: ${os.cpus().length} x ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GB; PostgreSQL ${version.server_version}; Node ${process.version}`);
console.log(`Data: ${ids.events} events in ${from.slice(0, 4)}, ${ids.townships} townships x 10 villages, roll-up ${ids.rollup} rows; ${runs} runs per case, API (inject and HTTP) and SQL interleaved; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const pool = new pg.Pool({ connectionString: url, max: 10 });
const table: string[] = [];
const concurrent: string[] = [];

// The query layer alone (scope check, the statement, labels; no HTTP, session or serialisation), as the
// province's administrator, whose scope lists its townships (as the session gives it).
const stats = createStatsRepository(db.prisma);
const { rows: townshipRows } = await sql.query(`SELECT id FROM org_unit WHERE parent_id = $1 AND level = 'township'`, [ids.county]);
const actor: Actor = { userId: null, role: 'admin', orgUnitId: ids.county, townshipIds: townshipRows.map((r) => r.id), isTopLevel: true };
const worst = { township: 0, province: 0, ratio: 0, httpRatio: 0, layerRatio: 0, ratio10: 0 };

/** Every row of the API's answer against the hand-written SQL's: keys, values and labels; totals too. */
function compareRows(name: string, api: StatsResponse, hand: { part: string; k: string; label: string | null; a: string; l: string; au: string }[]) {
  const fail = (what: string) => {
    throw new Error(`${name}: the API and the hand-written SQL disagree on ${what}`);
  };
  const total = hand.find((r) => r.part === 't')!;
  if (Number(total.a) !== api.totals.activities || Number(total.l ?? 0) !== api.totals.leaflets || Number(total.au ?? 0) !== api.totals.audience) fail('the totals');
  if (Number(hand.find((r) => r.part === 'v')!.a) !== api.totals.villagesReached) fail('villages reached');
  if (Number(hand.find((r) => r.part === 'n')!.a) !== api.totals.villagesTotal) fail('villages in scope');
  const rows = hand.filter((r) => r.part === 'r');
  if (rows.length !== api.rows.length) fail(`the number of rows (${api.rows.length} vs ${rows.length})`);
  const byKey = new Map(api.rows.map((r) => [r.key, r]));
  for (const row of rows) {
    const mine = byKey.get(String(row.k ?? 'none'));
    if (!mine) fail(`row ${row.k} (missing from the API)`);
    if (mine!.activities !== Number(row.a) || mine!.leaflets !== Number(row.l) || mine!.audience !== Number(row.au)) fail(`the values of row ${row.k}`);
    if (api.groupBy !== 'month' && row.label && mine!.label !== row.label) fail(`the label of row ${row.k} (${mine!.label} vs ${row.label})`);
  }
  for (const row of hand.filter((r) => r.part === 'w')) {
    if (byKey.get(row.k.slice(1))?.villagesReached !== Number(row.a)) fail(`villages reached of township ${row.k.slice(1)}`);
  }
}

/** The statement run by 10 clients at once for `seconds`: answers a second and latency percentiles. */
async function sqlAtTen(query: string, orgUnitId: number, seconds: number) {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (performance.now() < until) times.push(await timed(() => pool.query(query, [orgUnitId])));
  }));
  times.sort((a, b) => a - b);
  return { perSecond: times.length / seconds, p50: percentile(times, 50), p99: percentile(times, 99) };
}
for (const scope of ['township', 'province'] as const) {
  const orgUnitId = scope === 'township' ? ids.township : ids.county;
  for (const groupBy of BENCH_GROUPS) {
    const path = `/api/stats?from=${from}&to=${to}&groupBy=${groupBy}&orgUnitId=${orgUnitId}`;
    const query = handWritten(groupBy, scope);
    // Same numbers both ways, every row of them, or the comparison means nothing.
    const api = (await app.inject({ url: path, headers })).json<StatsResponse>();
    const hand = (await sql.query(query, [orgUnitId])).rows;
    compareRows(`${scope} ${groupBy}`, api, hand);
    const overHttp = await (await fetch(`${address}${path}`, { headers })).json() as StatsResponse;
    if (JSON.stringify(overHttp) !== JSON.stringify(api)) throw new Error(`${scope} ${groupBy}: HTTP and inject answer differently`);
    for (let i = 0; i < 3; i += 1) {
      await app.inject({ url: path, headers });
      await (await fetch(`${address}${path}`, { headers })).arrayBuffer();
      await sql.query(query, [orgUnitId]);
    }
    const apiTimes: number[] = [];
    const httpTimes: number[] = [];
    const sqlTimes: number[] = [];
    const layerTimes: number[] = [];
    const layerQuery = { from, to, groupBy, orgUnitId };
    for (let i = 0; i < runs; i += 1) {
      apiTimes.push(await timed(() => app.inject({ url: path, headers })));
      httpTimes.push(await timed(async () => (await fetch(`${address}${path}`, { headers })).arrayBuffer()));
      layerTimes.push(await timed(() => stats.stats(actor, layerQuery)));
      sqlTimes.push(await timed(() => sql.query(query, [orgUnitId])));
    }
    [apiTimes, httpTimes, sqlTimes, layerTimes].forEach((t) => t.sort((a, b) => a - b));
    const [a50, a95, h50, h95, s50, s95, l50] = [percentile(apiTimes, 50), percentile(apiTimes, 95), percentile(httpTimes, 50), percentile(httpTimes, 95), percentile(sqlTimes, 50), percentile(sqlTimes, 95), percentile(layerTimes, 50)];
    worst[scope] = Math.max(worst[scope], a95, h95);
    worst.ratio = Math.max(worst.ratio, a50 / s50);
    worst.httpRatio = Math.max(worst.httpRatio, h50 / s50);
    worst.layerRatio = Math.max(worst.layerRatio, l50 / s50);
    table.push(`| ${scope} | ${groupBy} | ${a50.toFixed(1)} ms | ${a95.toFixed(1)} ms | ${h50.toFixed(1)} ms | ${h95.toFixed(1)} ms | ${l50.toFixed(1)} ms | ${s50.toFixed(1)} ms | ${s95.toFixed(1)} ms | ${(a50 / s50).toFixed(2)} | ${(h50 / s50).toFixed(2)} | ${(h95 / s95).toFixed(2)} | ${(l50 / s50).toFixed(2)} |`);
    // 10 connections: the API over HTTP, then 10 SQL clients, each for the same time.
    const seconds = Number(values.seconds);
    const load = await autocannon({ url: `${address}${path}`, connections: 10, duration: seconds, headers });
    const sql10 = await sqlAtTen(query, orgUnitId, seconds);
    worst.ratio10 = Math.max(worst.ratio10, load.latency.p50 / sql10.p50);
    concurrent.push(`| ${scope} | ${groupBy} | ${(load.requests.total / seconds).toFixed(0)} | ${load.latency.p50} ms | ${load.latency.p99} ms | ${sql10.perSecond.toFixed(0)} | ${sql10.p50.toFixed(1)} ms | ${sql10.p99.toFixed(1)} ms | ${(load.latency.p50 / sql10.p50).toFixed(2)} | ${(sql10.perSecond / (load.requests.total / seconds)).toFixed(2)} | ${load.non2xx} |`);
  }
}

console.log('| scope | groupBy | inject p50 | inject p95 | HTTP p50 | HTTP p95 | query layer p50 | SQL p50 | SQL p95 | inject/SQL p50 | HTTP/SQL p50 | HTTP/SQL p95 | layer/SQL p50 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
console.log(table.join('\n'));
console.log(`\nAt 10 connections, ${values.seconds} s each: the API over HTTP (autocannon) and 10 SQL clients running the hand-written statement`);
console.log('| scope | groupBy | API req/s | API p50 | API p99 | SQL/s | SQL p50 | SQL p99 | API/SQL p50 | SQL/API throughput | non-2xx |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
console.log(concurrent.join('\n'));

// Why the roll-up: the same province-wide year from the raw events (a few runs only).
const rawTimes: number[] = [];
for (let i = 0; i < 3; i += 1) {
  rawTimes.push(await timed(() => sql.query(`SELECT count(*), sum(audience), (SELECT sum(m.quantity) FROM event_material m JOIN material_type t ON t.id = m.material_type_id
      JOIN event e ON e.id = m.event_id WHERE t.counts_as_leaflet AND e.deleted_at IS NULL AND e.start_date BETWEEN '${from}' AND '${to}'),
      (SELECT count(DISTINCT v.village_id) FROM event_village v JOIN event e ON e.id = v.event_id WHERE e.deleted_at IS NULL AND e.start_date BETWEEN '${from}' AND '${to}')
    FROM event WHERE deleted_at IS NULL AND start_date BETWEEN '${from}' AND '${to}'`)));
}
rawTimes.sort((a, b) => a - b);
console.log(`\nProvince totals from the raw events instead (no roll-up), median of 3: ${percentile(rawTimes, 50).toFixed(0)} ms`);
console.log(`Worst p95: township ${worst.township.toFixed(1)} ms (target < 50), province ${worst.province.toFixed(1)} ms (target < 300); worst p50 ratio to SQL: inject ${worst.ratio.toFixed(2)}, HTTP ${worst.httpRatio.toFixed(2)}, 10 connections ${worst.ratio10.toFixed(2)}, query layer ${worst.layerRatio.toFixed(2)} (target <= 1.5); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await pool.end();
await app.close();
await sql.end();
await db.close();
