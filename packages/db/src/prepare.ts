import type { Database } from './client.ts';
import { seedCatalogs } from './seed/catalogs.ts';
import { seedDemo, seedDemoUsers } from './seed/demo.ts';

export interface PrepareResult {
  appliedMigrations: string[];
  demoSeeded: boolean;
}

/**
 * What every start does: apply pending migrations, add missing built-in catalog
 * entries, and on the first start of an empty database create the demo township.
 */
export async function prepareDatabase(db: Database, { demo, demoPassword }: { demo: boolean; demoPassword: string }): Promise<PrepareResult> {
  const appliedMigrations = await db.migrate();
  const isEmpty = (await db.prisma.orgUnit.count()) === 0;
  if (demo && isEmpty) {
    const { countyId, townshipId, cityId, provinceId } = await seedDemo(db);
    await seedDemoUsers(db.prisma, { countyId, townshipId, cityId, provinceId, password: demoPassword });
    return { appliedMigrations, demoSeeded: true };
  }
  await seedCatalogs(db.prisma);
  return { appliedMigrations, demoSeeded: false };
}
