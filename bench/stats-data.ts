// `npm run bench:data -- --events 1000000`: a province-sized data set for the
// stats benchmark, in PostgreSQL (DATABASE_URL, default the local server,
// database pufa_bench, dropped and recreated). One county-level unit with
// 1,000 townships x 10 villages and their departments; N events spread over
// 2026 with villages, 六进 places, departments, forms, laws and materials drawn
// at random (seeded, so every run builds the same data), then the roll-up
// rebuilt from them. Options: --events N --townships T --database NAME
// --province (issue 20): the shape of a real province instead, 1 province x 14 cities x 7-9
// counties x 11-13 townships x 10 villages (1,344 townships), in database pufa_bench_province
// unless --database names another; the bench user is the province's administrator.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassword, openDatabase, rebuildRollupNow, seedCatalogs, seedCounty, seedUpperUnit } from '@pufa/db';
import { DEFAULT_TEST_SERVER } from '@pufa/db/testing';
import { benchDatabaseUrl, BENCH_PASSWORD, BENCH_USER } from './bench-database.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    townships: { type: 'string', default: '1000' },
    database: { type: 'string' },
    province: { type: 'boolean', default: false },
  },
});
const isProvince = values.province!;
values.database ??= isProvince ? 'pufa_bench_province' : 'pufa_bench';
const events = Number(values.events);
let townships = Number(values.townships);
const url = benchDatabaseUrl(values.database);

const admin = new pg.Client({ connectionString: process.env.DATABASE_URL || DEFAULT_TEST_SERVER });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${values.database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${values.database}`);
await admin.end();

const step = async (name: string, work: () => Promise<unknown>) => {
  const t0 = performance.now();
  await work();
  console.log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
};

const db = await openDatabase({ kind: 'postgresql', url });
await step('migrate', () => db.migrate());
const sql = new pg.Client({ connectionString: url });
await sql.connect();
let countyId = 0;
await step('catalogs and org units', async () => {
  await seedCatalogs(db.prisma);
  if (isProvince) {
    // 省 > 14 市 > 7-9 县 each > 11-13 乡镇 each: the shape issue 20 describes.
    countyId = (await seedUpperUnit(db.prisma, 'province', { code: 'bench', name: '基准省', nameEn: 'Bench Province' })).id;
    await sql.query(`INSERT INTO org_unit (code, name, name_en, level, parent_id, sort_order)
      SELECT 'c' || c, '市' || c, 'City ' || c, 'city', $1, c FROM generate_series(1, 14) c`, [countyId]);
    await sql.query(`INSERT INTO org_unit (code, name, name_en, level, parent_id, sort_order)
      SELECT c.code || '-k' || k, '县' || c.sort_order || '-' || k, 'County ' || c.sort_order || '-' || k, 'county', c.id, k
      FROM org_unit c, generate_series(1, 9) k WHERE c.level = 'city' AND k <= 7 + c.sort_order % 3`);
    await sql.query(`INSERT INTO org_unit (code, name, name_en, level, parent_id, sort_order)
      SELECT k.code || '-t' || t, '镇' || k.code || '-' || t, 'Town ' || k.code || '-' || t, 'township', k.id, t
      FROM org_unit k, generate_series(1, 13) t WHERE k.level = 'county' AND t <= 11 + k.id % 3`);
    townships = Number((await sql.query(`SELECT count(*) FROM org_unit WHERE level = 'township'`)).rows[0].count);
  } else {
    countyId = (await seedCounty(db.prisma, { code: 'bench', name: '基准省', nameEn: 'Bench Province' })).id;
    await sql.query(
      `INSERT INTO org_unit (code, name, name_en, level, parent_id, sort_order)
       SELECT 't' || t, '镇' || t, 'Town ' || t, 'township', $1, t FROM generate_series(1, $2) t`,
      [countyId, townships],
    );
  }
  await sql.query(
    `INSERT INTO org_unit (code, name, name_en, level, parent_id, sort_order)
     SELECT 'v' || t.id || '-' || v, '村' || v, 'Village ' || v, 'village', t.id, v
     FROM org_unit t, generate_series(1, 10) v WHERE t.level = 'township'`,
  );
  await sql.query(
    `INSERT INTO department (township_id, code, name, name_en, sort_order)
     SELECT t.id, d.code, d.name, d.name, d.n FROM org_unit t,
       (VALUES ('judicial-office', '司法所', 1), ('peace-office', '平安办', 2), ('police-station', '派出所', 3),
               ('youth-league', '团委', 4), ('womens-federation', '妇联', 5), ('school', '中心学校', 6)) AS d(code, name, n)
     WHERE t.level = 'township'`,
  );
});

// Draws are seeded (setseed), so the data is the same on every run.
const pickFrom = (array: string) => `${array}[1 + floor(random() * array_length(${array}, 1))::int]`;
await step(`${events} events`, async () => {
  await sql.query('SELECT setseed(0.42)');
  await sql.query(`CREATE TEMP TABLE tw AS SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM org_unit WHERE level = 'township'`);
  await sql.query(`CREATE TEMP TABLE camps AS SELECT array_agg(id ORDER BY id) AS ids FROM campaign WHERE township_id IS NULL`);
  // A bulk load, not a user's write: without the period-lock trigger, whose shared advisory lock
  // per (township, month) would need 24,000 lock slots in one statement for 1,000 townships.
  // No period of a fresh data set is submitted, so the trigger would refuse nothing.
  await sql.query('SET session_replication_role = replica');
  await sql.query(
    `INSERT INTO event (township_id, campaign_id, start_date, title, location, audience, consultations, updated_at)
     SELECT tw.id, CASE WHEN s.c < 0.75 THEN ${pickFrom('camps.ids')} END, DATE '2026-01-01' + s.d, '普法宣传活动 ' || s.g, '村委会', s.a, s.k, now()
     FROM (SELECT g, floor(random() * ${townships})::int AS t, random() AS c, floor(random() * 365)::int AS d,
                  20 + floor(random() * 780)::int AS a, floor(random() * 30)::int AS k
           FROM generate_series(1, ${events}) g) s
     JOIN tw ON tw.n = s.t CROSS JOIN camps`,
  );
  await sql.query('SET session_replication_role = DEFAULT');
});
await step('event lists (villages, 六进, departments, forms, laws, materials)', async () => {
  await sql.query(`CREATE TEMP TABLE tv AS SELECT parent_id AS township_id, array_agg(id ORDER BY id) AS ids FROM org_unit WHERE level = 'village' GROUP BY parent_id`);
  await sql.query(`CREATE TEMP TABLE td AS SELECT township_id, array_agg(id ORDER BY id) AS ids FROM department GROUP BY township_id`);
  await sql.query(`CREATE TEMP TABLE cat AS SELECT
    (SELECT array_agg(code ORDER BY code) FROM six_into_category) AS six,
    (SELECT array_agg(id ORDER BY id) FROM activity_form) AS forms,
    (SELECT array_agg(id ORDER BY id) FROM law) AS laws,
    (SELECT array_agg(id ORDER BY id) FROM material_type WHERE code <> 'leaflet') AS others,
    (SELECT id FROM material_type WHERE code = 'leaflet') AS leaflet`);
  // Up to three villages of the event's own township (60% chance each).
  await sql.query(`INSERT INTO event_village (event_id, village_id)
    SELECT e.id, ${pickFrom('tv.ids')} FROM event e JOIN tv ON tv.township_id = e.township_id, generate_series(1, 3) k WHERE random() < 0.6
    ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO event_six_into (event_id, category_code)
    SELECT e.id, ${pickFrom('cat.six')} FROM event e CROSS JOIN cat, generate_series(1, 2) k WHERE k = 1 OR random() < 0.4 ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO event_department (event_id, department_id)
    SELECT e.id, ${pickFrom('td.ids')} FROM event e JOIN td ON td.township_id = e.township_id, generate_series(1, 2) k WHERE k = 1 OR random() < 0.5
    ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO event_form (event_id, form_id)
    SELECT e.id, ${pickFrom('cat.forms')} FROM event e CROSS JOIN cat, generate_series(1, 2) k WHERE k = 1 OR random() < 0.5 ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO event_law (event_id, law_id)
    SELECT e.id, ${pickFrom('cat.laws')} FROM event e CROSS JOIN cat, generate_series(1, 3) k WHERE k = 1 OR random() < 0.4 ON CONFLICT DO NOTHING`);
  await sql.query(`INSERT INTO event_material (event_id, material_type_id, quantity)
    SELECT e.id, cat.leaflet, 50 + floor(random() * 450)::int FROM event e CROSS JOIN cat`);
  await sql.query(`INSERT INTO event_material (event_id, material_type_id, quantity)
    SELECT e.id, ${pickFrom('cat.others')}, 1 + floor(random() * 100)::int FROM event e CROSS JOIN cat WHERE random() < 0.4 ON CONFLICT DO NOTHING`);
});
await step('roll-up rebuilt from the events', () => rebuildRollupNow(db.prisma));
await step('analyze', () => sql.query('VACUUM ANALYZE'));
await db.prisma.user.create({ data: { username: BENCH_USER, displayName: 'bench', role: 'admin', orgUnitId: countyId, passwordHash: await hashPassword(BENCH_PASSWORD) } });
const { rows } = await sql.query(`SELECT (SELECT count(*) FROM event) AS events, (SELECT count(*) FROM event_village) AS villages,
  (SELECT count(*) FROM event_material) AS materials, (SELECT count(*) FROM event_stats_monthly) AS rollup, (SELECT count(*) FROM event_stats_unit_monthly) AS unit_rollup,
  pg_size_pretty(pg_database_size(current_database())) AS size`);
console.log(`Done: ${JSON.stringify(rows[0])}`);
await sql.end();
await db.close();
