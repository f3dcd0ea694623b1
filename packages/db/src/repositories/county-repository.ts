// What a county reports upward: its townships ranked for a period, and which
// township acted on which named day of the year. Figures come from the event
// repository's totals (the counting rules in one place), per township.
import { campaignPeriodForYear, dateToIso, isNamedDayRequired, isoToDate, periodRange, rankTownships, type CountyPeriodQuery, type CountyYearQuery, type NamedDayMatrix, type Ranking } from '@pufa/domain';
import type { DatabaseHandle } from '../client.ts';
import type { Actor } from '../auth/actor.ts';
import { createEventRepository } from './event-repository.ts';
import { createSubmissionRepository } from './submission-repository.ts';

export function createCountyRepository(db: DatabaseHandle) {
  const { prisma } = db;
  const events = createEventRepository(db);
  const submissions = createSubmissionRepository(db);

  async function townshipsOf(actor: Actor, countyId?: number) {
    const county = await submissions.countyFor(actor, countyId);
    const townships = await prisma.orgUnit.findMany({ where: { id: { in: county.townshipIds } }, select: { id: true, name: true, nameEn: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
    return { countyId: county.id, townships };
  }

  return {
    async ranking(actor: Actor, { countyId, period }: CountyPeriodQuery): Promise<Ranking> {
      const { countyId: id, townships } = await townshipsOf(actor, countyId);
      const { from, to } = periodRange(period);
      const villageCounts = await prisma.orgUnit.groupBy({ by: ['parentId'], where: { parentId: { in: townships.map((t) => t.id) }, level: 'village' }, _count: { _all: true } });
      const villagesOf = new Map(villageCounts.map((v) => [v.parentId, v._count._all]));
      const figures = await Promise.all(
        townships.map(async (t) => {
          const totals = await events.totals(actor, { townshipId: t.id, from, to });
          return { townshipId: t.id, name: t.name, nameEn: t.nameEn, activities: totals.activities, leaflets: totals.leaflets, audience: totals.audience, villagesReached: totals.villagesReached, villagesTotal: villagesOf.get(t.id) ?? 0 };
        }),
      );
      return { countyId: id, period, from, to, rows: rankTownships(figures) };
    },

    /** The built-in named days (宣传节点) × townships: each township's events of that day in the year. */
    async namedDays(actor: Actor, { countyId, year }: CountyYearQuery): Promise<NamedDayMatrix> {
      const { countyId: id, townships } = await townshipsOf(actor, countyId);
      const starts = await prisma.orgUnit.findMany({ where: { id: { in: townships.map((t) => t.id) } }, select: { id: true, reportingFrom: true } });
      const reportingFromOf = new Map(starts.map((s) => [s.id, s.reportingFrom]));
      const days = await prisma.campaign.findMany({
        where: { isBuiltin: true, isActive: true },
        select: { id: true, name: true, nameEn: true, startMonth: true, startDay: true, endMonth: true, endDay: true, periods: { where: { year } } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      // Each day's dates this year, to tell a day before a township's reporting start from a miss.
      const periods = days.map((d) =>
        campaignPeriodForYear(
          {
            id: d.id,
            rule: d.startMonth === null ? null : { startMonth: d.startMonth, startDay: d.startDay ?? undefined, endMonth: d.endMonth ?? undefined, endDay: d.endDay ?? undefined },
            periods: d.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
          },
          year,
        ),
      );
      const counts = await prisma.event.groupBy({
        by: ['townshipId', 'campaignId'],
        where: { townshipId: { in: townships.map((t) => t.id) }, campaignId: { in: days.map((d) => d.id) }, deletedAt: null, startDate: { gte: isoToDate(`${year}-01-01`), lte: isoToDate(`${year}-12-31`) } },
        _count: { _all: true },
      });
      const countOf = new Map(counts.map((c) => [`${c.townshipId} ${c.campaignId}`, c._count._all]));
      return {
        countyId: id,
        year,
        days: days.map((d) => ({ campaignId: d.id, name: d.name, nameEn: d.nameEn })),
        rows: townships.map((t) => {
          const reportingFrom = reportingFromOf.get(t.id) ?? '0000-00';
          return {
            townshipId: t.id,
            name: t.name,
            nameEn: t.nameEn,
            reportingFrom,
            counts: days.map((d) => countOf.get(`${t.id} ${d.id}`) ?? 0),
            required: periods.map((p) => isNamedDayRequired(p, year, reportingFrom)),
          };
        }),
      };
    },
  };
}

export type CountyRepository = ReturnType<typeof createCountyRepository>;
