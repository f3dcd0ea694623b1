import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  CalendarQuerySchema,
  CalendarSchema,
  EventIdParamsSchema as IdParamsSchema,
  PlanCheckSchema,
  PlanCopySchema,
  PlanItemCreateSchema,
  PlanItemPatchSchema,
  PlanItemSchema,
  PlanLinkSchema,
  PlanQuerySchema,
  queryIdSchema,
} from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { notFound } from '../http-errors.ts';

const PLAN_ITEM = { zh: '计划事项', en: 'Plan item' };
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };
const tags = ['plans'];

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/plans',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'listPlanItems', tags, summary: "A township's plan for a year, each item with its status", querystring: PlanQuerySchema, response: { 200: z.array(PlanItemSchema), 400: ApiErrorSchema } } },
    (request) => app.plans.list(request.actor, request.query),
  );

  app.post(
    '/api/plans',
    { config: { access: ACCESS.editors, idempotent: true }, schema: { operationId: 'createPlanItem', tags, summary: 'Add a plan item', body: PlanItemCreateSchema, response: { 201: PlanItemSchema, 400: ApiErrorSchema } } },
    async (request, reply) => reply.code(201).send(await app.plans.create(request.actor, request.body)),
  );

  app.post(
    '/api/plans/copy',
    {
      config: { access: ACCESS.editors },
      schema: {
        operationId: 'copyPlan',
        tags,
        summary: "Copy a year's plan into another year",
        description: 'Days tied to a moving campaign keep their place in its period; other days keep month and day; month-only items keep the month.',
        body: PlanCopySchema,
        response: { 201: z.array(PlanItemSchema), 400: ApiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.plans.copy(request.actor, request.body)),
  );

  app.get(
    '/api/plans/check',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getPlanCheck', tags, summary: 'The year-end check (年终检查)', querystring: PlanQuerySchema, response: { 200: PlanCheckSchema, 400: ApiErrorSchema } } },
    (request) => app.plans.check(request.actor, request.query),
  );

  app.get(
    '/api/plans/suggestions',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'listPlanSuggestions', tags, summary: 'Plan items an event may fulfil, best first', querystring: z.strictObject({ eventId: queryIdSchema }), response: { 200: z.array(PlanItemSchema), ...errors } },
    },
    async (request) => (await app.plans.suggestionsForEvent(request.actor, request.query.eventId)) ?? Promise.reject(notFound({ zh: '活动', en: 'Event' })),
  );

  app.patch(
    '/api/plans/:id',
    { config: { access: ACCESS.editors }, schema: { operationId: 'updatePlanItem', tags, summary: 'Change a plan item', params: IdParamsSchema, body: PlanItemPatchSchema, response: { 200: PlanItemSchema, ...errors } } },
    async (request) => (await app.plans.update(request.actor, request.params.id, request.body)) ?? Promise.reject(notFound(PLAN_ITEM)),
  );

  app.delete(
    '/api/plans/:id',
    { config: { access: ACCESS.editors }, schema: { operationId: 'deletePlanItem', tags, summary: 'Delete a plan item', params: IdParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      if (!(await app.plans.delete(request.actor, request.params.id))) throw notFound(PLAN_ITEM);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/plans/:id/events',
    {
      config: { access: ACCESS.editors },
      schema: { operationId: 'linkPlanItemEvent', tags, summary: 'Confirm that an event (partly) fulfils a plan item', params: IdParamsSchema, body: PlanLinkSchema, response: { 200: PlanItemSchema, ...errors } },
    },
    async (request) => (await app.plans.link(request.actor, request.params.id, request.body.eventId)) ?? Promise.reject(notFound(PLAN_ITEM)),
  );

  app.delete(
    '/api/plans/:id/events/:eventId',
    {
      config: { access: ACCESS.editors },
      schema: {
        operationId: 'unlinkPlanItemEvent',
        tags,
        summary: 'Undo a link between a plan item and an event',
        params: z.strictObject({ id: queryIdSchema, eventId: queryIdSchema }),
        response: { 200: PlanItemSchema, ...errors },
      },
    },
    async (request) => (await app.plans.unlink(request.actor, request.params.id, request.params.eventId)) ?? Promise.reject(notFound(PLAN_ITEM)),
  );

  app.get(
    '/api/calendar',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getCalendar', tags, summary: 'Named days, plan items and events between two dates (at most a year)', querystring: CalendarQuerySchema, response: { 200: CalendarSchema, 400: ApiErrorSchema } },
    },
    (request) => app.plans.calendar(request.actor, request.query),
  );
};
