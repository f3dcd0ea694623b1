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

/** Every built-in code, by table: one query on start tells whether anything is missing. */
const BUILTIN_CODES: [table: string, codes: string[]][] = [
  ['six_into_category', SIX_INTO_CATEGORIES.map((c) => c.code)],
  ['material_type', MATERIAL_TYPES.map((c) => c.code)],
  ['target_group', TARGET_GROUPS.map((c) => c.code)],
  ['activity_form', ACTIVITY_FORMS.map((c) => c.code)],
  ['law', LAWS.map((c) => c.code)],
  ['campaign', BUILTIN_CAMPAIGNS.map((c) => c.code)],
];

async function isEveryBuiltinPresent(prisma: PrismaClient): Promise<boolean> {
  const counts = BUILTIN_CODES.map(([table], i) => `(SELECT count(*) FROM ${table} WHERE code = ANY($${i + 1}::text[]))`).join(' + ');
  const [row] = await prisma.$queryRawUnsafe<{ present: bigint | number }[]>(`SELECT ${counts} AS present`, ...BUILTIN_CODES.map(([, codes]) => codes));
  return Number(row?.present) === BUILTIN_CODES.reduce((sum, [, codes]) => sum + codes.length, 0);
}

export async function seedCatalogs(prisma: PrismaClient): Promise<void> {
  // Every start calls this; nearly always there is nothing to add.
  if (await isEveryBuiltinPresent(prisma)) return;
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
