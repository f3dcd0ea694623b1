// `npm run bench:stats`: GET /api/stats for every
// groupBy over one year, for one township and for the whole province, through
// the whole Fastify pipeline (app.inject: session, validation, query, labels,
// serialisation), and, interleaved with it on the same database, the best
// hand-written SQL for the same numbers (labels included). Prints p50/p95 and
// the ratio of the two. Builds the data set first (`npm run bench:data`, 1 M
// events) if the database has none. Options: --runs 40 --database pufa_bench
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { STATS_GROUPS, type StatsGroup, type StatsResponse } from '@pufa/domain';
import { createStatsRepository, openDatabase, type Actor } from '@pufa/db';
import { buildApp } from '../apps/api/src/app.ts';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER, ensureBenchData } from './bench-database.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '40' }, database: { type: 'string', default: 'pufa_bench' } } });
const runs = Number(values.runs);
const url = benchDatabaseUrl(values.database);
const [from, to] = ['2026-01-01', '2026-12-31'];

const LABELS: Record<Exclude<StatsGroup, 'month' | 'township'>, string> = {
  campaign: 'LEFT JOIN campaign l ON l.id::text = r.key',
  village: 'LEFT JOIN org_unit l ON l.id::text = r.key',
  sixInto: 'LEFT JOIN six_into_category l ON l.code = r.key',
  department: 'LEFT JOIN department l ON l.id::text = r.key',
  form: 'LEFT JOIN activity_form l ON l.id::text = r.key',
  law: 'LEFT JOIN law l ON l.id::text = r.key',
  materialType: 'LEFT JOIN material_type l ON l.id::text = r.key',
};

/** The hand-written query: one statement over the roll-up for totals, villages reached and in scope, and labelled rows. */
function handWritten(groupBy: StatsGroup, scope: 'township' | 'province'): string {
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
console.log(`Data: ${ids.events} events in ${from.slice(0, 4)}, ${ids.townships} townships x 10 villages, roll-up ${ids.rollup} rows; ${runs} runs per case, API and SQL interleaved\n`);
console.log('| scope | groupBy | API p50 | API p95 | query layer p50 | SQL p50 | SQL p95 | API/SQL p50 | API/SQL p95 | layer/SQL p50 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');

// The query layer alone (scope check, the statement, labels; no HTTP, session or serialisation), as the
// province's administrator, whose scope lists its townships (as the session gives it).
const stats = createStatsRepository(db.prisma);
const { rows: townshipRows } = await sql.query(`SELECT id FROM org_unit WHERE parent_id = $1 AND level = 'township'`, [ids.county]);
const actor: Actor = { userId: null, role: 'admin', orgUnitId: ids.county, townshipIds: townshipRows.map((r) => r.id), isTopLevel: true };
const worst = { township: 0, province: 0, ratio: 0, layerRatio: 0 };
for (const scope of ['township', 'province'] as const) {
  const orgUnitId = scope === 'township' ? ids.township : ids.county;
  for (const groupBy of STATS_GROUPS) {
    const path = `/api/stats?from=${from}&to=${to}&groupBy=${groupBy}&orgUnitId=${orgUnitId}`;
    const query = handWritten(groupBy, scope);
    // Same numbers both ways, or the comparison means nothing.
    const api = (await app.inject({ url: path, headers })).json<StatsResponse>();
    const hand = (await sql.query(query, [orgUnitId])).rows;
    const total = hand.find((r) => r.part === 't');
    if (Number(total.a) !== api.totals.activities || Number(total.l) !== api.totals.leaflets || Number(hand.find((r) => r.part === 'v').a) !== api.totals.villagesReached
      || hand.filter((r) => r.part === 'r').length !== api.rows.length) {
      throw new Error(`${scope} ${groupBy}: the API and the hand-written SQL disagree`);
    }
    for (let i = 0; i < 3; i += 1) {
      await app.inject({ url: path, headers });
      await sql.query(query, [orgUnitId]);
    }
    const apiTimes: number[] = [];
    const sqlTimes: number[] = [];
    const layerTimes: number[] = [];
    const layerQuery = { from, to, groupBy, orgUnitId };
    for (let i = 0; i < runs; i += 1) {
      apiTimes.push(await timed(() => app.inject({ url: path, headers })));
      layerTimes.push(await timed(() => stats.stats(actor, layerQuery)));
      sqlTimes.push(await timed(() => sql.query(query, [orgUnitId])));
    }
    [apiTimes, sqlTimes, layerTimes].forEach((t) => t.sort((a, b) => a - b));
    const [a50, a95, s50, s95, l50] = [percentile(apiTimes, 50), percentile(apiTimes, 95), percentile(sqlTimes, 50), percentile(sqlTimes, 95), percentile(layerTimes, 50)];
    worst[scope] = Math.max(worst[scope], a95);
    worst.ratio = Math.max(worst.ratio, a50 / s50);
    worst.layerRatio = Math.max(worst.layerRatio, l50 / s50);
    console.log(`| ${scope} | ${groupBy} | ${a50.toFixed(1)} ms | ${a95.toFixed(1)} ms | ${l50.toFixed(1)} ms | ${s50.toFixed(1)} ms | ${s95.toFixed(1)} ms | ${(a50 / s50).toFixed(2)} | ${(a95 / s95).toFixed(2)} | ${(l50 / s50).toFixed(2)} |`);
  }
}

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
console.log(`Worst p95: township ${worst.township.toFixed(1)} ms (target < 50), province ${worst.province.toFixed(1)} ms (target < 300); worst p50 ratio to SQL: API ${worst.ratio.toFixed(2)}, query layer ${worst.layerRatio.toFixed(2)} (target <= 1.5)`);
await app.close();
await sql.end();
await db.close();
