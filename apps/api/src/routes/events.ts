import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  EventCreatedSchema,
  EventCreateSchema,
  EventIdParamsSchema,
  EventListQuerySchema,
  EventListResponseSchema,
  EventPatchSchema,
  EventSchema,
} from '@pufa/domain';
import { notFound } from '../http-errors.ts';
import { ACCESS } from '../plugins/auth.ts';

const EVENT = { zh: '活动', en: 'Event' };
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/events',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'List events matching a filter, with the totals of all matching events',
        description: 'from/to filter on the start date (the month an event counts in). Totals follow docs/counting-rules.md.',
        querystring: EventListQuerySchema,
        response: { 200: EventListResponseSchema, 400: ApiErrorSchema },
      },
    },
    (request) => app.events.list(request.actor, request.query),
  );

  app.post(
    '/api/events',
    {
      config: { access: ACCESS.editors, idempotent: true },
      schema: {
        operationId: 'createEvent',
        tags: ['events'],
        summary: 'Log an event',
        description:
          'A start date more than a year ahead is refused (400 on startDate). When exactly one plan item of the township has the ' +
          "event's campaign and its planned day within 7 days (or its month), the event is linked to it: linkedPlanItem; undo with " +
          'DELETE /api/plans/{id}/events/{eventId}.',
        body: EventCreateSchema,
        response: { 201: EventCreatedSchema, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const event = await app.events.create(request.actor, request.body);
      // The event is saved whatever happens to the link: a failed link is logged, not the clerk's problem.
      const linkedPlanItem = await app.plans.autoLink(request.actor, event).catch((error: unknown) => {
        request.log.error({ err: error, eventId: event.id }, 'auto-linking the event to its plan item failed');
        return null;
      });
      return reply.code(201).send(linkedPlanItem ? { ...event, linkedPlanItem } : event);
    },
  );

  app.get(
    '/api/events/:id',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getEvent', tags: ['events'], summary: 'One event', params: EventIdParamsSchema, response: { 200: EventSchema, ...errors } } },
    async (request) => (await app.events.get(request.actor, request.params.id)) ?? Promise.reject(notFound(EVENT)),
  );

  app.patch(
    '/api/events/:id',
    {
      config: { access: ACCESS.editors },
      schema: {
        operationId: 'updateEvent',
        tags: ['events'],
        summary: 'Change an event',
        description: 'Send only the fields to change, with the version you read. A stale version answers 409 and changes nothing.',
        params: EventIdParamsSchema,
        body: EventPatchSchema,
        response: { 200: EventSchema, ...errors, 409: ApiErrorSchema },
      },
    },
    async (request) => (await app.events.update(request.actor, request.params.id, request.body)) ?? Promise.reject(notFound(EVENT)),
  );

  app.delete(
    '/api/events/:id',
    {
      config: { access: ACCESS.editors },
      schema: {
        operationId: 'deleteEvent',
        tags: ['events'],
        summary: 'Delete an event',
        description: 'A soft delete: an administrator can restore the event for 30 days.',
        params: EventIdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!(await app.events.delete(request.actor, request.params.id))) throw notFound(EVENT);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/events/deleted',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'listDeletedEvents',
        tags: ['events'],
        summary: 'Events deleted in the last 30 days (restorable)',
        response: { 200: z.array(EventSchema.extend({ deletedAt: z.string(), deletedById: z.number().int().nullable() })) },
      },
    },
    (request) => app.events.listDeleted(request.actor),
  );

  app.post(
    '/api/events/:id/restore',
    {
      config: { access: ACCESS.admins },
      schema: { operationId: 'restoreEvent', tags: ['events'], summary: 'Restore a deleted event (within 30 days)', params: EventIdParamsSchema, response: { 200: EventSchema, ...errors } } },
    async (request) => (await app.events.restore(request.actor, request.params.id)) ?? Promise.reject(notFound(EVENT)),
  );
};
