import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  CampaignCreateSchema,
  CampaignPeriodInputSchema,
  CampaignPeriodParamsSchema,
  DepartmentCreateSchema,
  DepartmentPatchSchema,
  EventIdParamsSchema as IdParamsSchema,
  OrgUnitCreateSchema,
} from '@pufa/domain';
import { notFound } from '../http-errors.ts';
import { ACCESS } from '../plugins/auth.ts';

const Created = z.object({ id: z.number().int() });
const errors = { 400: ApiErrorSchema, 404: ApiErrorSchema };
const CAMPAIGN_PERIOD = { zh: '该年份的宣传节点日期', en: "The campaign's dates for that year" };

export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/campaigns',
    { config: { access: ACCESS.admins }, schema: { operationId: 'createCampaign', tags: ['reference'], summary: "Add an office's own campaign or theme", body: CampaignCreateSchema, response: { 201: Created, 400: ApiErrorSchema } } },
    async (request, reply) => reply.code(201).send(await app.catalogs.createCampaign(request.actor, request.body)),
  );

  app.put(
    '/api/campaigns/:id/periods/:year',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'setCampaignPeriod',
        tags: ['reference'],
        summary: "Set a campaign's dates for one year",
        description:
          'For periods that move from year to year, e.g. 宪法宣传周 (2022: 12-04 to 12-10; 2025: 12-01 to 12-07). Built-in campaigns are shared: only an administrator at the top of the org-unit tree sets their dates.',
        params: CampaignPeriodParamsSchema,
        body: CampaignPeriodInputSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, year } = request.params;
      if (!(await app.catalogs.setCampaignPeriod(request.actor, id, year, request.body))) throw notFound({ zh: '宣传节点', en: 'Campaign' });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/campaigns/:id/periods/:year',
    { config: { access: ACCESS.admins }, schema: { operationId: 'deleteCampaignPeriod', tags: ['reference'], summary: "Forget a year's dates: the yearly rule applies again", params: CampaignPeriodParamsSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      if (!(await app.catalogs.clearCampaignPeriod(request.actor, request.params.id, request.params.year))) throw notFound(CAMPAIGN_PERIOD);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/org-units',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'createOrgUnit',
        tags: ['reference'],
        summary: 'Add a township under a county, or a village under a township',
        body: OrgUnitCreateSchema,
        response: { 201: Created, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.catalogs.createOrgUnit(request.actor, request.body)),
  );

  app.post(
    '/api/departments',
    { config: { access: ACCESS.admins }, schema: { operationId: 'createDepartment', tags: ['reference'], summary: 'Add a department to a township', body: DepartmentCreateSchema, response: { 201: Created, 400: ApiErrorSchema } } },
    async (request, reply) => reply.code(201).send(await app.catalogs.createDepartment(request.actor, request.body)),
  );

  app.patch(
    '/api/departments/:id',
    { config: { access: ACCESS.admins }, schema: { operationId: 'updateDepartment', tags: ['reference'], summary: 'Rename or (de)activate a department', params: IdParamsSchema, body: DepartmentPatchSchema, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      if (!(await app.catalogs.updateDepartment(request.actor, request.params.id, request.body))) throw notFound({ zh: '参与单位', en: 'Department' });
      return reply.code(204).send(null);
    },
  );
};
