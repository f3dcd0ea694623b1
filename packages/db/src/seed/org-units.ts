// Factories for org units and departments, used by the demo seed and by tests.
import { DEFAULT_DEPARTMENTS } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';

export interface TownshipSeed {
  countyId: number;
  code: string;
  name: string;
  nameEn: string;
  villages: readonly { code: string; name: string; nameEn: string }[];
  departments?: readonly { code: string; name: string; nameEn: string }[];
  /** First reporting month ("YYYY-MM"); default: the month the row is created (the column's default). */
  reportingFrom?: string;
}

export interface UnitSeed {
  code: string;
  name: string;
  nameEn: string;
  /** The unit above (a city for a county, a province for a city); none: the top of a tree. */
  parentId?: number;
}

export async function seedCounty(prisma: PrismaClient, county: UnitSeed) {
  return prisma.orgUnit.create({ data: { ...county, level: 'county' } });
}

/** A province or a city (they hold units, never events). */
export async function seedUpperUnit(prisma: PrismaClient, level: 'province' | 'city', unit: UnitSeed) {
  return prisma.orgUnit.create({ data: { ...unit, level } });
}

/** Creates a township with its villages and departments; returns their ids. */
export async function seedTownship(prisma: PrismaClient, seed: TownshipSeed) {
  const township = await prisma.orgUnit.create({
    data: {
      code: seed.code,
      name: seed.name,
      nameEn: seed.nameEn,
      level: 'township',
      parentId: seed.countyId,
      ...(seed.reportingFrom ? { reportingFrom: seed.reportingFrom } : {}),
      children: {
        create: seed.villages.map((v, i) => ({ ...v, level: 'village' as const, sortOrder: (i + 1) * 10 })),
      },
      departments: {
        create: (seed.departments ?? DEFAULT_DEPARTMENTS).map((d, i) => ({ ...d, sortOrder: (i + 1) * 10 })),
      },
    },
    include: { children: { orderBy: { sortOrder: 'asc' } }, departments: { orderBy: { sortOrder: 'asc' } } },
  });
  return {
    townshipId: township.id,
    villageIds: township.children.map((v) => v.id),
    departmentIds: township.departments.map((d) => d.id),
  };
}
