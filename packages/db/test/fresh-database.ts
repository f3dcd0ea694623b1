// Migrated, empty databases for a test file, dropped when the file is done.
import { afterAll } from 'vitest';
import type { Database } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';

export function useFreshDatabases(): (options?: { migrate?: boolean }) => Promise<Database> {
  const opened: { drop: () => Promise<void> }[] = [];
  afterAll(async () => {
    for (const { drop } of opened) await drop();
  });
  return async ({ migrate = true } = {}) => {
    const created = await createTestDatabase();
    opened.push(created);
    if (migrate) await created.db.migrate();
    return created.db;
  };
}
