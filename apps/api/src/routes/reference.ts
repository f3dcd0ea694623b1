import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ReferenceSchema } from '@pufa/domain';

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reference',
    {
      schema: {
        tags: ['reference'],
        summary: 'All catalogs and the org-unit tree',
        description: 'Org units (county > township > village), departments, campaigns with their yearly periods, material types, target groups, forms, laws and 六进 categories.',
        response: { 200: ReferenceSchema },
      },
    },
    () => app.reference.get(),
  );
};
