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

/** Keeps the townships in scope (with their villages) and the units above them. */
export function pruneToScope(roots: OrgUnitNode[], actor: Actor): OrgUnitNode[] {
  if (actor.townshipIds === 'all') return roots;
  return roots.flatMap((node) => {
    if (node.level === 'township') return inScope(actor, node.id) ? [node] : [];
    if (node.level === 'village') return [];
    const children = pruneToScope(node.children, actor);
    // The user's own county stays, even before it has townships.
    return children.length || node.id === actor.orgUnitId ? [{ ...node, children }] : [];
  });
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
