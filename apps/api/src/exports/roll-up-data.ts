// A city's or a province's workbook: its units one level down side by side (a city's counties, a
// province's cities), and each unit's own months and units one level further down, read one unit
// at a time as its sheet is written. Every figure is /api/stats's for that unit (the stats
// repository: no second way of counting); with approved figures only, over the unit's approved
// townships.
import type { FastifyInstance } from 'fastify';
import { childLevel, type OrgUnitLevel, type OrgUnitNode, type StatsResponse, type StatsTotals } from '@pufa/domain';
import type { Actor } from '@pufa/db';

export const isAboveCounty = (level: OrgUnitLevel): level is 'city' | 'province' => level === 'city' || level === 'province';

/** One row of a breakdown by units: a unit and its figures. */
export interface UnitFigures extends StatsTotals {
  unit: OrgUnitNode;
  /** With approved figures only: how many of its townships are counted, of how many. A township: whether it is. */
  approved?: { counted: number; of: number };
}

export interface RollUp {
  /** The city or province. */
  unit: OrgUnitNode;
  /** Its units one level down, each with its figures. */
  units: UnitFigures[];
  /** One of those units: its months, and its units one level down (a county's townships, a city's counties). */
  detail: (unit: OrgUnitNode) => Promise<{ months: StatsResponse; units: UnitFigures[] }>;
}

type BreakdownLevel = Extract<OrgUnitLevel, 'city' | 'county' | 'township'>;

export function createRollUp(app: FastifyInstance, actor: Actor, options: { from: string; to: string; unit: OrgUnitNode; approvedIds?: readonly number[] | undefined }): Promise<RollUp> {
  const { from, to, approvedIds } = options;
  const approved = approvedIds ? new Set(approvedIds) : undefined;
  const townshipsOf = (u: OrgUnitNode): OrgUnitNode[] => (u.level === 'township' ? [u] : u.children.flatMap(townshipsOf));
  /** The townships of a unit whose figures are counted: all, or the approved ones. */
  const counted = (u: OrgUnitNode) => townshipsOf(u).filter((t) => !approved || approved.has(t.id));
  const villagesOf = (townships: readonly OrgUnitNode[]) => townships.reduce((n, t) => n + t.children.filter((v) => v.level === 'village').length, 0);
  const approvalOf = (u: OrgUnitNode) => (approved ? { approved: { counted: counted(u).length, of: townshipsOf(u).length } } : {});
  const stats = (u: OrgUnitNode, groups: readonly ('month' | BreakdownLevel)[]) =>
    app.stats.statsByGroups(actor, { from, to, orgUnitId: u.id }, groups, approved ? counted(u).map((t) => t.id) : undefined);

  /** The units one level below `parent`, each with its figures. */
  async function unitsBelow(parent: OrgUnitNode): Promise<UnitFigures[]> {
    const level = childLevel(parent.level) as BreakdownLevel;
    const children = parent.children.filter((c) => c.level === level);
    // The breakdown by city or county counts whole subtrees: with approved figures only, each unit is asked for by itself.
    if (approved && level !== 'township') {
      const rows: UnitFigures[] = [];
      for (const unit of children) rows.push({ unit, ...(await stats(unit, ['month'])).month.totals, ...approvalOf(unit) });
      return rows;
    }
    const byUnit = new Map((await stats(parent, [level]))[level].rows.map((r) => [Number(r.key), r]));
    return children.map((unit) => {
      const row = byUnit.get(unit.id);
      // A township not approved keeps its villages in view, marked as not counted; a unit counts its counted townships' villages.
      const villagesTotal = villagesOf(level === 'township' ? [unit] : counted(unit));
      return {
        unit, activities: row?.activities ?? 0, leaflets: row?.leaflets ?? 0, audience: row?.audience ?? 0, consultations: row?.consultations ?? 0,
        villagesReached: row?.villagesReached ?? 0, villagesTotal, ...approvalOf(unit),
      };
    });
  }

  return (async () => ({
    unit: options.unit,
    units: await unitsBelow(options.unit),
    detail: async (unit) => ({ months: (await stats(unit, ['month'])).month, units: await unitsBelow(unit) }),
  }))();
}
