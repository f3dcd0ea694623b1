import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema, AuditEntrySchema, AuditQuerySchema, EventIdParamsSchema } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { notFound } from '../http-errors.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'listAuditEntries',
        tags: ['audit'],
        summary: 'The audit log of the administrator’s scope, newest first',
        querystring: AuditQuerySchema,
        response: { 200: z.object({ items: z.array(AuditEntrySchema), total: z.number().int() }), 400: ApiErrorSchema },
      },
    },
    (request) => app.audit.list(request.actor, request.query),
  );

  app.get(
    '/api/events/:id/history',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getEventHistory',
        tags: ['events', 'audit'],
        summary: 'Who logged and changed an event, when, and what changed',
        params: EventIdParamsSchema,
        response: { 200: z.array(AuditEntrySchema), 404: ApiErrorSchema },
      },
    },
    async (request) => (await app.audit.eventHistory(request.actor, request.params.id)) ?? Promise.reject(notFound({ zh: '活动', en: 'Event' })),
  );
};
