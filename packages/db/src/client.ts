// Builds the Prisma client on one of the two ways to run PostgreSQL. Both go
// through a driver adapter, so the same client code and SQL serve both.
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/prisma/client.ts';
import type { DatabaseConfig } from './env.ts';
import { applyMigrations, hasPendingMigrations } from './migrations.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { EVENT_CHANGED_CHANNEL, listenOnPglite, listenOnPostgres, type AuthChangeFeed, type ChangeFeed } from './auth-changes.ts';
import { SerialClient } from './serial-client.ts';
import { pgliteStatements, poolStatements, type StatementRunner } from './statements.ts';

export type DatabaseKind = DatabaseConfig['kind'];

/** What the repositories need of an open database. */
export type DatabaseHandle = Pick<Database, 'prisma' | 'statements'>;

export interface Database {
  prisma: PrismaClient;
  /** The hot statements, outside Prisma's runtime (prepared once per connection on PostgreSQL). */
  statements: StatementRunner;
  kind: DatabaseKind;
  /** The PostgreSQL server's URL (not PGlite's): for what needs its own connections, such as the job queue. */
  connectionString?: string;
  /** Applies pending migrations; returns their names. */
  migrate(): Promise<string[]>;
  /** The feed of sign-in changes (LISTEN pufa_auth_changed), opened on first use and closed with the database. */
  authChanges(): Promise<AuthChangeFeed>;
  /** The feed of saved events (LISTEN pufa_event_changed, payload: township id) for the big screen; opened on first use. */
  eventChanges(): Promise<ChangeFeed>;
  close(): Promise<void>;
}

/** Someone took the data folder from under us: writing on would lose data, so stop. */
function exitOnLostLock(error: Error) {
  console.error(`Pufa Tracker: lost the lock on the data folder (${error.message}); stopping so that no write is lost.`);
  process.exit(1);
}

/** `dataDir: 'memory://'` gives a throwaway in-memory PGlite (tests). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  let statements: StatementRunner;
  let closeDriver: () => Promise<void>;
  let openFeed: () => Promise<AuthChangeFeed>;
  let openEventFeed: () => Promise<ChangeFeed>;
  if (config.kind === 'postgresql') {
    // We own the pool so close() ends it; the schema engine's connection would
    // otherwise keep the process alive until the pool's idle timeout.
    // SerialClient: Prisma's parallel reads inside a transaction wait their turn on its client.
    const pool = new pg.Pool({ connectionString: config.url, Client: SerialClient });
    // An idle connection the server drops (a restart, a dropped database) must not
    // crash the process: the next query reconnects, or fails and is answered 503.
    pool.on('error', () => {});
    adapterFactory = new PrismaPg(pool);
    statements = poolStatements(pool);
    closeDriver = () => pool.end();
    openFeed = async () => listenOnPostgres(config.url);
    openEventFeed = async () => listenOnPostgres(config.url, EVENT_CHANGED_CHANNEL);
  } else {
    const unlock = config.dataDir.startsWith('memory://') ? async () => {} : await lockDataDir(config.dataDir, exitOnLostLock);
    let pglite: PGlite;
    try {
      // Loaded only for the embedded database: PGlite's module costs ~45 MB a PostgreSQL deployment does not need.
      const { PGlite } = await import('@electric-sql/pglite');
      pglite = await PGlite.create(config.dataDir);
    } catch (error) {
      await unlock();
      throw error;
    }
    const { PrismaPGlite } = await import('pglite-prisma-adapter');
    adapterFactory = new PrismaPGlite(pglite);
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
    const bridge = new pg.Client(createPgConfig(pglite) as pg.ClientConfig);
    statements = pgliteStatements(pglite, bridge);
    openFeed = () => listenOnPglite(pglite);
    openEventFeed = () => listenOnPglite(pglite, EVENT_CHANGED_CHANNEL);
    closeDriver = async () => {
      await bridge.end().catch(() => undefined);
      await pglite.close();
      await unlock();
    };
  }
  // PGlite has one connection, so transactions queue for it: give the queue time
  // (a busy moment must wait, not fail), and a long copy or import time to finish.
  const prisma = new PrismaClient({ adapter: adapterFactory, transactionOptions: { maxWait: 10_000, timeout: 30_000 } });
  let feed: Promise<AuthChangeFeed> | null = null;
  let eventFeed: Promise<ChangeFeed> | null = null;
  return {
    prisma,
    statements,
    kind: config.kind,
    ...(config.kind === 'postgresql' ? { connectionString: config.url } : {}),
    authChanges: () => (feed ??= openFeed()),
    eventChanges: () => (eventFeed ??= openEventFeed()),
    migrate: async () =>
      (await hasPendingMigrations((sql) => prisma.$queryRawUnsafe<{ name: string | null }[]>(sql))) ? applyMigrations(adapterFactory) : [],
    close: async () => {
      if (feed) await (await feed).close();
      if (eventFeed) await (await eventFeed).close();
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}
