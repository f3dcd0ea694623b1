// Everything the annual exports show, gathered once from the stats (the same
// aggregation as the dashboard: no second way of counting), the reference data
// and, for a township's year, its plan check.
import type { FastifyInstance } from 'fastify';
import {
  isUpperLevel,
  isWholeYear,
  periodOfQuery,
  reportParagraphs,
  type AnnualReport,
  type EventFilter,
  type OrgUnitNode,
  type PeriodQuery,
  type PlanCheck,
  type StatsGroup,
  type StatsResponse,
} from '@pufa/domain';
import type { Actor } from '@pufa/db';
import { createNames, type Names } from './scope-names.ts';
import { createRollUp, isAboveCounty, type RollUp } from './roll-up-data.ts';

/** What the report paragraph names (materials by kind among them); the workbook lays out more breakdowns. */
const REPORT_GROUPS = ['month', 'campaign', 'sixInto', 'law', 'materialType'] as const satisfies readonly StatsGroup[];
/** Every workbook: the report's, and the townships side by side. */
const WORKBOOK_GROUPS = [...REPORT_GROUPS, 'township'] as const satisfies readonly StatsGroup[];
/**
 * Up to the county only: villages and departments one by one. A province's would be tens of
 * thousands of villages, and thousands of departments (each township keeps its own list) under the
 * same few names: above the county the township is the finest row (docs/api.md).
 */
const LOCAL_GROUPS = ['village', 'department'] as const satisfies readonly StatsGroup[];
type ReportGroup = (typeof REPORT_GROUPS)[number];
type WorkbookGroup = (typeof WORKBOOK_GROUPS)[number];
type LocalGroup = (typeof LOCAL_GROUPS)[number];

export interface AnnualData<G extends StatsGroup = ReportGroup> {
  from: string;
  to: string;
  names: Names;
  /** The org unit asked for; undefined: the user's whole scope. */
  unit?: OrgUnitNode;
  /** The unit the figures are of: the one asked for, else the user's own (undefined: a scope of several townships with no unit of its own). */
  scopeUnit?: OrgUnitNode;
  unitName: string;
  unitNameEn: string;
  stats: Record<G, StatsResponse>;
  report: AnnualReport;
  /** Every village in scope, reached or not. */
  villages: OrgUnitNode[];
  /** Every township in scope (the county roll-up lists them all). */
  townships: OrgUnitNode[];
  /** The ledger's filter for the same scope. */
  ledgerFilter: EventFilter;
  /** With approvedOnly on a county or the whole scope: the townships left out, and whose figures are counted. */
  approval?: { notApproved: OrgUnitNode[]; approvedIds: number[] };
}

export interface WorkbookData extends AnnualData<WorkbookGroup> {
  /** Up to the county: the breakdowns by village and by department; undefined above it. */
  local?: Record<LocalGroup, StatsResponse>;
  /** A city's or a province's workbook: its units one level down (roll-up-data.ts). */
  rollUp?: RollUp;
  planCheck: PlanCheck | null;
}

/** What the report paragraph and its .docx need. */
export const loadAnnualReport = async (app: FastifyInstance, actor: Actor, query: PeriodQuery) => load(app, actor, query, await resolve(app, actor, query), REPORT_GROUPS);

/**
 * The workbook's data: the report's, more breakdowns and, for a township's year, its plan check;
 * for a city or a province, its units one level down instead of its villages and departments.
 */
export async function loadWorkbookData(app: FastifyInstance, actor: Actor, query: PeriodQuery): Promise<WorkbookData> {
  const scope = await resolve(app, actor, query);
  const above = scope.scopeUnit && isAboveCounty(scope.scopeUnit.level) ? scope.scopeUnit : undefined;
  if (above) {
    const data = await load(app, actor, query, scope, WORKBOOK_GROUPS);
    return { ...data, rollUp: await createRollUp(app, actor, { from: data.from, to: data.to, unit: above, approvedIds: data.approval?.approvedIds }), planCheck: null };
  }
  const { stats, ...data } = await load(app, actor, query, scope, [...WORKBOOK_GROUPS, ...LOCAL_GROUPS]);
  const { unit, from, to } = data;
  const planCheck = unit?.level === 'township' && isWholeYear(from, to) ? await app.plans.check(actor, { townshipId: unit.id, year: Number(from.slice(0, 4)) }) : null;
  return { ...data, stats, local: { village: stats.village, department: stats.department }, planCheck };
}

/** The scope of an export: checked (an org unit out of scope is refused, 400, before anything else is read), named, and its townships. */
async function resolve(app: FastifyInstance, actor: Actor, query: PeriodQuery) {
  const { from, to } = periodOfQuery(query);
  const orgUnitId = query.orgUnitId;
  await app.stats.statsByGroups(actor, { from, to, orgUnitId }, []);

  const reference = await app.reference.get(actor);
  const names = createNames(reference, query.lang);
  // A township user's whole scope is their township: the same exports as naming it.
  const only = actor.townshipIds !== 'all' && actor.townshipIds.length === 1 ? actor.townshipIds[0] : undefined;
  const unit = names.unit(orgUnitId ?? only);
  const own = names.unit(actor.orgUnitId);
  const scopeUnit = unit ?? own;
  const inScope = (u: OrgUnitNode) => actor.townshipIds === 'all' || actor.townshipIds.includes(u.level === 'township' ? u.id : (u.parentId ?? -1));
  const under = (u: OrgUnitNode | undefined): OrgUnitNode[] => (u ? [u, ...u.children.flatMap(under)] : []);
  const scoped = (unit ? under(unit) : names.units).filter((u) => !isUpperLevel(u.level) && inScope(u));
  // A roll-up of approved figures only (上报审核), at any level above the township: the other townships are named, not counted.
  const allTownships = scoped.filter((u) => u.level === 'township');
  const approval = query.approvedOnly && unit?.level !== 'township' && unit?.level !== 'village'
    ? await (async () => {
        const approved = await app.submissions.approvedThrough(allTownships.map((t) => t.id), from, to);
        return { approvedIds: [...approved], notApproved: allTownships.filter((t) => !approved.has(t.id)) };
      })()
    : undefined;
  return { from, to, orgUnitId, reference, names, unit, scopeUnit, scoped, allTownships, approval };
}

async function load<G extends StatsGroup>(app: FastifyInstance, actor: Actor, query: PeriodQuery, scope: Awaited<ReturnType<typeof resolve>>, groups: readonly G[]): Promise<AnnualData<G>> {
  const { from, to, orgUnitId, reference, names, unit, scopeUnit: named, scoped, allTownships, approval } = scope;
  const stats = (await app.stats.statsByGroups(actor, { from, to, orgUnitId }, [...new Set<StatsGroup>([...REPORT_GROUPS, ...groups])], approval?.approvedIds)) as Record<G, StatsResponse> & Record<ReportGroup, StatsResponse>;
  const month = stats.month;

  const pick = (rows: StatsResponse['rows'], keep = (_key: string) => true) => rows.filter((r) => keep(r.key)).map((r) => ({ name: r.label, nameEn: r.labelEn }));
  const figures = {
    unitName: named?.name ?? '全部辖区',
    unitNameEn: named?.nameEn ?? 'All townships in scope',
    from,
    to,
    activities: month.totals.activities,
    leaflets: month.totals.leaflets,
    audience: month.totals.audience,
    consultations: month.totals.consultations,
    villagesReached: month.totals.villagesReached,
    villagesTotal: month.totals.villagesTotal,
    campaigns: pick(stats.campaign.rows, (key) => key !== 'none'),
    sixInto: pick(stats.sixInto.rows),
    laws: pick(stats.law.rows),
    // In the office's order of material types (the reference's), each with its unit.
    materials: reference.materialTypes.flatMap((type) => {
      const quantity = stats.materialType.rows.find((r) => r.key === String(type.id))?.quantity ?? 0;
      return quantity > 0 ? [{ code: type.code, name: type.name, nameEn: type.nameEn, unit: type.unit, unitEn: type.unitEn, quantity }] : [];
    }),
    ...(approval ? { notApproved: approval.notApproved.map((t) => ({ name: t.name, nameEn: t.nameEn })) } : {}),
  };
  return {
    from,
    to,
    names,
    unit,
    ...(named ? { scopeUnit: named } : {}),
    unitName: figures.unitName,
    unitNameEn: figures.unitNameEn,
    stats,
    report: { figures, paragraphs: reportParagraphs(figures, named?.level) },
    villages: scoped.filter((u) => u.level === 'village' && (!approval || approval.approvedIds.includes(u.parentId ?? -1))),
    townships: allTownships,
    ledgerFilter: { from, to, ...(unit?.level === 'township' ? { townshipId: unit.id } : unit?.level === 'village' ? { villageId: unit.id } : {}) },
    ...(approval ? { approval } : {}),
  };
}
