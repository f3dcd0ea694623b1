import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema, StatsQuerySchema, StatsResponseSchema } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { plainJsonResponse } from '../plugins/validation.ts';

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/stats',
    {
      ...plainJsonResponse,
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getStats',
        tags: ['stats'],
        summary: 'Totals and one breakdown for a period and an org unit (docs/counting-rules.md); live: an event saved a moment ago is counted',
        querystring: StatsQuerySchema,
        response: { 200: StatsResponseSchema, 400: ApiErrorSchema },
      },
    },
    (request) => app.stats.stats(request.actor, request.query),
  );
};
