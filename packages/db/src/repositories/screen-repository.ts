// The big screen (数据大屏): the user's own unit, its year against last year, the units one
// level down ranked, the named days and the newest events. Any depth of tree: the scope is the
// actor's townships (the session's scope helper), and the units one level down are the children
// of the user's unit, each township's figures counted for the child it lies under; a township's
// children are its villages (an event counts for every village it reached, as in the roll-up).
import { addDays, campaignPeriodForYear, dateToIso, isoToDate, monthsBetween, SCREEN_LATEST_EVENTS, todayInChina, type Screen } from '@pufa/domain';
import { Prisma } from '../generated/prisma/client.ts';
import type { DatabaseHandle } from '../client.ts';
import type { Actor } from '../auth/actor.ts';
import { createStatsRepository } from '../stats/stats-query.ts';

interface FigureRow {
  id: number;
  name: string;
  name_en: string;
  level: string;
  activities: bigint | number;
  leaflets: bigint | number;
  audience: bigint | number;
}

/** Most activities first, then leaflets, then audience; equal figures share a rank (1, 2, 2, 4). */
function rank<T extends { activities: number; leaflets: number; audience: number; unitId: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.activities - a.activities || b.leaflets - a.leaflets || b.audience - a.audience || a.unitId - b.unitId);
  let current = 0;
  return sorted.map((row, index) => {
    const previous = sorted[index - 1];
    if (!previous || previous.activities !== row.activities || previous.leaflets !== row.leaflets || previous.audience !== row.audience) current = index + 1;
    return { ...row, rank: current };
  });
}

/** The same calendar day a year earlier (29 February becomes the 28th). */
function sameDayLastYear(today: string): string {
  const candidate = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  return candidate.endsWith('-02-29') ? addDays(candidate, -1) : candidate;
}

export function createScreenRepository(db: DatabaseHandle) {
  const { prisma } = db;
  const stats = createStatsRepository(prisma);

  /** The actor's townships as a SQL array, or every township for the system. */
  const townshipsIn = (actor: Actor) =>
    actor.townshipIds === 'all' ? Prisma.sql`(SELECT array_agg(id) FROM org_unit WHERE level = 'township')` : Prisma.sql`${[...actor.townshipIds]}::int[]`;

  /**
   * Each township in scope with the child of `unitId` it lies under, walking up the tree, so a
   * county, a city or a province answers alike.
   */
  const childOf = (actor: Actor, unitId: number) => Prisma.sql`
    WITH RECURSIVE up AS (
      SELECT t.id AS township_id, t.id AS unit_id, t.parent_id FROM org_unit t WHERE t.id = ANY(${townshipsIn(actor)})
      UNION ALL
      SELECT up.township_id, o.id, o.parent_id FROM up JOIN org_unit o ON o.id = up.parent_id WHERE up.parent_id <> ${unitId}
    )
    SELECT township_id, unit_id AS child_id FROM up WHERE parent_id = ${unitId}`;

  async function childFigures(actor: Actor, unit: { id: number; level: string }, from: string, to: string): Promise<FigureRow[]> {
    const months = Prisma.sql`s.month BETWEEN ${from}::date AND ${to}::date`;
    if (unit.level === 'township') {
      return prisma.$queryRaw<FigureRow[]>`
        SELECT v.id, v.name, v.name_en, v.level::text AS level, COALESCE(sum(s.activities), 0)::bigint AS activities, COALESCE(sum(s.leaflets), 0)::bigint AS leaflets, COALESCE(sum(s.audience), 0)::bigint AS audience
        FROM org_unit v LEFT JOIN event_stats_monthly s ON s.township_id = ${unit.id} AND s.dimension = 'village' AND s.key = v.id::text AND ${months}
        WHERE v.parent_id = ${unit.id} GROUP BY v.id`;
    }
    return prisma.$queryRaw<FigureRow[]>`
      WITH child_of AS (${childOf(actor, unit.id)})
      SELECT c.id, c.name, c.name_en, c.level::text AS level, COALESCE(sum(s.activities), 0)::bigint AS activities, COALESCE(sum(s.leaflets), 0)::bigint AS leaflets, COALESCE(sum(s.audience), 0)::bigint AS audience
      FROM org_unit c LEFT JOIN child_of x ON x.child_id = c.id
      LEFT JOIN event_stats_monthly s ON s.township_id = x.township_id AND s.dimension = 'total' AND ${months}
      WHERE c.parent_id = ${unit.id} GROUP BY c.id`;
  }

  /** Per named day (campaign id), how many units one level down held an event of it in the year. */
  async function unitsMarked(actor: Actor, unit: { id: number; level: string }, year: number, campaignIds: number[]): Promise<Map<number, number>> {
    if (campaignIds.length === 0) return new Map();
    const range = { from: isoToDate(`${year}-01-01`), to: isoToDate(`${year}-12-31`) };
    const rows =
      unit.level === 'township'
        ? await prisma.$queryRaw<{ campaign_id: number; units: bigint }[]>`
            SELECT e.campaign_id, count(DISTINCT v.village_id)::bigint AS units FROM event e JOIN event_village v ON v.event_id = e.id
            WHERE e.township_id = ${unit.id} AND e.deleted_at IS NULL AND e.campaign_id = ANY(${campaignIds}::int[]) AND e.start_date BETWEEN ${range.from} AND ${range.to}
            GROUP BY e.campaign_id`
        : await prisma.$queryRaw<{ campaign_id: number; units: bigint }[]>`
            WITH child_of AS (${childOf(actor, unit.id)})
            SELECT s.key::int AS campaign_id, count(DISTINCT x.child_id)::bigint AS units
            FROM event_stats_monthly s JOIN child_of x ON x.township_id = s.township_id
            WHERE s.dimension = 'campaign' AND s.key = ANY(${campaignIds.map(String)}::text[]) AND s.activities > 0 AND s.month BETWEEN ${range.from} AND ${range.to}
            GROUP BY s.key`;
    return new Map(rows.map((r) => [Number(r.campaign_id), Number(r.units)]));
  }

  return {
    async screen(actor: Actor, today = todayInChina()): Promise<Screen> {
      // Every signed-in user has an org unit; only the system actor has none.
      if (actor.orgUnitId === null) throw new Error('The system actor has no screen');
      const own = await prisma.orgUnit.findUniqueOrThrow({ where: { id: actor.orgUnitId }, select: { id: true, name: true, nameEn: true, level: true, parentId: true } });
      // A village's user sees its township, which is their scope.
      const unit = own.level === 'village' && own.parentId !== null
        ? await prisma.orgUnit.findUniqueOrThrow({ where: { id: own.parentId }, select: { id: true, name: true, nameEn: true, level: true, parentId: true } })
        : own;
      const year = Number(today.slice(0, 4));
      const lastYearDay = sameDayLastYear(today);
      const yearRange = { from: `${year}-01-01`, to: `${year}-12-31` };
      const thisMonthLastYear = `${lastYearDay.slice(0, 7)}-01`;
      const [current, previous, partialMonth, children, days, latest] = await Promise.all([
        stats.stats(actor, { ...yearRange, groupBy: 'month' }),
        stats.stats(actor, { from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, groupBy: 'month' }),
        // Last year to the same day: its whole months from the roll-up, this month's part from the events.
        stats.stats(actor, { from: thisMonthLastYear, to: lastYearDay, groupBy: 'month' }),
        childFigures(actor, unit, yearRange.from, yearRange.to),
        prisma.campaign.findMany({
          where: { isBuiltin: true, isActive: true },
          select: { id: true, name: true, nameEn: true, startMonth: true, startDay: true, endMonth: true, endDay: true, periods: { where: { year } } },
          orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
        }),
        prisma.event.findMany({
          where: { deletedAt: null, ...(actor.townshipIds === 'all' ? {} : { townshipId: { in: [...actor.townshipIds] } }) },
          // The newest saved first: ids grow with every insert (and the primary key reads backwards fast).
          orderBy: { id: 'desc' },
          take: SCREEN_LATEST_EVENTS,
          select: {
            id: true, title: true, startDate: true, createdAt: true,
            township: { select: { name: true, nameEn: true } },
            villages: { select: { village: { select: { name: true, nameEn: true, sortOrder: true, id: true } } } },
          },
        }),
      ]);
      const marked = await unitsMarked(actor, unit, year, days.map((d) => d.id));
      const n = (v: bigint | number) => Number(v);
      const lastYearBefore = previous.rows.filter((r) => r.key < lastYearDay.slice(0, 7));
      const sum = (key: 'activities' | 'leaflets' | 'audience') => lastYearBefore.reduce((total, r) => total + r[key], 0) + partialMonth.totals[key];
      const lastYearOf = new Map(previous.rows.map((r) => [r.key.slice(5), r.activities]));
      return {
        unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, level: unit.level },
        childLevel: children[0]?.level ?? (unit.level === 'township' ? 'village' : 'township'),
        year,
        today,
        totals: { activities: current.totals.activities, leaflets: current.totals.leaflets, audience: current.totals.audience, villagesReached: current.totals.villagesReached, villagesTotal: current.totals.villagesTotal },
        lastYear: { activities: sum('activities'), leaflets: sum('leaflets'), audience: sum('audience') },
        months: monthsBetween(yearRange.from, yearRange.to).map((month) => {
          const row = current.rows.find((r) => r.key === month);
          return { month, activities: row?.activities ?? 0, leaflets: row?.leaflets ?? 0, lastYearActivities: lastYearOf.get(month.slice(5)) ?? 0 };
        }),
        ranking: rank(children.map((c) => ({ unitId: c.id, name: c.name, nameEn: c.name_en, activities: n(c.activities), leaflets: n(c.leaflets), audience: n(c.audience) }))),
        unitsTotal: children.length,
        namedDays: days.map((d) => {
          const period = campaignPeriodForYear(
            {
              id: d.id,
              rule: d.startMonth === null ? null : { startMonth: d.startMonth, startDay: d.startDay ?? undefined, endMonth: d.endMonth ?? undefined, endDay: d.endDay ?? undefined },
              periods: d.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
            },
            year,
          );
          return { campaignId: d.id, name: d.name, nameEn: d.nameEn, startDate: period?.startDate ?? null, endDate: period?.endDate ?? null, unitsMarked: marked.get(d.id) ?? 0 };
        }),
        latest: latest.map((e) => ({
          id: e.id,
          title: e.title,
          township: e.township,
          villages: e.villages.map((v) => v.village).sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id).map(({ name, nameEn }) => ({ name, nameEn })),
          startDate: dateToIso(e.startDate),
          savedAt: e.createdAt.toISOString(),
        })),
      };
    },
  };
}

export type ScreenRepository = ReturnType<typeof createScreenRepository>;
