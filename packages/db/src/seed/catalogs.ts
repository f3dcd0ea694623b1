// Built-in catalogs from @pufa/domain, inserted where missing. Existing rows are
// never overwritten: an office may have renamed or deactivated an entry.
import {
  ACTIVITY_FORMS,
  BUILTIN_CAMPAIGNS,
  LAWS,
  MATERIAL_TYPES,
  SIX_INTO_CATEGORIES,
  TARGET_GROUPS,
  isoToDate,
} from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';

const ordered = <T>(rows: readonly T[]) => rows.map((row, i) => ({ ...row, sortOrder: (i + 1) * 10 }));

export async function seedCatalogs(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.sixIntoCategory.createMany({
      data: ordered(SIX_INTO_CATEGORIES).map((c) => ({ ...c, isBuiltin: true })),
      skipDuplicates: true,
    });
    await tx.materialType.createMany({ data: ordered(MATERIAL_TYPES), skipDuplicates: true });
    await tx.targetGroup.createMany({ data: ordered(TARGET_GROUPS), skipDuplicates: true });
    await tx.activityForm.createMany({ data: ordered(ACTIVITY_FORMS), skipDuplicates: true });
    await tx.law.createMany({ data: ordered(LAWS), skipDuplicates: true });
    for (const [i, { periods = [], rule, ...campaign }] of BUILTIN_CAMPAIGNS.entries()) {
      const existing = await tx.campaign.findUnique({ where: { code: campaign.code } });
      if (existing) continue;
      await tx.campaign.create({
        data: {
          ...campaign,
          isBuiltin: true,
          sortOrder: (i + 1) * 10,
          startMonth: rule?.startMonth ?? null,
          startDay: rule?.startDay ?? null,
          endMonth: rule?.endMonth ?? null,
          endDay: rule?.endDay ?? null,
          periods: {
            create: periods.map((p) => ({ year: p.year, startDate: isoToDate(p.startDate), endDate: isoToDate(p.endDate) })),
          },
        },
      });
    }
  });
}
