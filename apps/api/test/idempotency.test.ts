// Idempotency-Key on creates (issue 19 item 4, issue 22 item 22): a retry of a
// create whose answer was lost (a 503 after COMMIT, a timeout) gets the first
// answer and creates nothing; the same key with another body is refused; two
// requests with one key at once make one record; a key belongs to one user; the
// key survives a restart of the app (it is in the database, stored with the record).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EventCreated, PlanItem } from '@pufa/domain';
import { buildApp } from '../src/app.ts';
import { useTestApp, type TestUser } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';
import { png } from './evidence-fixtures.ts';

const ctx = useTestApp();

const eventBody = (title: string, extra: Record<string, unknown> = {}) => ({ startDate: '2026-10-12', title, townshipId: ctx.fixture.east.townshipId, audience: 40, ...extra });

const postEvent = (key: string | undefined, body: object, as: TestUser = 'eastClerk') =>
  ctx.inject({ method: 'POST', url: '/api/events', payload: body, headers: key === undefined ? {} : { 'idempotency-key': key }, as });

async function countEvents(title: string) {
  return ctx.db.prisma.event.count({ where: { title } });
}

async function auditRows(entity: string, entityId: number) {
  return ctx.db.prisma.auditLog.count({ where: { entity, entityId: String(entityId) } });
}

describe('POST /api/events with an Idempotency-Key', () => {
  it('a repeat with the same key and body answers the same event and creates nothing', async () => {
    const key = randomUUID();
    const first = await postEvent(key, eventBody('幂等-重复'));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await postEvent(key, eventBody('幂等-重复'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countEvents('幂等-重复')).toBe(1);
    expect(await auditRows('event', first.json<EventCreated>().id)).toBe(1);
    // The month's roll-up counted the event once.
    const stats = await ctx.db.prisma.eventStatsMonthly.findFirst({ where: { townshipId: ctx.fixture.east.townshipId, dimension: 'total', month: new Date('2026-10-01') } });
    expect(stats?.activities).toBe(1);
  });

  it('without a key, two sends are two events (the key is what makes a retry safe)', async () => {
    expect((await postEvent(undefined, eventBody('无key'))).statusCode).toBe(201);
    expect((await postEvent(undefined, eventBody('无key'))).statusCode).toBe(201);
    expect(await countEvents('无key')).toBe(2);
  });

  it('the same key with a different body answers 422 and creates nothing', async () => {
    const key = randomUUID();
    expect((await postEvent(key, eventBody('幂等-原文'))).statusCode).toBe(201);
    const other = await postEvent(key, eventBody('幂等-改过'));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ statusCode: 422, fields: [{ field: 'idempotency-key' }] });
    expect(other.json().message).toMatch(/Idempotency-Key/);
    expect(await countEvents('幂等-改过')).toBe(0);
    // The same key on another operation is another request too.
    const plan = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2026, title: 'x', targetMonth: 3 }, headers: { 'idempotency-key': key }, as: 'eastClerk' });
    expect(plan.statusCode).toBe(422);
  });

  it('keys are per user: the same key from another user is a request of their own', async () => {
    const key = randomUUID();
    const east = await postEvent(key, eventBody('幂等-东'));
    const west = await postEvent(key, { ...eventBody('幂等-西'), townshipId: ctx.fixture.west.townshipId }, 'westClerk');
    expect(east.statusCode).toBe(201);
    expect(west.statusCode).toBe(201);
    expect(west.headers['idempotent-replayed']).toBeUndefined();
    expect(west.json<EventCreated>().id).not.toBe(east.json<EventCreated>().id);
    expect(await countEvents('幂等-西')).toBe(1);
  });

  it('a refused create stores no key: the corrected request with the same key is created', async () => {
    const key = randomUUID();
    const refused = await postEvent(key, eventBody('幂等-错', { villageIds: [ctx.fixture.west.villageIds[0]] }));
    expect(refused.statusCode).toBe(400);
    const corrected = await postEvent(key, eventBody('幂等-错'));
    expect(corrected.statusCode).toBe(201);
    expect(corrected.headers['idempotent-replayed']).toBeUndefined();
    expect(await countEvents('幂等-错')).toBe(1);
  });

  it('eight requests with one key at once create one event, and all answer it', async () => {
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 8 }, () => postEvent(key, eventBody('幂等-并发'))));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.json<EventCreated>().id)).size).toBe(1);
    expect(await countEvents('幂等-并发')).toBe(1);
    expect(await auditRows('event', answers[0]!.json<EventCreated>().id)).toBe(1);
  });

  it('a repeat answers as the first request did, plan link included', async () => {
    const constitution = ctx.fixture.campaign('constitution-day');
    const item = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: ctx.fixture.east.townshipId, year: 2016, title: '宪法日', campaignId: constitution, targetDate: '2016-12-04', targetMonth: 12 }, as: 'eastClerk' });
    expect(item.statusCode).toBe(201);
    const key = randomUUID();
    const body = eventBody('幂等-计划', { startDate: '2016-12-04', campaignId: constitution });
    const first = await postEvent(key, body);
    expect(first.json<EventCreated>().linkedPlanItem?.id).toBe(item.json<PlanItem>().id);
    const again = await postEvent(key, body);
    expect(again.json()).toEqual(first.json());
  });

  it('a restarted app on the same database answers a repeat with the stored answer', async () => {
    const key = randomUUID();
    const first = await postEvent(key, eventBody('幂等-重启'));
    expect(first.statusCode).toBe(201);
    const second = await buildApp({ db: ctx.db, serveWebApp: false, evidence: ctx.app.evidenceSettings });
    try {
      await second.ready();
      const again = await second.inject({ method: 'POST', url: '/api/events', payload: eventBody('幂等-重启'), headers: { 'idempotency-key': key, cookie: ctx.cookies.eastClerk } });
      expect(again.statusCode).toBe(201);
      expect(again.json()).toEqual(first.json());
    } finally {
      await second.close();
    }
    expect(await countEvents('幂等-重启')).toBe(1);
  });

  it('refuses a key that is not 1-128 visible ASCII characters', async () => {
    for (const key of ['', 'a'.repeat(129), 'has space', 'caf\u00e9']) {
      const res = await postEvent(key, eventBody('幂等-坏key'));
      expect(res.statusCode, key).toBe(400);
      expect(res.json().fields[0].field).toBe('idempotency-key');
    }
    expect(await countEvents('幂等-坏key')).toBe(0);
  });
});

describe('the other creates take a key too', () => {
  it('plan items: a repeat answers the same item; at once, one item', async () => {
    const body = { townshipId: ctx.fixture.east.townshipId, year: 2027, title: '幂等计划', targetMonth: 4 };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 4 }, () => ctx.inject({ method: 'POST', url: '/api/plans', payload: body, headers: { 'idempotency-key': key }, as: 'eastClerk' })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json<PlanItem>().id)).size).toBe(1);
    const again = await ctx.inject({ method: 'POST', url: '/api/plans', payload: body, headers: { 'idempotency-key': key }, as: 'eastClerk' });
    expect(again.json()).toEqual(answers[0]!.json());
    expect(await ctx.db.prisma.planItem.count({ where: { title: '幂等计划' } })).toBe(1);
  });

  it('submissions: a repeated submit answers the submission instead of "already submitted"', async () => {
    const key = randomUUID();
    const body = { townshipId: ctx.fixture.east.townshipId, period: '2025-03' };
    const first = await ctx.inject({ method: 'POST', url: '/api/submissions', payload: body, headers: { 'idempotency-key': key }, as: 'eastClerk' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await ctx.inject({ method: 'POST', url: '/api/submissions', payload: body, headers: { 'idempotency-key': key }, as: 'eastClerk' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    // Without the key the repeat is a second submit, refused.
    expect((await ctx.inject({ method: 'POST', url: '/api/submissions', payload: body, as: 'eastClerk' })).statusCode).toBe(409);
    expect(await auditRows('submission', first.json<{ id: number }>().id)).toBe(1);
  });

  it("imports' commit: a repeat answers the same events", async () => {
    const csv = { bytes: Buffer.from('日期,活动主题\n2020-01-02,幂等导入\n', 'utf8'), name: 'x.csv' };
    const uploaded = await ctx.inject({ method: 'POST', url: '/api/imports', as: 'eastClerk', ...(await multipartBody(csv, {})) });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const id = uploaded.json<{ id: number }>().id;
    const key = randomUUID();
    const commit = () => ctx.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: { 'idempotency-key': key }, as: 'eastClerk' });
    const first = await commit();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().created).toBe(1);
    const again = await commit();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countEvents('幂等导入')).toBe(1);
  });

  it('files: a repeated upload answers the same file; another file with the key answers 422', async () => {
    const event = (await postEvent(undefined, eventBody('幂等-文件'))).json<EventCreated>();
    const key = randomUUID();
    const bytes = await png(64, 48);
    const upload = async (file: Buffer) => {
      const body = await multipartBody({ bytes: file, name: 'a.png' }, { caption: '现场' });
      return ctx.inject({ method: 'POST', url: `/api/events/${event.id}/files`, as: 'eastClerk', ...body, headers: { ...body.headers, 'idempotency-key': key } });
    };
    const first = await upload(bytes);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(bytes);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect((await upload(await png(32, 32))).statusCode).toBe(422);
    expect(await ctx.db.prisma.eventFile.count({ where: { eventId: event.id } })).toBe(1);
  });
});

describe('keys are kept 30 days', () => {
  it('purges keys older than 30 days and keeps younger ones', async () => {
    const key = randomUUID();
    expect((await postEvent(key, eventBody('幂等-过期'))).statusCode).toBe(201);
    const userId = ctx.fixture.userIds.eastClerk;
    const day = 86_400_000;
    await ctx.db.prisma.idempotencyKey.update({ where: { userId_key: { userId, key } }, data: { createdAt: new Date(Date.now() - 29 * day) } });
    await ctx.app.idempotencyKeys.purge();
    expect(await ctx.app.idempotencyKeys.find(userId, key)).not.toBeNull();
    await ctx.app.idempotencyKeys.purge(new Date(Date.now() + 2 * day));
    expect(await ctx.app.idempotencyKeys.find(userId, key)).toBeNull();
  });
});
