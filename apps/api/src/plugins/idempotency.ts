// Idempotency-Key on every create, in one place (docs/reliability.md). A route
// opts in with `config.idempotent`; a request to it with the header is either a
// repeat (the stored answer goes back, nothing is done) or the first (the route
// runs with the claim in scope, and the transaction that creates the record
// stores the key with the answer: packages/db/src/idempotency.ts). A key used
// with another request answers 422; a second request racing the first waits
// for its commit and gets its answer (IdempotencyKeyTakenError, answered by the
// error handler through replayIdempotent).
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { fieldError } from '@pufa/domain';
import { createIdempotencyRepository, idempotencyScope, type Database, type IdempotencyClaim, type IdempotencyRepository } from '@pufa/db';
import { HttpError, RequestValidationError } from '../http-errors.ts';

/**
 * `true`: the request's fingerprint is its parameters and JSON body, checked
 * before the handler. `'handler'`: the body is read by the handler (an upload),
 * which calls `app.checkIdempotency` with what identifies it before creating.
 */
export type Idempotent = true | 'handler';

declare module 'fastify' {
  interface FastifyContextConfig {
    idempotent?: Idempotent;
  }
  interface FastifyRequest {
    idempotency: IdempotencyClaim | null;
  }
  interface FastifyInstance {
    idempotencyKeys: IdempotencyRepository;
    /** For `idempotent: 'handler'` routes: true when the request was a repeat and has been answered. */
    checkIdempotency: (request: FastifyRequest, reply: FastifyReply, fingerprint: unknown) => Promise<boolean>;
    /** Answers with the stored answer of the request's key (after IdempotencyKeyTakenError). */
    replayIdempotent: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** What a client may send as a key: a UUID, or any token of visible ASCII up to 128 characters. */
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;
const PURGE_INTERVAL_MS = 6 * 3_600_000;

const KEY_WORDS = { zh: 'Idempotency-Key 应为 1 到 128 个可见 ASCII 字符（建议 UUID）', en: 'Idempotency-Key must be 1 to 128 visible ASCII characters (a UUID, say)' };
const REUSED_WORDS = {
  zh: '这个 Idempotency-Key 已用于另一个请求：每次新的操作请使用新的 key',
  en: 'This Idempotency-Key was used with a different request; use a new key for each new action',
};

/** JSON with object keys sorted, so equal values give equal text whatever the order they were sent in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

function fingerprintOf(request: FastifyRequest, extra: unknown): string {
  const parts = [request.method, request.routeOptions.url, request.params ?? null, request.query ?? null, extra ?? null];
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** The route's success status: the lowest 2xx its response schema declares. */
function successStatus(request: FastifyRequest): number {
  const codes = Object.keys((request.routeOptions.schema?.response as Record<string, unknown> | undefined) ?? {})
    .map(Number)
    .filter((code) => code >= 200 && code < 300);
  return codes.length ? Math.min(...codes) : 200;
}

export const idempotencyPlugin = fp(
  async (app, { db }: { db: Database }) => {
    const keys = createIdempotencyRepository(db.prisma);
    app.decorate('idempotencyKeys', keys);
    app.decorateRequest('idempotency', null);

    /** A repeat: the stored answer, as the first request got it. A key of another request: 422. */
    async function answerStored(request: FastifyRequest, reply: FastifyReply, claim: IdempotencyClaim): Promise<boolean> {
      const stored = await keys.find(claim.userId, claim.key);
      if (!stored) return false;
      if (stored.requestHash !== claim.requestHash) throw new HttpError(422, REUSED_WORDS, { fields: [fieldError([IDEMPOTENCY_HEADER], REUSED_WORDS)] });
      request.idempotency = null;
      await reply.code(stored.statusCode).header('idempotent-replayed', 'true').send(stored.response);
      return true;
    }

    app.decorate('checkIdempotency', async (request: FastifyRequest, reply: FastifyReply, fingerprint: unknown) => {
      const claim = request.idempotency;
      if (!claim) return false;
      claim.requestHash = fingerprintOf(request, fingerprint);
      return answerStored(request, reply, claim);
    });

    app.decorate('replayIdempotent', async (request: FastifyRequest, reply: FastifyReply) => {
      const claim = request.idempotency;
      if (!claim || !(await answerStored(request, reply, claim))) throw new Error('idempotency key taken but no answer stored');
      return reply;
    });

    app.addHook('onRoute', (route) => {
      const mode = route.config?.idempotent;
      if (!mode) return;
      const handler = route.handler as RouteHandlerMethod;
      // The route runs with its claim in scope: the creating transaction finds it there.
      route.handler = function idempotentHandler(request, reply) {
        const claim = request.idempotency;
        return claim ? idempotencyScope.run(claim, () => handler.call(this, request, reply)) : handler.call(this, request, reply);
      };
      const preHandler = async (request: FastifyRequest, reply: FastifyReply) => {
        const header = request.headers[IDEMPOTENCY_HEADER];
        if (header === undefined || !request.user) return;
        if (typeof header !== 'string' || !KEY_PATTERN.test(header)) throw new RequestValidationError([fieldError([IDEMPOTENCY_HEADER], KEY_WORDS)]);
        const claim: IdempotencyClaim = { userId: request.user.id, key: header, requestHash: '', statusCode: successStatus(request) };
        request.idempotency = claim;
        if (mode === true) {
          claim.requestHash = fingerprintOf(request, request.body);
          if (await answerStored(request, reply, claim)) return reply;
        }
      };
      route.preHandler = [...[route.preHandler ?? []].flat(), preHandler];
    });

    // The answer stored in the transaction is what the repository created; a route
    // that adds to it afterwards (an event's plan link) has its final answer stored here.
    app.addHook('onSend', async (request, reply, payload) => {
      const claim = request.idempotency;
      if (!claim || claim.stored === undefined || reply.statusCode !== claim.statusCode || typeof payload !== 'string') return payload;
      try {
        const answer = JSON.parse(payload) as unknown;
        if (canonicalJson(answer) !== canonicalJson(JSON.parse(JSON.stringify(claim.stored)))) await keys.refine(claim.userId, claim.key, answer);
      } catch (error) {
        request.log.warn({ err: error }, 'storing the final answer of an idempotent request failed (a repeat gets the created record)');
      }
      return payload;
    });

    // Keys older than IDEMPOTENCY_KEY_DAYS go, at start and every few hours.
    const purge = () => keys.purge().catch((error: unknown) => app.log.warn({ err: error }, 'purging old idempotency keys failed'));
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      void purge();
      timer = setInterval(purge, PURGE_INTERVAL_MS).unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  },
  { name: 'idempotency' },
);
