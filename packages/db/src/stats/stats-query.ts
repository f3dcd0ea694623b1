// /api/stats: totals and one breakdown for a period and an org unit, per the
// counting rules. Two ways to the same numbers:
// - whole months of a township or any unit above it: the monthly roll-up (rollup.ts), a
//   few thousand rows even for a province-sized county;
// - anything else (part of a month, one village): the raw events, which for
//   such a narrow question are few.
// The test suite checks that both agree with a recount of the events.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { endOfMonth, fieldError, isUpperLevel, monthsBetween, NO_CAMPAIGN_KEY, REFERENCE_MESSAGES, type StatsGroup, type StatsQuery, type StatsResponse, type StatsRow } from '@pufa/domain';
import type { Actor } from '../auth/actor.ts';
import { reachesUnit } from '../auth/subtree.ts';
import { InvalidReferencesError } from '../repositories/errors.ts';

/** Which townships (and at most one village) the numbers cover. */
export type StatsScope =
  | { kind: 'all' }
  /** A province, city or county: every township below it, at any depth. */
  | { kind: 'subtree'; unitId: number }
  | { kind: 'townships'; townshipIds: number[] }
  | { kind: 'village'; townshipId: number; villageId: number };

interface SqlRow {
  part: 't' | 'v' | 'r' | 'n' | 'w';
  key: string;
  label: string | null;
  label_en: string | null;
  activities: bigint | number;
  leaflets: bigint | number;
  audience: bigint | number;
  consultations: bigint | number;
  quantity: bigint | number;
}

const coversWholeMonths = (from: string, to: string) => from.endsWith('-01') && to === endOfMonth(to);

/** The townships of a scope as a SQL condition on `column`. */
function townshipCondition(scope: StatsScope, column: Prisma.Sql): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'subtree':
      return Prisma.sql`${column} IN (SELECT id FROM pufa_org_subtree(${scope.unitId}::int) WHERE level = 'township')`;
    case 'townships':
      return Prisma.sql`${column} = ANY(${scope.townshipIds}::int[])`;
    case 'village':
      return Prisma.sql`${column} = ${scope.townshipId}`;
  }
}

/** The breakdowns by an upper level: each unit of that level in scope, with its townships. */
type UnitGroup = Extract<StatsGroup, 'city' | 'county'>;
const isUnitGroup = (groupBy: StatsGroup): groupBy is UnitGroup => groupBy === 'city' || groupBy === 'county';

/** (unit_id, township_id) for every unit of `level` in scope and every township below it. */
function unitTownshipsSql(scope: StatsScope, level: UnitGroup): Prisma.Sql {
  const units =
    scope.kind === 'all'
      ? Prisma.sql`SELECT id, level FROM org_unit`
      : scope.kind === 'subtree'
        ? Prisma.sql`SELECT id, level FROM pufa_org_subtree(${scope.unitId}::int)`
        : Prisma.sql`SELECT id, level FROM org_unit WHERE false`;
  return Prisma.sql`SELECT u.id AS unit_id, t.id AS township_id FROM (${units}) u CROSS JOIN LATERAL pufa_org_subtree(u.id) t
                    WHERE u.level = ${level}::"OrgUnitLevel" AND t.level = 'township'`;
}

/**
 * A unit above the township from its own roll-up rows (event_stats_unit_monthly): a province's
 * year is a few thousand rows, not every township's. By township it still reads the townships'.
 */
function unitRollupSql(unitId: number, query: StatsQuery): Prisma.Sql {
  const { from, to, groupBy } = query;
  if (groupBy === 'township') return rollupSql({ kind: 'subtree', unitId }, query, false);
  const inMonths = Prisma.sql`month BETWEEN ${from}::date AND ${to}::date`;
  const own = Prisma.sql`unit_id = ${unitId} AND ${inMonths}`;
  // Whole years read the villages from their yearly rows: one per village reached, not one per month.
  const wholeYears = from.endsWith('-01-01') && to.endsWith('-12-31');
  const village = wholeYears ? Prisma.sql`'villageYear'` : Prisma.sql`'village'`;
  // Within one year those rows are one per village already: counting them needs no de-duplication.
  const reached = wholeYears && from.slice(0, 4) === to.slice(0, 4) ? Prisma.sql`count(*)` : Prisma.sql`count(DISTINCT key)`;
  const sums = Prisma.sql`sum(activities)::bigint, sum(leaflets)::bigint, sum(audience)::bigint, sum(consultations)::bigint, sum(quantity)::bigint`;
  const rows =
    groupBy === 'month'
      ? Prisma.sql`SELECT 'r', to_char(month, 'YYYY-MM'), ${sums} FROM event_stats_unit_monthly WHERE dimension = 'total' AND ${own} GROUP BY month`
      : isUnitGroup(groupBy)
        ? Prisma.sql`(WITH u AS MATERIALIZED (SELECT id FROM pufa_org_subtree(${unitId}::int) WHERE level = ${groupBy}::"OrgUnitLevel")
                      SELECT 'r', unit_id::text, ${sums} FROM event_stats_unit_monthly
                      WHERE dimension = 'total' AND unit_id IN (SELECT id FROM u) AND ${inMonths} GROUP BY unit_id
                      UNION ALL SELECT 'w', unit_id::text, ${reached}::bigint, 0, 0, 0, 0 FROM event_stats_unit_monthly
                                WHERE dimension = ${village} AND unit_id IN (SELECT id FROM u) AND ${inMonths} GROUP BY unit_id)`
        : groupBy === 'village'
          ? Prisma.sql`SELECT 'r', key, ${sums} FROM event_stats_unit_monthly WHERE dimension = ${village} AND ${own} GROUP BY key`
          : Prisma.sql`SELECT 'r', key, ${sums} FROM event_stats_unit_monthly WHERE dimension = ${groupBy} AND ${own} GROUP BY key`;
  return Prisma.sql`
    SELECT 't' AS part, '' AS key, sum(activities)::bigint AS activities, sum(leaflets)::bigint AS leaflets, sum(audience)::bigint AS audience,
           sum(consultations)::bigint AS consultations, sum(quantity)::bigint AS quantity
    FROM event_stats_unit_monthly WHERE dimension = 'total' AND ${own}
    UNION ALL SELECT 'v', '', ${reached}::bigint, 0, 0, 0, 0 FROM event_stats_unit_monthly WHERE dimension = ${village} AND ${own}
    UNION ALL ${rows}`;
}

function rollupSql(scope: StatsScope, query: StatsQuery, byUnit = true): Prisma.Sql {
  if (byUnit && scope.kind === 'subtree') return unitRollupSql(scope.unitId, query);
  const { from, to, groupBy } = query;
  const where = Prisma.sql`month BETWEEN ${from}::date AND ${to}::date AND ${townshipCondition(scope, Prisma.sql`township_id`)}`;
  const sums = Prisma.sql`sum(activities)::bigint, sum(leaflets)::bigint, sum(audience)::bigint, sum(consultations)::bigint, sum(quantity)::bigint`;
  const rows =
    groupBy === 'month'
      ? Prisma.sql`SELECT 'r', to_char(month, 'YYYY-MM'), ${sums} FROM event_stats_monthly WHERE dimension = 'total' AND ${where} GROUP BY month`
      : groupBy === 'township'
        ? Prisma.sql`SELECT 'r', township_id::text, ${sums} FROM event_stats_monthly WHERE dimension = 'total' AND ${where} GROUP BY township_id
                     UNION ALL SELECT 'w', township_id::text, count(DISTINCT key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly
                               WHERE dimension = 'village' AND ${where} GROUP BY township_id`
        : isUnitGroup(groupBy)
          ? Prisma.sql`(WITH m AS MATERIALIZED (${unitTownshipsSql(scope, groupBy)})
                        SELECT 'r', m.unit_id::text, ${sums} FROM event_stats_monthly JOIN m USING (township_id)
                        WHERE dimension = 'total' AND ${where} GROUP BY m.unit_id
                        UNION ALL SELECT 'w', m.unit_id::text, count(DISTINCT key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly JOIN m USING (township_id)
                                  WHERE dimension = 'village' AND ${where} GROUP BY m.unit_id)`
          : Prisma.sql`SELECT 'r', key, ${sums} FROM event_stats_monthly WHERE dimension = ${groupBy} AND ${where} GROUP BY key`;
  return Prisma.sql`
    SELECT 't' AS part, '' AS key, sum(activities)::bigint AS activities, sum(leaflets)::bigint AS leaflets, sum(audience)::bigint AS audience,
           sum(consultations)::bigint AS consultations, sum(quantity)::bigint AS quantity
    FROM event_stats_monthly WHERE dimension = 'total' AND ${where}
    UNION ALL SELECT 'v', '', count(DISTINCT key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly WHERE dimension = 'village' AND ${where}
    UNION ALL ${rows}`;
}

/** A breakdown over the raw events of `ev` (one row per counted event). */
function rawGroupSql(scope: StatsScope, groupBy: StatsGroup, villageId: number | undefined): Prisma.Sql {
  const sums = Prisma.sql`count(*)::bigint, sum(ev.leaflets)::bigint, sum(ev.audience)::bigint, sum(ev.consultations)::bigint, 0`;
  const joined = (table: string, column: string) =>
    Prisma.sql`SELECT 'r', x.${Prisma.raw(column)}::text, ${sums} FROM ev JOIN ${Prisma.raw(table)} x ON x.event_id = ev.id GROUP BY 2`;
  switch (groupBy) {
    case 'month':
      return Prisma.sql`SELECT 'r', ev.month, ${sums} FROM ev GROUP BY ev.month`;
    case 'township':
      return Prisma.sql`SELECT 'r', ev.township_id::text, ${sums} FROM ev GROUP BY ev.township_id
                        UNION ALL SELECT 'w', ev.township_id::text, count(DISTINCT x.village_id)::bigint, 0, 0, 0, 0
                                  FROM ev JOIN event_village x ON x.event_id = ev.id
                                  ${villageId ? Prisma.sql`AND x.village_id = ${villageId}` : Prisma.empty} GROUP BY ev.township_id`;
    case 'city':
    case 'county':
      return Prisma.sql`(WITH m AS MATERIALIZED (${unitTownshipsSql(scope, groupBy)})
                        SELECT 'r', m.unit_id::text, ${sums} FROM ev JOIN m USING (township_id) GROUP BY m.unit_id
                        UNION ALL SELECT 'w', m.unit_id::text, count(DISTINCT x.village_id)::bigint, 0, 0, 0, 0
                                  FROM ev JOIN m USING (township_id) JOIN event_village x ON x.event_id = ev.id GROUP BY m.unit_id)`;
    case 'campaign':
      return Prisma.sql`SELECT 'r', COALESCE(ev.campaign_id::text, ${NO_CAMPAIGN_KEY}), ${sums} FROM ev GROUP BY 2`;
    case 'village':
      // In a village's scope, only that village has a row.
      return Prisma.sql`SELECT 'r', x.village_id::text, ${sums} FROM ev JOIN event_village x ON x.event_id = ev.id
                        ${villageId ? Prisma.sql`AND x.village_id = ${villageId}` : Prisma.empty} GROUP BY 2`;
    case 'sixInto':
      return joined('event_six_into', 'category_code');
    case 'department':
      return joined('event_department', 'department_id');
    case 'form':
      return joined('event_form', 'form_id');
    case 'law':
      return joined('event_law', 'law_id');
    case 'materialType':
      return Prisma.sql`SELECT 'r', x.material_type_id::text, count(*)::bigint, sum(CASE WHEN t.counts_as_leaflet THEN x.quantity ELSE 0 END)::bigint,
                               sum(ev.audience)::bigint, sum(ev.consultations)::bigint, sum(x.quantity)::bigint
                        FROM ev JOIN event_material x ON x.event_id = ev.id JOIN material_type t ON t.id = x.material_type_id GROUP BY 2`;
  }
}

function rawSql(scope: StatsScope, { from, to, groupBy }: StatsQuery): Prisma.Sql {
  const villageId = scope.kind === 'village' ? scope.villageId : undefined;
  return Prisma.sql`
    WITH ev AS MATERIALIZED (
      SELECT e.id, e.township_id, to_char(e.start_date, 'YYYY-MM') AS month, e.campaign_id, e.audience, e.consultations,
             COALESCE((SELECT sum(m.quantity)::bigint FROM event_material m JOIN material_type t ON t.id = m.material_type_id
                       WHERE m.event_id = e.id AND t.counts_as_leaflet), 0) AS leaflets
      FROM event e
      WHERE e.deleted_at IS NULL AND e.start_date BETWEEN ${from}::date AND ${to}::date AND ${townshipCondition(scope, Prisma.sql`e.township_id`)}
        ${villageId ? Prisma.sql`AND EXISTS (SELECT 1 FROM event_village v WHERE v.event_id = e.id AND v.village_id = ${villageId})` : Prisma.empty}
    )
    SELECT 't' AS part, '' AS key, count(*)::bigint AS activities, COALESCE(sum(leaflets)::bigint, 0) AS leaflets, COALESCE(sum(audience)::bigint, 0) AS audience,
           COALESCE(sum(consultations)::bigint, 0) AS consultations, 0 AS quantity FROM ev
    UNION ALL SELECT 'v', '', count(DISTINCT x.village_id)::bigint, 0, 0, 0, 0 FROM ev JOIN event_village x ON x.event_id = ev.id
              ${villageId ? Prisma.sql`AND x.village_id = ${villageId}` : Prisma.empty}
    UNION ALL ${rawGroupSql(scope, groupBy, villageId)}`;
}

/** The table naming each breakdown key, as (id, name, name_en); none for months (named in code). */
const LABEL_TABLES: Record<Exclude<StatsGroup, 'month' | 'sixInto'>, string> = {
  city: 'org_unit',
  county: 'org_unit',
  township: 'org_unit',
  campaign: 'campaign',
  village: 'org_unit',
  department: 'department',
  form: 'activity_form',
  law: 'law',
  materialType: 'material_type',
};

/**
 * The statement of either way, completed with the labels of its rows and the
 * number of villages in scope, so a request is one round trip to the database.
 */
function withLabelsAndVillages(inner: Prisma.Sql, scope: StatsScope, groupBy: StatsGroup): Prisma.Sql {
  const labels =
    groupBy === 'month'
      ? Prisma.sql`LEFT JOIN (SELECT NULL::text AS name, NULL::text AS name_en WHERE false) l ON false`
      : groupBy === 'sixInto'
        ? Prisma.sql`LEFT JOIN six_into_category l ON s.part = 'r' AND l.code = s.key`
        : Prisma.sql`LEFT JOIN ${Prisma.raw(LABEL_TABLES[groupBy])} l ON s.part = 'r' AND l.id = (CASE WHEN s.key ~ '^[0-9]+$' THEN s.key::int END)`;
  // The villages in scope: below an upper unit, one index range of the closure (the function inlines).
  const villagesInScope =
    scope.kind === 'subtree'
      ? Prisma.sql`SELECT count(*) FROM pufa_org_subtree(${scope.unitId}::int) WHERE level = 'village'`
      : Prisma.sql`SELECT count(*) FROM org_unit WHERE level = 'village' AND ${scope.kind === 'village' ? Prisma.sql`id = ${scope.villageId}` : townshipCondition(scope, Prisma.sql`parent_id`)}`;
  return Prisma.sql`
    SELECT s.part, s.key, l.name AS label, l.name_en AS label_en, s.activities, s.leaflets, s.audience, s.consultations, s.quantity
    FROM (${inner}) s ${labels}
    UNION ALL SELECT 'n', '', NULL, NULL, (${villagesInScope})::bigint, 0, 0, 0, 0`;
}

const monthLabel = (key: string) => ({ label: `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`, labelEn: key });

function rowLabel(groupBy: StatsGroup, row: SqlRow): { label: string; labelEn: string } {
  if (groupBy === 'month') return monthLabel(row.key);
  if (groupBy === 'campaign' && row.key === NO_CAMPAIGN_KEY) return { label: '未关联宣传节点', labelEn: 'No campaign' };
  return { label: row.label ?? row.key, labelEn: row.label_en ?? row.key };
}

export type StatsPath = 'rollup' | 'raw';

/** The stats of a resolved scope. `path` forces one way (tests compare the two); by default the fastest that can answer. */
export async function computeStats(prisma: PrismaClient, scope: StatsScope, query: StatsQuery, path?: StatsPath): Promise<Omit<StatsResponse, 'orgUnitId'>> {
  const useRollup = path ? path === 'rollup' : scope.kind !== 'village' && coversWholeMonths(query.from, query.to);
  if (useRollup && scope.kind === 'village') throw new Error('The roll-up has no village-by-breakdown rows');
  const inner = useRollup ? rollupSql(scope, query) : rawSql(scope, query);
  const result = await prisma.$queryRaw<SqlRow[]>(withLabelsAndVillages(inner, scope, query.groupBy));
  const n = (v: bigint | number | null) => Number(v ?? 0);
  const totals = result.find((r) => r.part === 't')!;
  const toRow = (r: SqlRow): StatsRow => ({
    key: r.key,
    ...rowLabel(query.groupBy, r),
    activities: n(r.activities),
    leaflets: n(r.leaflets),
    audience: n(r.audience),
    ...(query.groupBy === 'materialType' ? { quantity: n(r.quantity) } : {}),
    ...(query.groupBy === 'township' || isUnitGroup(query.groupBy)
      ? { consultations: n(r.consultations), villagesReached: n(result.find((w) => w.part === 'w' && w.key === r.key)?.activities ?? 0) }
      : {}),
  });
  let rows = result.filter((r) => r.part === 'r').map(toRow);
  if (query.groupBy === 'month') {
    // Every month of the range, the empty ones too, in order.
    const byMonth = new Map(rows.map((r) => [r.key, r]));
    rows = monthsBetween(query.from, query.to).map((key) => byMonth.get(key) ?? { key, ...monthLabel(key), activities: 0, leaflets: 0, audience: 0 });
  } else {
    rows.sort((a, b) => b.activities - a.activities || b.leaflets - a.leaflets || a.key.localeCompare(b.key));
  }
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    totals: {
      activities: n(totals.activities),
      leaflets: n(totals.leaflets),
      audience: n(totals.audience),
      consultations: n(totals.consultations),
      villagesReached: n(result.find((r) => r.part === 'v')!.activities),
      villagesTotal: n(result.find((r) => r.part === 'n')!.activities),
    },
    rows,
  };
}

/**
 * The scope of a request: the org unit asked for, if the actor may see it,
 * else the actor's own scope. null when the org unit does not exist or is out
 * of scope (reported alike, so ids leak nothing).
 */
export async function resolveStatsScope(prisma: PrismaClient, actor: Actor, orgUnitId: number | undefined): Promise<StatsScope | null> {
  const mayRead = (townshipId: number) => actor.townshipIds === 'all' || actor.townshipIds.includes(townshipId);
  // The actor's township ids are townships in scope: asking for one needs no lookup (the common case).
  const knownTownship = (id: number | null | undefined) => id != null && actor.townshipIds !== 'all' && actor.townshipIds.includes(id);
  if (orgUnitId === undefined) {
    if (actor.townshipIds === 'all') return { kind: 'all' };
    if (knownTownship(actor.orgUnitId)) return { kind: 'townships', townshipIds: [actor.orgUnitId!] };
    const own = actor.orgUnitId === null ? null : await prisma.orgUnit.findUnique({ where: { id: actor.orgUnitId }, select: { level: true } });
    return own && isUpperLevel(own.level) ? { kind: 'subtree', unitId: actor.orgUnitId! } : { kind: 'townships', townshipIds: [...actor.townshipIds] };
  }
  if (knownTownship(orgUnitId)) return { kind: 'townships', townshipIds: [orgUnitId] };
  const unit = await prisma.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, level: true, parentId: true } });
  if (!unit) return null;
  switch (unit.level) {
    case 'province':
    case 'city':
    case 'county':
      // Only the actor's own unit or one below it: never their parent, never a neighbour.
      return (await reachesUnit(prisma, actor, unit.id)) ? { kind: 'subtree', unitId: unit.id } : null;
    case 'township':
      return mayRead(unit.id) ? { kind: 'townships', townshipIds: [unit.id] } : null;
    case 'village':
      return unit.parentId !== null && mayRead(unit.parentId) ? { kind: 'village', townshipId: unit.parentId, villageId: unit.id } : null;
  }
}

export function createStatsRepository(prisma: PrismaClient) {
  /** Throws InvalidReferencesError (a 400 on orgUnitId) when the org unit is unknown or outside the actor's scope. */
  async function scopeOf(actor: Actor, orgUnitId: number | undefined): Promise<StatsScope> {
    const scope = await resolveStatsScope(prisma, actor, orgUnitId);
    if (!scope) throw new InvalidReferencesError([fieldError(['orgUnitId'], REFERENCE_MESSAGES.unknownIds([orgUnitId!]))]);
    return scope;
  }
  const answer = async (scope: StatsScope, query: StatsQuery, path?: StatsPath): Promise<StatsResponse> => ({
    ...(await computeStats(prisma, scope, query, path)),
    orgUnitId: query.orgUnitId ?? null,
  });

  return {
    async stats(actor: Actor, query: StatsQuery, path?: StatsPath): Promise<StatsResponse> {
      return answer(await scopeOf(actor, query.orgUnitId), query, path);
    },

    /** Several breakdowns of one period and org unit (the exports), the scope checked once. */
    /** `onlyTownships`: count these townships of the scope only (a county's approved figures, 上报审核). */
    async statsByGroups<G extends StatsGroup>(actor: Actor, query: Omit<StatsQuery, 'groupBy'>, groups: readonly G[], onlyTownships?: readonly number[]): Promise<Record<G, StatsResponse>> {
      const checked = await scopeOf(actor, query.orgUnitId);
      const scope: StatsScope = onlyTownships ? { kind: 'townships', townshipIds: [...onlyTownships] } : checked;
      const answers = await Promise.all(groups.map((groupBy) => answer(scope, { ...query, groupBy })));
      return Object.fromEntries(groups.map((g, i) => [g, answers[i]!])) as Record<G, StatsResponse>;
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
