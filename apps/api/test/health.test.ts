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

  it('has a browsable docs page', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
