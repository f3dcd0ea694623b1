// The catalogs and the org-unit tree, as GET /api/reference answers them.
import { dateToIso, type OrgUnitNode, type Reference } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';

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

export function createReferenceRepository(prisma: PrismaClient) {
  return {
    async get(): Promise<Reference> {
      const [units, departments, campaigns, materialTypes, targetGroups, forms, laws, sixInto] = await Promise.all([
        prisma.orgUnit.findMany({ orderBy: bySortOrder, select: { ...entry, level: true, parentId: true } }),
        prisma.department.findMany({ orderBy: bySortOrder, select: { ...entry, townshipId: true, isActive: true } }),
        prisma.campaign.findMany({ where: { isActive: true }, orderBy: bySortOrder, include: { periods: { orderBy: { year: 'asc' } } } }),
        prisma.materialType.findMany({
          where: { isActive: true },
          orderBy: bySortOrder,
          select: { ...entry, unit: true, unitEn: true, countsAsLeaflet: true },
        }),
        prisma.targetGroup.findMany({ where: { isActive: true }, orderBy: bySortOrder, select: entry }),
        prisma.activityForm.findMany({ where: { isActive: true }, orderBy: bySortOrder, select: entry }),
        prisma.law.findMany({ where: { isActive: true }, orderBy: bySortOrder, select: entry }),
        prisma.sixIntoCategory.findMany({ orderBy: bySortOrder, select: entry }),
      ]);
      return {
        orgUnits: buildOrgUnitTree(units),
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
        sixInto,
      };
    },
  };
}

export type ReferenceRepository = ReturnType<typeof createReferenceRepository>;
