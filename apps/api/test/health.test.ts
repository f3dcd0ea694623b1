import { describe, expect, it } from 'vitest';
import { testDatabaseKind, useTestApp } from './helper.ts';

const ctx = useTestApp();

describe('GET /api/health', () => {
  it('answers ok and names the database it runs on', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: testDatabaseKind() });
  });
});

describe('unknown routes', () => {
  it('answer 404 with a bilingual JSON error', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ statusCode: 404, message: expect.stringContaining('没有这个接口'), messageEn: expect.stringContaining('No such endpoint') });
  });
});

describe('GET /api/openapi.json', () => {
  it('documents the event routes with the schemas that validate them', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/events', '/api/events/{id}', '/api/reference', '/api/health']));
    const body = doc.paths['/api/events'].post.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(schema.required).toEqual(expect.arrayContaining(['startDate', 'title', 'townshipId']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.title.maxLength).toBe(200);
  });

  it('names the session cookie on exactly the operations that answer 401 without it', async () => {
    const doc = (await ctx.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pufa_session' });
    expect(doc.security).toEqual([{ session: [] }]);
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { operationId: string; security?: unknown[]; responses: Record<string, unknown> }>).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(40);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
    for (const { path, method, op } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      // Anonymous, same-site: what the document says must be what the code does.
      const res = await ctx.app.inject({ method: method.toUpperCase() as 'GET', url, payload: method === 'get' ? undefined : {} });
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      expect({ path, method, status: res.statusCode === 401 }).toEqual({ path, method, status: !isPublic });
      expect(Object.keys(op.responses)).toContain(isPublic ? '503' : '401');
    }
  });

  it('has a browsable docs page', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
