import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir, type Database } from '@pufa/db';
import { createTestDatabase } from './helper.ts';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => ({ db, drop } = await createTestDatabase()));
afterAll(() => drop());

describe('migrations', () => {
  it('apply every folder of prisma/migrations from empty, with Prisma bookkeeping, exactly once', async () => {
    const folders = (await readdir(migrationsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(await db.migrate()).toEqual(folders);
    const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
    }
    expect(await db.migrate()).toEqual([]);
    // The schema is really there: the ledger table answers.
    expect(await db.prisma.event.count()).toBe(0);
  });
});
