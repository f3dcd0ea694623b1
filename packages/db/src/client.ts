// Builds the Prisma client on one of the two ways to run PostgreSQL. Both go
// through a driver adapter, so the same client code and SQL serve both.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from './generated/prisma/client.ts';
import type { DatabaseConfig } from './env.ts';
import { applyMigrations } from './migrations.ts';

export type DatabaseKind = DatabaseConfig['kind'];

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

/** `dataDir: 'memory://'` gives a throwaway in-memory PGlite (tests). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  let closeDriver: () => Promise<void>;
  if (config.kind === 'postgresql') {
    // We own the pool so close() ends it; the schema engine's connection would
    // otherwise keep the process alive until the pool's idle timeout.
    const pool = new pg.Pool({ connectionString: config.url });
    adapterFactory = new PrismaPg(pool);
    closeDriver = () => pool.end();
  } else {
    const pglite = await PGlite.create(config.dataDir);
    adapterFactory = new PrismaPGlite(pglite);
    closeDriver = () => pglite.close();
  }
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind: config.kind,
    migrate: () => applyMigrations(adapterFactory),
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
