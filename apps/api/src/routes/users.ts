import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiErrorSchema, EventIdParamsSchema as IdParamsSchema, UserCreateSchema, UserPatchSchema, UserSchema } from '@pufa/domain';
import { ACCESS } from '../plugins/auth.ts';
import { HttpError, notFound } from '../http-errors.ts';

const USER = { zh: '用户', en: 'User' };

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/users',
    { config: { access: ACCESS.admins }, schema: { operationId: 'listUsers', tags: ['users'], summary: 'Users in the administrator’s scope', response: { 200: z.array(UserSchema) } } },
    (request) => app.users.list(request.actor),
  );

  app.post(
    '/api/users',
    {
      config: { access: ACCESS.admins },
      schema: { operationId: 'createUser', tags: ['users'], summary: 'Create a user', body: UserCreateSchema, response: { 201: UserSchema, 400: ApiErrorSchema } },
    },
    async (request, reply) => reply.code(201).send(await app.users.create(request.actor, request.body)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: ACCESS.admins },
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary: 'Change a user: name, role, org unit, disable, reset password',
        description: 'Disabling, resetting the password, or changing role or org unit ends the user’s sessions.',
        params: IdParamsSchema,
        body: UserPatchSchema,
        response: { 200: UserSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      if (request.params.id === request.user!.id && (request.body.isActive === false || (request.body.role && request.body.role !== 'admin'))) {
        throw new HttpError(400, { zh: '不能停用自己或取消自己的管理员角色', en: 'You cannot disable yourself or remove your own admin role' });
      }
      return (await app.users.update(request.actor, request.params.id, request.body)) ?? Promise.reject(notFound(USER));
    },
  );
};
