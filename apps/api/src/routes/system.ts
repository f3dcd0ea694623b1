import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema } from '@pufa/domain';
import { HttpError } from '../http-errors.ts';
import { ACCESS } from '../plugins/auth.ts';

const HealthSchema = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']) });

export const systemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { config: { access: ACCESS.public }, schema: { operationId: 'getHealth', tags: ['system'], summary: 'Is the API up, and on which database', response: { 200: HealthSchema, 503: ApiErrorSchema } } },
    async () => {
      try {
        await app.db.prisma.$queryRaw`SELECT 1`;
      } catch {
        throw new HttpError(503, { zh: '数据库不可用', en: 'The database is unavailable' });
      }
      return { status: 'ok' as const, database: app.db.kind };
    },
  );
};
