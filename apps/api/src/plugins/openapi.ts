// The OpenAPI document, generated from the same zod schemas that validate
// requests, at /api/openapi.json, and a browsable page at /api/docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';
import { finishDocument } from '../openapi-document.ts';

export const openapiPlugin = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pufa Tracker API (普法宣传台账)',
        description:
          'Legal-publicity events of township judicial offices. Dates are YYYY-MM-DD calendar days (China Standard Time). ' +
          'Every error answers { statusCode, error, message (Chinese), messageEn, fields? }.',
        version: '1.0.0',
        license: { name: 'Proprietary: all rights reserved' },
      },
      tags: [
        { name: 'events', description: '宣传活动台账 (the event ledger)' },
        { name: 'reference', description: 'Catalogs and the org-unit tree' },
        { name: 'plans', description: '年度普法计划, the calendar and the year-end check' },
        { name: 'imports', description: '导入台账: importing the ledgers offices keep in Excel, WPS and CSV' },
        { name: 'auth', description: 'Sign-in: a session cookie (httpOnly, SameSite=Lax)' },
        { name: 'users', description: 'Accounts (administrators)' },
        { name: 'audit', description: 'Who changed what, when' },
        { name: 'stats', description: 'Live totals and breakdowns (docs/counting-rules.md)' },
        { name: 'exports', description: 'The annual workbook, the ledger CSV and the report' },
        { name: 'system', description: 'Health' },
      ],
    },
    transform: jsonSchemaTransform,
    // Runs when the document is asked for, after every route is registered.
    transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as OpenAPIV3.Document, app.routeTable) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'signedIn' }, schema: { hide: true } }, async () => app.swagger());
});
