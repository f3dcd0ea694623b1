// Above the county (issue 20): what the units one level down have reported. For a city its
// counties, for a province its cities (a county's children are its townships): per month and the
// year, how many of each unit's townships submitted, were approved, returned or are late; per named
// day, how many of them held an event of it. Each is one SQL statement over the townships in the
// actor's scope, whatever the depth (pufa_org_subtree), after one look-up of the unit.
import {
  campaignPeriodForYear,
  dateToIso,
  DEFAULT_REPORTING_RULES,
  fieldError,
  isoToDate,
  isUpperLevel,
  lastStartAsking,
  namedDayLastStart,
  periodsOfYear,
  todayInChina,
  type NamedDayProgress,
  type OrgUnitLevel,
  type SubmissionProgress,
} from '@pufa/domain';
import { Prisma } from '../generated/prisma/client.ts';
import type { DatabaseHandle } from '../client.ts';
import type { Actor } from '../auth/actor.ts';
import { InvalidReferencesError } from './errors.ts';

const NOT_ABOVE_TOWNSHIPS = { zh: '请选择县（区）、市或省', en: 'Choose a county, city or province' };

interface UnitRow {
  id: number;
  name: string;
  name_en: string;
  level: OrgUnitLevel;
}

interface CountsRow extends UnitRow {
  period: string;
  townships: number;
  required: number;
  submitted: number;
  approved: number;
  returned: number;
  late: number;
}

interface DaysRow extends UnitRow {
  townships: number;
  marked: number[];
  required: number[];
}

const unitOf = (row: UnitRow) => ({ id: row.id, name: row.name, nameEn: row.name_en, level: row.level });

export function createProgressRepository(db: DatabaseHandle) {
  const { prisma } = db;

  /** The actor's townships as a condition on `column` (every township for the system). */
  const inScope = (actor: Actor, column: Prisma.Sql) =>
    actor.townshipIds === 'all' ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${[...actor.townshipIds]}::int[])`;

  /**
   * The unit if the actor reaches it (their own or below it), else null (the route's 404); a
   * township or a village is a 400 on `id`: these views count townships one level down.
   */
  async function upperUnit(actor: Actor, unitId: number): Promise<UnitRow | null> {
    const reach =
      actor.townshipIds === 'all'
        ? Prisma.sql`TRUE`
        : actor.orgUnitId === null
          ? Prisma.sql`FALSE`
          : Prisma.sql`u.id IN (SELECT id FROM pufa_org_subtree(${actor.orgUnitId}::int))`;
    const [unit] = await prisma.$queryRaw<UnitRow[]>`SELECT u.id, u.name, u.name_en, u.level::text AS level FROM org_unit u WHERE u.id = ${unitId} AND ${reach}`;
    if (!unit) return null;
    if (!isUpperLevel(unit.level)) throw new InvalidReferencesError([fieldError(['id'], NOT_ABOVE_TOWNSHIPS)]);
    return unit;
  }

  /** Each township in scope under a child of `unitId`, with the child it lies under. */
  const townshipsByChild = (actor: Actor, unitId: number) => Prisma.sql`
    child AS (SELECT c.id, c.name, c.name_en, c.level::text AS level, c.sort_order FROM org_unit c WHERE c.parent_id = ${unitId}),
    township AS (
      SELECT ch.id AS child_id, t.id, t.parent_id AS county_id, t.reporting_from
      FROM child ch CROSS JOIN LATERAL pufa_org_subtree(ch.id) s JOIN org_unit t ON t.id = s.id
      WHERE s.level = 'township' AND ${inScope(actor, Prisma.sql`t.id`)}
    )`;

  return {
    /**
     * The submission grid one level down. A period's due day follows its township's county
     * (reporting_setting, else DEFAULT_REPORTING_RULES) as the domain's periodDueDate does: a month
     * on its day of the next month, a year on its month and day of the next year, clamped to the
     * month's length; late as the domain's periodState: required, past due, not submitted or approved.
     */
    async submissions(actor: Actor, unitId: number, year: number, today = todayInChina()): Promise<SubmissionProgress | null> {
      const unit = await upperUnit(actor, unitId);
      if (!unit) return null;
      const periods = periodsOfYear(year);
      const rules = DEFAULT_REPORTING_RULES;
      const rows = await prisma.$queryRaw<CountsRow[]>`
        WITH ${townshipsByChild(actor, unit.id)},
        period AS (SELECT p.period, p.last_start, p.sort FROM unnest(${periods}::text[], ${periods.map(lastStartAsking)}::text[]) WITH ORDINALITY AS p(period, last_start, sort)),
        cell AS (
          SELECT t.child_id, p.period, s.status, t.reporting_from <= p.last_start AS required,
                 CASE WHEN length(p.period) = 7
                   THEN LEAST((to_date(p.period, 'YYYY-MM') + interval '1 month')::date + (COALESCE(r.month_due_day, ${rules.monthDueDay}::int) - 1),
                              (to_date(p.period, 'YYYY-MM') + interval '2 month' - interval '1 day')::date)
                   ELSE LEAST(make_date(p.period::int + 1, COALESCE(r.year_due_month, ${rules.yearDueMonth}::int), 1) + (COALESCE(r.year_due_day, ${rules.yearDueDay}::int) - 1),
                              (make_date(p.period::int + 1, COALESCE(r.year_due_month, ${rules.yearDueMonth}::int), 1) + interval '1 month' - interval '1 day')::date)
                 END AS due_date
          FROM township t CROSS JOIN period p
          LEFT JOIN reporting_setting r ON r.county_id = t.county_id
          LEFT JOIN submission s ON s.township_id = t.id AND s.period = p.period
        )
        SELECT c.id, c.name, c.name_en, c.level, p.period,
               count(x.child_id)::int AS townships,
               count(*) FILTER (WHERE x.required)::int AS required,
               count(*) FILTER (WHERE x.status IN ('submitted', 'approved'))::int AS submitted,
               count(*) FILTER (WHERE x.status = 'approved')::int AS approved,
               count(*) FILTER (WHERE x.status = 'returned')::int AS returned,
               count(*) FILTER (WHERE x.required AND ${today}::date > x.due_date AND (x.status IS NULL OR x.status NOT IN ('submitted', 'approved')))::int AS late
        FROM child c CROSS JOIN period p LEFT JOIN cell x ON x.child_id = c.id AND x.period = p.period
        GROUP BY c.id, c.name, c.name_en, c.level, c.sort_order, p.period, p.sort
        ORDER BY c.sort_order, c.id, p.sort`;
      const byChild = new Map<number, SubmissionProgress['rows'][number]>();
      for (const row of rows) {
        const child = byChild.get(row.id) ?? { ...unitOf(row), cells: [] };
        child.cells.push({ period: row.period, townships: row.townships, required: row.required, submitted: row.submitted, approved: row.approved, returned: row.returned, late: row.late });
        byChild.set(row.id, child);
      }
      return { unit: unitOf(unit), year, today, rows: [...byChild.values()] };
    },

    /** The built-in named days × the units one level down: how many of each unit's townships held an event of each in the year. */
    async namedDays(actor: Actor, unitId: number, year: number): Promise<NamedDayProgress | null> {
      const unit = await upperUnit(actor, unitId);
      if (!unit) return null;
      const days = await prisma.campaign.findMany({
        where: { isBuiltin: true, isActive: true },
        select: { id: true, name: true, nameEn: true, startMonth: true, startDay: true, endMonth: true, endDay: true, periods: { where: { year } } },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      // Each day's dates this year decide which townships it is asked of (isNamedDayRequired).
      const lastStarts = days.map((d) =>
        namedDayLastStart(
          campaignPeriodForYear(
            {
              id: d.id,
              rule: d.startMonth === null ? null : { startMonth: d.startMonth, startDay: d.startDay ?? undefined, endMonth: d.endMonth ?? undefined, endDay: d.endDay ?? undefined },
              periods: d.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
            },
            year,
          ),
          year,
        ),
      );
      const ids = days.map((d) => d.id);
      const rows = await prisma.$queryRaw<DaysRow[]>`
        WITH ${townshipsByChild(actor, unit.id)},
        day AS (SELECT d.campaign_id, d.last_start, d.sort FROM unnest(${ids}::int[], ${lastStarts}::text[]) WITH ORDINALITY AS d(campaign_id, last_start, sort)),
        marked AS (
          SELECT DISTINCT e.township_id, e.campaign_id FROM event e JOIN township t ON t.id = e.township_id
          WHERE e.deleted_at IS NULL AND e.campaign_id = ANY(${ids}::int[]) AND e.start_date BETWEEN ${isoToDate(`${year}-01-01`)} AND ${isoToDate(`${year}-12-31`)}
        )
        SELECT c.id, c.name, c.name_en, c.level,
               (SELECT count(*) FROM township t WHERE t.child_id = c.id)::int AS townships,
               ARRAY(SELECT count(m.township_id)::int FROM day d LEFT JOIN (marked m JOIN township t ON t.id = m.township_id AND t.child_id = c.id) ON m.campaign_id = d.campaign_id
                     GROUP BY d.sort ORDER BY d.sort) AS marked,
               ARRAY(SELECT count(t.id)::int FROM day d LEFT JOIN township t ON t.child_id = c.id AND t.reporting_from <= d.last_start
                     GROUP BY d.sort ORDER BY d.sort) AS required
        FROM child c ORDER BY c.sort_order, c.id`;
      return {
        unit: unitOf(unit),
        year,
        days: days.map((d) => ({ campaignId: d.id, name: d.name, nameEn: d.nameEn })),
        rows: rows.map((row) => ({ ...unitOf(row), townships: row.townships, marked: row.marked.map(Number), required: row.required.map(Number) })),
      };
    },
  };
}

export type ProgressRepository = ReturnType<typeof createProgressRepository>;
