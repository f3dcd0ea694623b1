// /api/stats: totals and one breakdown for a period and an org unit, per the
// counting rules. Two ways to the same numbers:
// - whole months of a county or township: the monthly roll-up (rollup.ts), a
//   few thousand rows even for a province-sized county;
// - anything else (part of a month, one village): the raw events, which for
//   such a narrow question are few.
// The test suite checks that both agree with a recount of the events.
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { fieldError, monthsBetween, NO_CAMPAIGN_KEY, REFERENCE_MESSAGES, type StatsGroup, type StatsQuery, type StatsResponse, type StatsRow } from '@pufa/domain';
import type { Actor } from '../auth/actor.ts';
import { InvalidReferencesError } from '../repositories/errors.ts';

/** Which townships (and at most one village) the numbers cover. */
export type StatsScope =
  | { kind: 'all' }
  | { kind: 'county'; countyId: number }
  | { kind: 'townships'; townshipIds: number[] }
  | { kind: 'village'; townshipId: number; villageId: number };

interface SqlRow {
  part: 't' | 'v' | 'r';
  key: string;
  activities: bigint | number;
  leaflets: bigint | number;
  audience: bigint | number;
  consultations: bigint | number;
  quantity: bigint | number;
}

const lastDayOfMonth = (iso: string) => {
  const [y, m] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7))];
  return `${iso.slice(0, 8)}${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};
const coversWholeMonths = (from: string, to: string) => from.endsWith('-01') && to === lastDayOfMonth(to);

/** The townships of a scope as a SQL condition on `column`. */
function townshipCondition(scope: StatsScope, column: Prisma.Sql): Prisma.Sql {
  switch (scope.kind) {
    case 'all':
      return Prisma.sql`TRUE`;
    case 'county':
      return Prisma.sql`${column} IN (SELECT id FROM org_unit WHERE parent_id = ${scope.countyId})`;
    case 'townships':
      return Prisma.sql`${column} = ANY(${scope.townshipIds}::int[])`;
    case 'village':
      return Prisma.sql`${column} = ${scope.townshipId}`;
  }
}

function rollupSql(scope: StatsScope, { from, to, groupBy }: StatsQuery): Prisma.Sql {
  const where = Prisma.sql`month BETWEEN ${from}::date AND ${to}::date AND ${townshipCondition(scope, Prisma.sql`township_id`)}`;
  const sums = Prisma.sql`sum(activities)::bigint, sum(leaflets)::bigint, sum(audience)::bigint, sum(consultations)::bigint, sum(quantity)::bigint`;
  const rows =
    groupBy === 'month'
      ? Prisma.sql`SELECT 'r', to_char(month, 'YYYY-MM'), ${sums} FROM event_stats_monthly WHERE dimension = 'total' AND ${where} GROUP BY month`
      : Prisma.sql`SELECT 'r', key, ${sums} FROM event_stats_monthly WHERE dimension = ${groupBy} AND ${where} GROUP BY key`;
  return Prisma.sql`
    SELECT 't' AS part, '' AS key, sum(activities)::bigint AS activities, sum(leaflets)::bigint AS leaflets, sum(audience)::bigint AS audience,
           sum(consultations)::bigint AS consultations, sum(quantity)::bigint AS quantity
    FROM event_stats_monthly WHERE dimension = 'total' AND ${where}
    UNION ALL SELECT 'v', '', count(DISTINCT key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly WHERE dimension = 'village' AND ${where}
    UNION ALL ${rows}`;
}

/** A breakdown over the raw events of `ev` (one row per counted event). */
function rawGroupSql(groupBy: StatsGroup, villageId: number | undefined): Prisma.Sql {
  const sums = Prisma.sql`count(*)::bigint, sum(ev.leaflets)::bigint, sum(ev.audience)::bigint, sum(ev.consultations)::bigint, 0`;
  const joined = (table: string, column: string) =>
    Prisma.sql`SELECT 'r', x.${Prisma.raw(column)}::text, ${sums} FROM ev JOIN ${Prisma.raw(table)} x ON x.event_id = ev.id GROUP BY 2`;
  switch (groupBy) {
    case 'month':
      return Prisma.sql`SELECT 'r', ev.month, ${sums} FROM ev GROUP BY ev.month`;
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
      SELECT e.id, to_char(e.start_date, 'YYYY-MM') AS month, e.campaign_id, e.audience, e.consultations,
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
    UNION ALL ${rawGroupSql(groupBy, villageId)}`;
}

type Labels = Map<string, { name: string; nameEn: string }>;

async function labelsFor(prisma: PrismaClient, groupBy: StatsGroup, keys: string[]): Promise<Labels> {
  const ids = keys.map(Number).filter(Number.isInteger);
  const select = { id: true, name: true, nameEn: true } as const;
  const byId = (rows: { id: number; name: string; nameEn: string }[]): Labels => new Map(rows.map((r) => [String(r.id), r]));
  switch (groupBy) {
    case 'month':
      return new Map(keys.map((k) => [k, { name: `${Number(k.slice(0, 4))}年${Number(k.slice(5, 7))}月`, nameEn: k }]));
    case 'campaign':
      return new Map([...byId(await prisma.campaign.findMany({ where: { id: { in: ids } }, select })), [NO_CAMPAIGN_KEY, { name: '未关联宣传节点', nameEn: 'No campaign' }]]);
    case 'village':
      return byId(await prisma.orgUnit.findMany({ where: { id: { in: ids } }, select }));
    case 'sixInto':
      return new Map((await prisma.sixIntoCategory.findMany({ where: { code: { in: keys } } })).map((r) => [r.code, r]));
    case 'department':
      return byId(await prisma.department.findMany({ where: { id: { in: ids } }, select }));
    case 'form':
      return byId(await prisma.activityForm.findMany({ where: { id: { in: ids } }, select }));
    case 'law':
      return byId(await prisma.law.findMany({ where: { id: { in: ids } }, select }));
    case 'materialType':
      return byId(await prisma.materialType.findMany({ where: { id: { in: ids } }, select }));
  }
}

async function villagesInScope(prisma: PrismaClient, scope: StatsScope): Promise<number> {
  const [row] = await prisma.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM org_unit WHERE level = 'village' AND ${
      scope.kind === 'village' ? Prisma.sql`id = ${scope.villageId}` : townshipCondition(scope, Prisma.sql`parent_id`)
    }`;
  return Number(row!.n);
}

export type StatsPath = 'rollup' | 'raw';

/** The stats of a resolved scope. `path` forces one way (tests compare the two); by default the fastest that can answer. */
export async function computeStats(prisma: PrismaClient, scope: StatsScope, query: StatsQuery, path?: StatsPath): Promise<Omit<StatsResponse, 'orgUnitId'>> {
  const useRollup = path ? path === 'rollup' : scope.kind !== 'village' && coversWholeMonths(query.from, query.to);
  if (useRollup && scope.kind === 'village') throw new Error('The roll-up has no village-by-breakdown rows');
  const [result, villagesTotal] = await Promise.all([
    prisma.$queryRaw<SqlRow[]>(useRollup ? rollupSql(scope, query) : rawSql(scope, query)),
    villagesInScope(prisma, scope),
  ]);
  const n = (v: bigint | number | null) => Number(v ?? 0);
  const totals = result.find((r) => r.part === 't')!;
  const found = result.filter((r) => r.part === 'r');
  const labels = await labelsFor(prisma, query.groupBy, found.map((r) => r.key));
  const toRow = (r: SqlRow): StatsRow => ({
    key: r.key,
    label: labels.get(r.key)?.name ?? r.key,
    labelEn: labels.get(r.key)?.nameEn ?? r.key,
    activities: n(r.activities),
    leaflets: n(r.leaflets),
    audience: n(r.audience),
    ...(query.groupBy === 'materialType' ? { quantity: n(r.quantity) } : {}),
  });
  let rows = found.map(toRow);
  if (query.groupBy === 'month') {
    // Every month of the range, the empty ones too, in order.
    const byMonth = new Map(rows.map((r) => [r.key, r]));
    const monthLabels = await labelsFor(prisma, 'month', monthsBetween(query.from, query.to));
    rows = monthsBetween(query.from, query.to).map(
      (key) => byMonth.get(key) ?? { key, label: monthLabels.get(key)!.name, labelEn: key, activities: 0, leaflets: 0, audience: 0 },
    );
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
      villagesTotal,
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
  if (orgUnitId === undefined) {
    if (actor.townshipIds === 'all') return { kind: 'all' };
    const own = actor.orgUnitId === null ? null : await prisma.orgUnit.findUnique({ where: { id: actor.orgUnitId }, select: { level: true } });
    return own?.level === 'county' ? { kind: 'county', countyId: actor.orgUnitId! } : { kind: 'townships', townshipIds: [...actor.townshipIds] };
  }
  const unit = await prisma.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, level: true, parentId: true } });
  if (!unit) return null;
  switch (unit.level) {
    case 'county':
      return actor.townshipIds === 'all' || actor.orgUnitId === unit.id ? { kind: 'county', countyId: unit.id } : null;
    case 'township':
      return mayRead(unit.id) ? { kind: 'townships', townshipIds: [unit.id] } : null;
    case 'village':
      return unit.parentId !== null && mayRead(unit.parentId) ? { kind: 'village', townshipId: unit.parentId, villageId: unit.id } : null;
  }
}

export function createStatsRepository(prisma: PrismaClient) {
  return {
    /** Throws InvalidReferencesError (a 400 on orgUnitId) when the org unit is unknown or outside the actor's scope. */
    async stats(actor: Actor, query: StatsQuery, path?: StatsPath): Promise<StatsResponse> {
      const scope = await resolveStatsScope(prisma, actor, query.orgUnitId);
      if (!scope) throw new InvalidReferencesError([fieldError(['orgUnitId'], REFERENCE_MESSAGES.unknownIds([query.orgUnitId!]))]);
      return { ...(await computeStats(prisma, scope, query, path)), orgUnitId: query.orgUnitId ?? null };
    },
  };
}

export type StatsRepository = ReturnType<typeof createStatsRepository>;
