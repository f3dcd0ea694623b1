import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  EventIdParamsSchema as IdParamsSchema,
  PeriodSummaryQuerySchema,
  PeriodSummarySchema,
  queryIdSchema,
  ReportingSettingSchema,
  SubmissionCreateSchema,
  SubmissionDetailSchema,
  SubmissionGridQuerySchema,
  SubmissionGridSchema,
  SubmissionReturnSchema,
  SubmissionSchema,
} from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { notFound } from '../http-errors.ts';

const SUBMISSION = { zh: '上报记录', en: 'Submission' };
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };
const tags = ['submissions'];
/** Reviewers: the route admits admins and leaders; the repository then requires their org unit to be a county. */
const REVIEWERS = ['admin', 'leader'] as const;
const SettingsQuerySchema = z.strictObject({ countyId: queryIdSchema.optional() });
const SettingsSchema = ReportingSettingSchema.extend({ countyId: z.number().int() }).meta({ id: 'ReportingSettingOfCounty' });

export const submissionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/submissions',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getSubmissionGrid',
        tags,
        summary: "A county's townships × the months and the year: each period's status (未上报/已上报/已通过/已退回), due day and lateness",
        description: 'A township user sees its own row only; countyId defaults to the county of the user.',
        querystring: SubmissionGridQuerySchema,
        response: { 200: SubmissionGridSchema, 400: ApiErrorSchema },
      },
    },
    (request) => app.submissions.grid(request.actor, request.query),
  );

  app.get(
    '/api/submissions/summary',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getPeriodSummary', tags, summary: "A township's figures for a period, its gaps (events without villages or materials) and its status", querystring: PeriodSummaryQuerySchema, response: { 200: PeriodSummarySchema, 400: ApiErrorSchema } },
    },
    (request) => app.submissions.summary(request.actor, request.query),
  );

  app.post(
    '/api/submissions',
    {
      config: { access: ACCESS.editors, idempotent: true },
      schema: {
        operationId: 'submitPeriod',
        tags,
        summary: "Submit a township's month or year to the county (again after a return); its events are locked until the county returns it",
        body: SubmissionCreateSchema,
        response: { 201: SubmissionSchema, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.submissions.submit(request.actor, request.body)),
  );

  app.get(
    '/api/submissions/:id',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getSubmission', tags, summary: 'A submission with its history (submitted, approved, returned: who, when, note or reason)', params: IdParamsSchema, response: { 200: SubmissionDetailSchema, ...errors } } },
    async (request) => (await app.submissions.get(request.actor, request.params.id)) ?? Promise.reject(notFound(SUBMISSION)),
  );

  app.post(
    '/api/submissions/:id/approve',
    { config: { access: REVIEWERS }, schema: { operationId: 'approveSubmission', tags, summary: 'Approve a submitted period (county administrator or leader); it stays locked', params: IdParamsSchema, response: { 200: SubmissionSchema, ...errors } } },
    async (request) => (await app.submissions.approve(request.actor, request.params.id)) ?? Promise.reject(notFound(SUBMISSION)),
  );

  app.post(
    '/api/submissions/:id/return',
    {
      config: { access: REVIEWERS },
      schema: { operationId: 'returnSubmission', tags, summary: 'Return a submitted or approved period with a reason (county administrator or leader); it is unlocked for the township', params: IdParamsSchema, body: SubmissionReturnSchema, response: { 200: SubmissionSchema, ...errors } },
    },
    async (request) => (await app.submissions.returnWithReason(request.actor, request.params.id, request.body.reason)) ?? Promise.reject(notFound(SUBMISSION)),
  );

  app.get(
    '/api/reporting-settings',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'getReportingSettings', tags, summary: "The county's due days: a month by day N of the next month, a year by a day of the next year", querystring: SettingsQuerySchema, response: { 200: SettingsSchema, 400: ApiErrorSchema } } },
    (request) => app.submissions.settings(request.actor, request.query.countyId),
  );

  app.put(
    '/api/reporting-settings',
    {
      config: { access: ACCESS.admins },
      schema: { operationId: 'saveReportingSettings', tags, summary: "Set the county's due days (county administrators)", querystring: SettingsQuerySchema, body: ReportingSettingSchema, response: { 200: SettingsSchema, 400: ApiErrorSchema } },
    },
    (request) => app.submissions.saveSettings(request.actor, request.query.countyId, request.body),
  );
};
