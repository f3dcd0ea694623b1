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
