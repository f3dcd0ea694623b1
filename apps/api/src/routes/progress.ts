import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ApiErrorSchema, NamedDayProgressSchema, OrgUnitParamsSchema, SubmissionProgressSchema, UnitYearQuerySchema } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { notFound } from '../http-errors.ts';

// Above the county: the units one level down, each counted over its townships (issue 20).
const ORG_UNIT = { zh: '单位', en: 'Org unit' };
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };

export const progressRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/org-units/:id/submission-progress',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getSubmissionProgress',
        tags: ['submissions'],
        summary: "A county's, city's or province's units one level down × the months and the year: how many of each unit's townships submitted, were approved, returned or are late",
        description: 'A city sees its counties, a province its cities; 404 for a unit outside the user’s subtree, 400 for a township or village.',
        params: OrgUnitParamsSchema,
        querystring: UnitYearQuerySchema,
        response: { 200: SubmissionProgressSchema, ...errors },
      },
    },
    async (request) => (await app.progress.submissions(request.actor, request.params.id, request.query.year)) ?? Promise.reject(notFound(ORG_UNIT)),
  );

  app.get(
    '/api/org-units/:id/named-day-progress',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getNamedDayProgress',
        tags: ['county'],
        summary: 'The named days of a year × the units one level down: how many of each unit’s townships held an event of each (of how many)',
        description: '404 for a unit outside the user’s subtree, 400 for a township or village.',
        params: OrgUnitParamsSchema,
        querystring: UnitYearQuerySchema,
        response: { 200: NamedDayProgressSchema, ...errors },
      },
    },
    async (request) => (await app.progress.namedDays(request.actor, request.params.id, request.query.year)) ?? Promise.reject(notFound(ORG_UNIT)),
  );
};
