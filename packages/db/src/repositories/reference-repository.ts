// The catalogs and the org-unit tree, as GET /api/reference answers them.
import { dateToIso, type OrgUnitNode, type Reference } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { inScope, townshipFilter, type Actor } from '../auth/actor.ts';

const bySortOrder = [{ sortOrder: 'asc' as const }, { id: 'asc' as const }];
const entry = { id: true, code: true, name: true, nameEn: true } as const;

export function buildOrgUnitTree(units: readonly Omit<OrgUnitNode, 'children'>[]): OrgUnitNode[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as OrgUnitNode[] }]));
  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/**
 * Keeps the townships in scope (with their villages), every unit in the actor's own subtree (a
 * county a city admin just added, before it has townships) and the path down to them; then drops
 * the province and city above the user's unit, so a tree starts at the user's own unit or, for a
 * township user, at their county, as it did before there were levels above the county.
 */
export function pruneToScope(roots: OrgUnitNode[], actor: Actor): OrgUnitNode[] {
  if (actor.townshipIds === 'all') return roots;
  const prune = (nodes: OrgUnitNode[], isInsideOwn: boolean): OrgUnitNode[] =>
    nodes.flatMap((node) => {
      if (node.level === 'township') return inScope(actor, node.id) ? [node] : [];
      if (node.level === 'village') return [];
      const isInside = isInsideOwn || node.id === actor.orgUnitId;
      const children = prune(node.children, isInside);
      return children.length || isInside ? [{ ...node, children }] : [];
    });
  let pruned = prune(roots, false);
  while (pruned.length === 1 && (pruned[0]!.level === 'province' || pruned[0]!.level === 'city') && pruned[0]!.id !== actor.orgUnitId) pruned = pruned[0]!.children;
  return pruned;
}

export function createReferenceRepository(prisma: PrismaClient) {
  return {
    async get(actor: Actor): Promise<Reference> {
      const scope = townshipFilter(actor);
      const [units, departments, campaigns, materialTypes, targetGroups, forms, laws, sixInto] = await Promise.all([
        prisma.orgUnit.findMany({ orderBy: bySortOrder, select: { ...entry, level: true, parentId: true } }),
        prisma.department.findMany({ where: { townshipId: scope }, orderBy: bySortOrder, select: { ...entry, townshipId: true, isActive: true } }),
        prisma.campaign.findMany({ where: { isActive: true, OR: [{ townshipId: null }, { townshipId: scope }] }, orderBy: bySortOrder, include: { periods: { orderBy: { year: 'asc' } } } }),
        prisma.materialType.findMany({ orderBy: bySortOrder, select: { ...entry, isActive: true, unit: true, unitEn: true, countsAsLeaflet: true } }),
        prisma.targetGroup.findMany({ orderBy: bySortOrder, select: { ...entry, isActive: true } }),
        prisma.activityForm.findMany({ orderBy: bySortOrder, select: { ...entry, isActive: true } }),
        prisma.law.findMany({ orderBy: bySortOrder, select: { ...entry, isActive: true } }),
        prisma.sixIntoCategory.findMany({ orderBy: bySortOrder, select: entry }),
      ]);
      return {
        orgUnits: pruneToScope(buildOrgUnitTree(units), actor),
        departments,
        campaigns: campaigns.map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          townshipId: c.townshipId,
          isBuiltin: c.isBuiltin,
          description: c.description,
          rule:
            c.startMonth === null
              ? null
              : {
                  startMonth: c.startMonth,
                  ...(c.startDay !== null && { startDay: c.startDay }),
                  ...(c.endMonth !== null && { endMonth: c.endMonth }),
                  ...(c.endDay !== null && { endDay: c.endDay }),
                },
          periods: c.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
        })),
        materialTypes,
        targetGroups,
        forms,
        laws,
        sixInto: sixInto.map((c) => ({ ...c, isActive: true })),
      };
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
