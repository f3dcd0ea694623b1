// The monthly roll-up behind /api/stats (table event_stats_monthly): kept
// live by adding an event's contributions (domain statContributions) in the
// transaction that creates, changes, deletes or restores it, and rebuilt from
// the raw events when a material type's leaflet rule changes.
import { rollupMonth, statContributions, type BreakdownEvent } from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

export interface RollupEvent extends BreakdownEvent {
  townshipId: number;
}

async function leafletRules(db: Db) {
  const types = await db.materialType.findMany({ select: { id: true, countsAsLeaflet: true } });
  return new Map(types.map((t) => [t.id, t]));
}

/**
 * Takes away what an event counted before (`remove`) and adds what it counts
 * now (`add`): a create adds, a delete removes, an edit does both, reading the
 * leaflet rules once.
 */
export async function applyToRollup(db: Db, change: { remove?: RollupEvent; add?: RollupEvent }): Promise<void> {
  const rules = await leafletRules(db);
  if (change.remove) await writeContributions(db, change.remove, -1, rules);
  if (change.add) await writeContributions(db, change.add, 1, rules);
}

/**
 * Adds (sign 1) or takes away (sign -1) one event's contributions. Rows are
 * written in key order, so two transactions touching the same rows lock them
 * in the same order and cannot deadlock. Rows left at zero are removed.
 */
async function writeContributions(db: Db, event: RollupEvent, sign: 1 | -1, rules: Awaited<ReturnType<typeof leafletRules>>): Promise<void> {
  const rows = statContributions(event, rules).sort((a, b) =>
    a.dimension === b.dimension ? a.key.localeCompare(b.key) : a.dimension.localeCompare(b.dimension),
  );
  const month = rollupMonth(event.startDate);
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => (typeof r[key] === 'number' ? sign * (r[key] as number) : r[key]));
  await db.$executeRaw`
    INSERT INTO event_stats_monthly AS s (township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
    SELECT ${event.townshipId}, ${month}::date, d, k, a, l, au, c, q
    FROM unnest(${column('dimension')}::text[], ${column('key')}::text[], ${column('activities')}::int[], ${column('leaflets')}::bigint[],
                ${column('audience')}::bigint[], ${column('consultations')}::bigint[], ${column('quantity')}::bigint[]) AS u(d, k, a, l, au, c, q)
    ON CONFLICT (township_id, dimension, month, key) DO UPDATE SET
      activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience,
      consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity`;
  if (sign < 0) {
    await db.$executeRaw`DELETE FROM event_stats_monthly WHERE township_id = ${event.townshipId} AND month = ${month}::date AND activities = 0`;
  }
}

/**
 * The roll-up recomputed from the raw events, in SQL. The first migration of
 * the roll-up (20261126144457_stats_rollup) backfills with the same statement.
 */
export const REBUILD_ROLLUP_SQL = `
WITH ev AS (
  SELECT e.id, e.township_id, date_trunc('month', e.start_date)::date AS month, e.campaign_id, e.audience, e.consultations,
         COALESCE((SELECT sum(m.quantity) FROM event_material m JOIN material_type t ON t.id = m.material_type_id
                   WHERE m.event_id = e.id AND t.counts_as_leaflet), 0) AS leaflets
  FROM event e WHERE e.deleted_at IS NULL
), contributions AS (
  SELECT township_id, month, 'total' AS dimension, '' AS key, leaflets, audience, consultations, 0 AS quantity FROM ev
  UNION ALL SELECT township_id, month, 'campaign', COALESCE(campaign_id::text, 'none'), leaflets, audience, consultations, 0 FROM ev
  UNION ALL SELECT ev.township_id, ev.month, 'village', x.village_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_village x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'sixInto', x.category_code, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_six_into x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'department', x.department_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_department x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'form', x.form_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_form x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'law', x.law_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_law x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'materialType', x.material_type_id::text, CASE WHEN t.counts_as_leaflet THEN x.quantity ELSE 0 END,
                   ev.audience, ev.consultations, x.quantity
            FROM ev JOIN event_material x ON x.event_id = ev.id JOIN material_type t ON t.id = x.material_type_id
)
INSERT INTO event_stats_monthly (township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
SELECT township_id, month, dimension, key, count(*), sum(leaflets), sum(audience), sum(consultations), sum(quantity)
FROM contributions GROUP BY township_id, month, dimension, key`;

/**
 * Recounts the whole roll-up from the raw events, inside the caller's
 * transaction (a material type's leaflet rule changed). The table lock makes
 * event writes wait for the rebuild instead of adding to rows it replaces.
 */
export async function rebuildRollup(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRawUnsafe('LOCK TABLE event_stats_monthly IN EXCLUSIVE MODE');
  // The units' roll-up is recounted once at the end, not statement by statement through its triggers.
  await tx.$executeRawUnsafe(`SELECT set_config('pufa.rollup_rebuild', 'on', true)`);
  await tx.$executeRawUnsafe('DELETE FROM event_stats_monthly');
  await tx.$executeRawUnsafe(REBUILD_ROLLUP_SQL);
  await tx.$executeRawUnsafe('DELETE FROM event_stats_unit_monthly');
  await tx.$executeRawUnsafe(REBUILD_UNIT_ROLLUP_SQL);
  await tx.$executeRawUnsafe(`SELECT set_config('pufa.rollup_rebuild', 'off', true)`);
}

/**
 * The roll-up per unit above the township (event_stats_unit_monthly) from the townships' rows,
 * plus a row per year and village reached (dimension villageYear, month = 1 January):
 * what the triggers of migration stats_rollup_by_level keep up to date write by write.
 */
export const REBUILD_UNIT_ROLLUP_SQL = `
INSERT INTO event_stats_unit_monthly (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
SELECT a.id, r.month, r.dimension, r.key, sum(r.activities), sum(r.leaflets), sum(r.audience), sum(r.consultations), sum(r.quantity)
FROM (SELECT * FROM event_stats_monthly
      UNION ALL SELECT township_id, date_trunc('year', month)::date, 'villageYear', key, activities, leaflets, audience, consultations, quantity
                FROM event_stats_monthly WHERE dimension = 'village') r
CROSS JOIN LATERAL pufa_org_ancestors(r.township_id) a GROUP BY a.id, r.month, r.dimension, r.key`;

/** rebuildRollup in a transaction of its own, for bulk loads (the benchmark's data generator). */
export const rebuildRollupNow = (prisma: PrismaClient) => prisma.$transaction((tx) => rebuildRollup(tx), { timeout: 30 * 60_000, maxWait: 60_000 });

/**
 * The roll-up change of many events at once (an import, or its undo): their
 * contributions summed per row first, then written in one statement.
 */
export async function applyManyToRollup(db: Db, events: readonly RollupEvent[], sign: 1 | -1): Promise<void> {
  if (events.length === 0) return;
  const rules = await leafletRules(db);
  const sums = new Map<string, { townshipId: number; month: string; dimension: string; key: string; activities: number; leaflets: number; audience: number; consultations: number; quantity: number }>();
  for (const event of events) {
    const month = rollupMonth(event.startDate);
    for (const row of statContributions(event, rules)) {
      const id = `${event.townshipId}|${month}|${row.dimension}|${row.key}`;
      const sum = sums.get(id) ?? { townshipId: event.townshipId, month, dimension: row.dimension, key: row.key, activities: 0, leaflets: 0, audience: 0, consultations: 0, quantity: 0 };
      sum.activities += sign * row.activities;
      sum.leaflets += sign * row.leaflets;
      sum.audience += sign * row.audience;
      sum.consultations += sign * row.consultations;
      sum.quantity += sign * row.quantity;
      sums.set(id, sum);
    }
  }
  // Key order, as writeContributions does, so concurrent writers lock rows in the same order.
  const rows = [...sums.values()].sort((a, b) =>
    a.townshipId - b.townshipId || a.dimension.localeCompare(b.dimension) || a.month.localeCompare(b.month) || a.key.localeCompare(b.key),
  );
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  await db.$executeRaw`
    INSERT INTO event_stats_monthly AS s (township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
    SELECT t, m::date, d, k, a, l, au, c, q
    FROM unnest(${column('townshipId')}::int[], ${column('month')}::text[], ${column('dimension')}::text[], ${column('key')}::text[], ${column('activities')}::int[],
                ${column('leaflets')}::bigint[], ${column('audience')}::bigint[], ${column('consultations')}::bigint[], ${column('quantity')}::bigint[]) AS u(t, m, d, k, a, l, au, c, q)
    ON CONFLICT (township_id, dimension, month, key) DO UPDATE SET
      activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience,
      consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity`;
  if (sign < 0) {
    const townships = [...new Set(rows.map((r) => r.townshipId))];
    await db.$executeRaw`DELETE FROM event_stats_monthly WHERE township_id = ANY(${townships}::int[]) AND activities = 0`;
  }
}
