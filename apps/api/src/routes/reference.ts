import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ReferenceSchema } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';

export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reference',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        operationId: 'getReference',
        tags: ['reference'],
        summary: 'All catalogs and the org-unit tree (within the user’s scope)',
        description: 'Org units (county > township > village), departments, campaigns with their yearly periods, material types, target groups, forms, laws and 六进 categories.',
        response: { 200: ReferenceSchema },
      },
    },
    (request) => app.reference.get(request.actor),
  );
};
