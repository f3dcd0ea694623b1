// One validation and error mechanism for every route: zod schemas from
// @pufa/domain validate requests and shape responses, and every error leaves as
// { statusCode, error, message, messageEn, fields? } with no internals.
import { isUtf8 } from 'node:buffer';
import fp from 'fastify-plugin';
import secureJson from 'secure-json-parse';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { describeIssues, fieldError, findUnstorableText, periodLockedMessage, RULE_MESSAGES, summarizeFieldErrors, type ApiError, type Bilingual } from '@pufa/domain';
import { IdempotencyKeyTakenError, InvalidReferencesError, NotPermittedError, SubmissionStateError, VersionConflictError } from '@pufa/db';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FRAMEWORK_ERRORS, HttpError, RequestValidationError } from '../http-errors.ts';
import { FileStoreUnavailableError } from '../evidence/file-store.ts';
import { classifyDatabaseError, periodLockOf, type DatabaseFailure } from '../database-errors.ts';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function send(reply: FastifyReply, statusCode: number, words: Bilingual, extra: Partial<ApiError> & Record<string, unknown> = {}) {
  const body = { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message: words.zh, messageEn: words.en, ...extra };
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = 5;

const DATABASE_ANSWERS: Record<DatabaseFailure, { statusCode: number; words: Bilingual }> = {
  unavailable: { statusCode: 503, words: { zh: '数据库暂时不可用，请稍后重试', en: 'The database is temporarily unavailable; please try again shortly' } },
  busy: { statusCode: 503, words: { zh: '服务器正忙，请稍后重试', en: 'The server is busy; please try again shortly' } },
  gone: { statusCode: 404, words: { zh: '记录不存在或已被删除', en: 'Record not found (it may have been deleted)' } },
  conflict: { statusCode: 409, words: { zh: '数据已变化，请刷新后重试', en: 'The data changed meanwhile; reload and try again' } },
  badValue: { statusCode: 400, words: { zh: '有数值或文字超出了可保存的范围', en: 'A value is outside what can be stored' } },
};

/** What a route that declares no query parameters takes: none (unknown ones answer 400 naming them). */
const NO_QUERY_PARAMETERS = z.strictObject({});

/** Words for JSON bodies the parser refuses, each with its real reason. */
export const JSON_BODY_ERRORS = {
  empty: FRAMEWORK_ERRORS.FST_ERR_CTP_EMPTY_JSON_BODY!,
  invalid: FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY!,
  notUtf8: { zh: '请求内容不是有效的 UTF-8 编码', en: 'The request body is not valid UTF-8' },
  utf16: { zh: 'JSON 请求内容应使用 UTF-8 编码（不接受 UTF-16 等其他编码）', en: 'Send JSON encoded as UTF-8 (UTF-16 and other encodings are not accepted)' },
  forbiddenKey: { zh: '请求内容含有不允许的键名 __proto__ 或 constructor', en: 'The request body contains a key that is not allowed: __proto__ or constructor' },
} satisfies Record<string, Bilingual>;

/**
 * JSON bodies: UTF-8 only (RFC 8259). Bytes that are not UTF-8 are refused, not
 * stored as U+FFFD; a UTF-16 body or another charset is 415; __proto__ and
 * constructor keys are refused naming them; anything else unparsable is 400.
 */
function parseJsonBody(request: FastifyRequest, body: Buffer, done: (error: Error | null, value?: unknown) => void) {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  // UTF-16 (or UTF-32) text starts with a byte-order mark, or JSON's first ASCII character shows as a zero byte beside it.
  const wideText = body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff) || body[0] === 0 || body[1] === 0);
  if ((charset && charset !== 'utf-8' && charset !== 'utf8') || wideText) return done(new HttpError(415, JSON_BODY_ERRORS.utf16));
  if (!isUtf8(body)) return done(new HttpError(400, JSON_BODY_ERRORS.notUtf8));
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return done(new HttpError(400, JSON_BODY_ERRORS.empty));
  try {
    return done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
  } catch (error) {
    const forbidden = error instanceof SyntaxError && /forbidden prototype property/.test(error.message);
    return done(new HttpError(400, forbidden ? JSON_BODY_ERRORS.forbiddenKey : JSON_BODY_ERRORS.invalid));
  }
}

export const validationPlugin = fp(async function validation(app: FastifyInstance) {
  const databaseOutage = createOutageLog();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  // Every /api route refuses query parameters it does not declare: the routes with a query
  // schema by that (strict) schema, the others here, so none is forgotten route by route.
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || route.schema?.querystring) return;
    const refuseQuery = async (request: FastifyRequest) => {
      const result = NO_QUERY_PARAMETERS.safeParse(request.query ?? {});
      if (!result.success) throw new RequestValidationError(describeIssues(result.error.issues));
    };
    route.preValidation = [...[route.preValidation ?? []].flat(), refuseQuery];
  });
  app.setValidatorCompiler(({ schema }) => (data) => {
    // One check for every text in every request, whatever its schema says.
    const unstorable = findUnstorableText(data);
    if (unstorable) return { error: new RequestValidationError([fieldError(unstorable.path, RULE_MESSAGES[unstorable.rule])]) };
    // reportInput lets the messages tell "missing" from "wrong type".
    const result = (schema as z.ZodType).safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(describeIssues(result.error.issues)) };
  });
  app.setSerializerCompiler(createSerializerCompiler({}));

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    if (error instanceof RequestValidationError || error instanceof InvalidReferencesError) {
      return send(reply, 400, summarizeFieldErrors(error.fields), { fields: error.fields });
    }
    if (error instanceof HttpError) return send(reply, error.statusCode, error.words, error.extra);
    // Another request with the same Idempotency-Key committed first: its answer (plugins/idempotency.ts).
    if (error instanceof IdempotencyKeyTakenError) return request.server.replayIdempotent(request, reply);
    if (error instanceof NotPermittedError) return send(reply, 403, error.words);
    if (error instanceof SubmissionStateError) return send(reply, 409, error.words);
    // A write into a submitted or approved period (the database's lock): the reason, and which period.
    const locked = periodLockOf(error);
    if (locked) return send(reply, 409, periodLockedMessage(locked.period, locked.status), { lockedPeriod: locked.period });
    if (error instanceof VersionConflictError) {
      return send(
        reply,
        409,
        { zh: '该记录已被他人修改，请刷新后再保存', en: 'Someone else changed this record; reload it, then save again' },
        { currentVersion: error.currentVersion },
      );
    }
    if (error instanceof FileStoreUnavailableError) {
      request.log.error({ err: error.cause }, 'file store unavailable: answering 503');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, 503, { zh: '文件存储暂时无法访问，请稍后重试', en: 'The file store is temporarily unreachable; please try again shortly' });
    }
    const failure = classifyDatabaseError(error);
    if (failure) {
      const { statusCode, words } = DATABASE_ANSWERS[failure];
      if (failure === 'unavailable') databaseOutage.failed(request.log, error);
      if (statusCode === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, statusCode, words);
    }
    const statusCode = (error as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const words = FRAMEWORK_ERRORS[(error as FastifyError).code] ?? { zh: error.message, en: error.message };
      return send(reply, statusCode, words);
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' });
  });

  // The outage is over once a request that needs the database succeeds again.
  app.addHook('onResponse', async (request, reply) => {
    if (databaseOutage.isOngoing() && reply.statusCode < 500 && request.url.startsWith('/api/')) databaseOutage.recovered(request.log);
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { zh: `没有这个接口：${request.method} ${request.url}`, en: `No such endpoint: ${request.method} ${request.url}` }),
  );
});

/** One log line when the database goes away and one when it is back, not one per request in between. */
function createOutageLog() {
  let since: number | null = null;
  return {
    isOngoing: () => since !== null,
    failed(log: FastifyBaseLogger, error: unknown) {
      if (since !== null) return;
      since = Date.now();
      log.error({ err: error }, 'database unavailable: answering 503 until it is back');
    },
    recovered(log: FastifyBaseLogger) {
      if (since === null) return;
      log.warn(`database available again after ${((Date.now() - since) / 1000).toFixed(1)} s`);
      since = null;
    },
  };
}

/**
 * For a route whose answer can be large (an import's preview: a row per line of the file; a
 * province's stats by village: 13,570 rows): written with JSON.stringify instead of being
 * checked field by field against the schema on the way out, which doubled the memory and the
 * time of those answers. The schema still documents the route (OpenAPI) and the route's code is
 * typed by it; the tests read the answers.
 */
export const plainJsonResponse = { serializerCompiler: () => (data: unknown) => JSON.stringify(data) };
