// Everything the annual exports show, gathered once from the stats (the same
// aggregation as the dashboard: no second way of counting), the reference data
// and, for a township's year, its plan check.
import type { FastifyInstance } from 'fastify';
import {
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

const GROUPS = ['month', 'township', 'campaign', 'village', 'sixInto', 'department', 'law'] as const satisfies readonly StatsGroup[];
type Group = (typeof GROUPS)[number];

export interface AnnualData {
  from: string;
  to: string;
  names: Names;
  /** The org unit asked for; undefined: the user's whole scope. */
  unit?: OrgUnitNode;
  unitName: string;
  unitNameEn: string;
  stats: Record<Group, StatsResponse>;
  report: AnnualReport;
  /** Every village in scope, reached or not. */
  villages: OrgUnitNode[];
  /** Every township in scope (the county roll-up lists them all). */
  townships: OrgUnitNode[];
  /** The ledger's filter for the same scope. */
  ledgerFilter: EventFilter;
  planCheck: PlanCheck | null;
}

export async function loadAnnualData(app: FastifyInstance, actor: Actor, query: PeriodQuery): Promise<AnnualData> {
  const { from, to } = periodOfQuery(query);
  const orgUnitId = query.orgUnitId;
  // Stats first: it refuses an org unit out of scope (400) before anything else is read.
  const month = await app.stats.stats(actor, { from, to, orgUnitId, groupBy: 'month' });
  const others = await Promise.all(GROUPS.filter((g) => g !== 'month').map((groupBy) => app.stats.stats(actor, { from, to, orgUnitId, groupBy })));
  const stats = Object.fromEntries([['month', month], ...others.map((s) => [s.groupBy, s])]) as Record<Group, StatsResponse>;

  const reference = await app.reference.get(actor);
  const names = createNames(reference, query.lang);
  // A township user's whole scope is their township: the same exports as naming it.
  const only = actor.townshipIds !== 'all' && actor.townshipIds.length === 1 ? actor.townshipIds[0] : undefined;
  const unit = names.unit(orgUnitId ?? only);
  const own = names.unit(actor.orgUnitId);
  const named = unit ?? own;
  const inScope = (u: OrgUnitNode) => actor.townshipIds === 'all' || actor.townshipIds.includes(u.level === 'township' ? u.id : (u.parentId ?? -1));
  const under = (u: OrgUnitNode | undefined): OrgUnitNode[] => (u ? [u, ...u.children.flatMap(under)] : []);
  const scoped = (unit ? under(unit) : names.units).filter((u) => u.level !== 'county' && inScope(u));

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
  };
  const isOneYear = from.endsWith('-01-01') && to === `${from.slice(0, 4)}-12-31`;
  return {
    from,
    to,
    names,
    unit,
    unitName: figures.unitName,
    unitNameEn: figures.unitNameEn,
    stats,
    report: { figures, paragraphs: reportParagraphs(figures) },
    villages: scoped.filter((u) => u.level === 'village'),
    townships: scoped.filter((u) => u.level === 'township'),
    ledgerFilter: { from, to, ...(unit?.level === 'township' ? { townshipId: unit.id } : unit?.level === 'village' ? { villageId: unit.id } : {}) },
    planCheck: unit?.level === 'township' && isOneYear ? await app.plans.check(actor, { townshipId: unit.id, year: Number(from.slice(0, 4)) }) : null,
  };
}
