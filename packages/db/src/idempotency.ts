// Idempotency keys (docs/reliability.md): a create sent with an Idempotency-Key
// stores the key and its answer in the create's own transaction, so the key is
// stored exactly when the record is. A repeat of the request (a retry after a
// 503 or a lost answer) finds the key and gets the answer back; two requests
// with one key at once meet on the key's primary key: the second waits for the
// first's commit, then rolls its own work back and answers the first's answer.
//
// The API opens an IdempotencyClaim for the request (apps/api/src/plugins/idempotency.ts)
// and runs the route in `idempotencyScope`; the transaction that creates the
// record calls storeIdempotencyKey (Prisma) or withIdempotencyKey (the event's
// named statement). Without a claim both do nothing more than the create.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Prisma, type PrismaClient } from './generated/prisma/client.ts';
import type { StatementRunner } from './statements.ts';

/** Keys are kept at least this long; older ones are purged. */
export const IDEMPOTENCY_KEY_DAYS = 30;

export interface IdempotencyClaim {
  userId: number;
  key: string;
  /** SHA-256 of method, route, parameters and body. */
  requestHash: string;
  /** The route's success status, stored with the answer. */
  statusCode: number;
  /** The answer stored in the transaction, once it committed (the API may refine it after the route). */
  stored?: unknown;
}

export const idempotencyScope = new AsyncLocalStorage<IdempotencyClaim>();

/** Another request with the same key committed first: this one's work was rolled back; answer with the stored one. */
export class IdempotencyKeyTakenError extends Error {
  constructor() {
    super('idempotency key already used');
  }
}

export interface StoredAnswer {
  requestHash: string;
  statusCode: number;
  response: unknown;
}

const insertKey = (claim: IdempotencyClaim, answer: unknown) => Prisma.sql`
  INSERT INTO idempotency_key (user_id, key, request_hash, status_code, response)
  VALUES (${claim.userId}::int, ${claim.key}, ${claim.requestHash}, ${claim.statusCode}::int, ${JSON.stringify(answer ?? null)}::jsonb)
  ON CONFLICT (user_id, key) DO NOTHING
  RETURNING 1 AS stored`;

function claimed(claim: IdempotencyClaim, rows: unknown[], answer: unknown) {
  if (rows.length === 0) throw new IdempotencyKeyTakenError();
  claim.stored = answer ?? null;
}

/**
 * In the create's Prisma transaction, after the record is written: stores the
 * request's key with `answer` (what the route answers). Throws
 * IdempotencyKeyTakenError (rolling the transaction back) when another request
 * with the key committed first. Does nothing when the request has no key.
 */
export async function storeIdempotencyKey(tx: Prisma.TransactionClient, answer: unknown): Promise<void> {
  const claim = idempotencyScope.getStore();
  if (!claim || claim.stored !== undefined) return;
  claimed(claim, await tx.$queryRaw(insertKey(claim, answer)), answer);
}

/**
 * Runs a create made of named statements (the event's one-statement create):
 * as it is when the request has no key; with a key, in a transaction that also
 * stores the key with the create's answer (null: nothing created, no key).
 */
export async function withIdempotencyKey<T>(statements: StatementRunner, create: (statements: StatementRunner) => Promise<T | null>): Promise<T | null> {
  const claim = idempotencyScope.getStore();
  if (!claim || claim.stored !== undefined) return create(statements);
  return statements.transaction(async (tx) => {
    const answer = await create(tx);
    if (answer !== null) claimed(claim, await tx.run('pufa_store_idempotency_key', insertKey(claim, answer)), answer);
    return answer;
  });
}

export function createIdempotencyRepository(prisma: PrismaClient) {
  return {
    async find(userId: number, key: string): Promise<StoredAnswer | null> {
      const row = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } }, select: { requestHash: true, statusCode: true, response: true } });
      return row && { requestHash: row.requestHash, statusCode: row.statusCode, response: row.response };
    },
    /** The route's final answer, when it differs from what the transaction stored (an event's plan link, made after the create). */
    async refine(userId: number, key: string, response: unknown): Promise<void> {
      await prisma.idempotencyKey.updateMany({ where: { userId, key }, data: { response: response as Prisma.InputJsonValue } });
    },
    /** Deletes keys older than IDEMPOTENCY_KEY_DAYS; returns how many. */
    async purge(now = new Date()): Promise<number> {
      const { count } = await prisma.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000) } } });
      return count;
    },
  };
}

export type IdempotencyRepository = ReturnType<typeof createIdempotencyRepository>;
