import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  CatalogEntryAdminSchema,
  CatalogEntryCreateSchema,
  CatalogEntryPatchSchema,
  SharedCatalogEntryParamsSchema,
  SharedCatalogParamsSchema,
} from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { notFound } from '../http-errors.ts';

const description = 'catalog: materialTypes, targetGroups, forms, laws or sixInto. Shared by every township: only a county-level administrator edits them.';

export const sharedCatalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/catalogs/:catalog',
    {
      config: { access: ACCESS.admins },
      schema: { operationId: 'listCatalogEntries', tags: ['reference'], summary: 'A shared catalog with its inactive entries', description, params: SharedCatalogParamsSchema, response: { 200: z.array(CatalogEntryAdminSchema) } },
    },
    (request) => app.sharedCatalogs.list(request.params.catalog),
  );

  app.post(
    '/api/catalogs/:catalog',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'createCatalogEntry',
        tags: ['reference'],
        summary: 'Add an entry to a shared catalog',
        description,
        params: SharedCatalogParamsSchema,
        body: CatalogEntryCreateSchema,
        response: { 201: CatalogEntryAdminSchema, 400: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await app.sharedCatalogs.create(request.actor, request.params.catalog, request.body)),
  );

  app.patch(
    '/api/catalogs/:catalog/:id',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'updateCatalogEntry',
        tags: ['reference'],
        summary: 'Rename an entry, change a material type’s unit or leaflet counting, switch an entry off',
        description,
        params: SharedCatalogEntryParamsSchema,
        body: CatalogEntryPatchSchema,
        response: { 200: CatalogEntryAdminSchema, 400: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) =>
      (await app.sharedCatalogs.update(request.actor, request.params.catalog, request.params.id, request.body)) ??
      Promise.reject(notFound({ zh: '目录条目', en: 'Catalog entry' })),
  );
};
