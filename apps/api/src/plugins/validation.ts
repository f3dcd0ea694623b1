// One validation and error mechanism for every route: zod schemas from
// @pufa/domain validate requests and shape responses, and every error leaves as
// { statusCode, error, message, messageEn, fields? } with no internals.
import fp from 'fastify-plugin';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { describeIssues, summarizeFieldErrors, type ApiError, type Bilingual } from '@pufa/domain';
import { InvalidReferencesError, NotPermittedError, VersionConflictError } from '@pufa/db';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import { FRAMEWORK_ERRORS, HttpError, RequestValidationError } from '../http-errors.ts';

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function send(reply: FastifyReply, statusCode: number, words: Bilingual, extra: Partial<ApiError> & Record<string, unknown> = {}) {
  const body = { statusCode, error: STATUS_NAMES[statusCode] ?? 'Error', message: words.zh, messageEn: words.en, ...extra };
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Prisma errors a request can still cause (e.g. a village deleted between check and write). */
function prismaConflict(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && ['P2002', 'P2003', 'P2034'].includes(code);
}

export const validationPlugin = fp(async function validation(app: FastifyInstance) {
  app.setValidatorCompiler(({ schema }) => (data) => {
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
    if (error instanceof NotPermittedError) return send(reply, 403, error.words);
    if (error instanceof VersionConflictError) {
      return send(
        reply,
        409,
        { zh: '该记录已被他人修改，请刷新后再保存', en: 'Someone else changed this record; reload it, then save again' },
        { currentVersion: error.currentVersion },
      );
    }
    if (prismaConflict(error)) {
      return send(reply, 409, { zh: '数据已变化，请刷新后重试', en: 'The data changed meanwhile; reload and try again' });
    }
    const statusCode = (error as FastifyError).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const words = FRAMEWORK_ERRORS[(error as FastifyError).code] ?? { zh: error.message, en: error.message };
      return send(reply, statusCode, words);
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, 500, { zh: '服务器内部错误，请稍后重试', en: 'Internal server error; please try again later' });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, 404, { zh: `没有这个接口：${request.method} ${request.url}`, en: `No such endpoint: ${request.method} ${request.url}` }),
  );
});
