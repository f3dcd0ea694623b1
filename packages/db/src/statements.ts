// The hot statements, sent straight through the driver rather than Prisma's raw
// query runtime (~0.5 ms of CPU per call). An event's create is one large
// statement: on PostgreSQL, parsing and planning it on every call cost ~1 ms,
// more than running it, so it is a named statement, parsed once per connection.
// PGlite runs it the same way, through its node-postgres bridge.
import type pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Prisma } from './generated/prisma/client.ts';

type Sql = Prisma.Sql;

export interface StatementRunner {
  /**
   * Runs `sql` as the prepared statement `name`. One name must always carry the
   * same text (pg refuses a name reused with another text), so build `sql` from
   * one fixed template.
   */
  run<Row>(name: string, sql: Sql): Promise<Row[]>;
  /**
   * Runs `work` in one transaction on one connection: its statements commit
   * together or not at all (an idempotent create stores its key beside the
   * record). Inside, `transaction` runs in the same transaction.
   */
  transaction<T>(work: (statements: StatementRunner) => Promise<T>): Promise<T>;
}

/** The runner of an open transaction: its statements on its connection; a nested transaction is the same one. */
function inTransaction(client: pg.ClientBase): StatementRunner {
  const runner: StatementRunner = {
    run: async <Row>(name: string, sql: Sql) => (await client.query({ name, text: sql.text, values: sql.values })).rows as Row[],
    transaction: (work) => work(runner),
  };
  return runner;
}

/** `onBroken`: the connection could not even roll back (the server went away): it must not be reused. */
async function runTransaction<T>(client: pg.ClientBase, work: (statements: StatementRunner) => Promise<T>, onBroken = () => {}): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(inTransaction(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(onBroken);
    throw error;
  }
}

export function poolStatements(pool: pg.Pool): StatementRunner {
  return {
    run: async <Row>(name: string, sql: Sql) => (await pool.query({ name, text: sql.text, values: sql.values })).rows as Row[],
    transaction: async (work) => {
      const client = await pool.connect();
      let broken = false;
      try {
        return await runTransaction(client, work, () => (broken = true));
      } finally {
        client.release(broken);
      }
    },
  };
}

/**
 * PGlite has one connection. Its node-postgres bridge gives us named statements
 * (parsed once, as on PostgreSQL), but its messages skip the locks that keep a
 * query out of someone else's transaction: so each run holds both of PGlite's
 * locks, the transaction lock (no transaction is open) and the query lock.
 */
export function pgliteStatements(pglite: PGlite, client: pg.Client): StatementRunner {
  let connected: Promise<unknown> | null = null;
  return {
    run: async <Row>(name: string, sql: Sql) => {
      await (connected ??= client.connect());
      return pglite._runExclusiveTransaction(() =>
        pglite.runExclusive(async () => (await client.query({ name, text: sql.text, values: sql.values })).rows as Row[]),
      );
    },
    transaction: async (work) => {
      await (connected ??= client.connect());
      return pglite._runExclusiveTransaction(() => pglite.runExclusive(() => runTransaction(client, work)));
    },
  };
}
