// Every change writes exactly one audit row, in the same transaction: a change
// that fails (and rolls back) leaves none.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, Event } from '@pufa/domain';
import { useTestApp } from './helper.ts';

const ctx = useTestApp();

async function auditRows() {
  return ctx.db.prisma.auditLog.findMany({ orderBy: { id: 'asc' } });
}

/** Runs a request and returns the audit rows it added. */
async function added(run: () => Promise<{ statusCode: number }>, status: number) {
  const before = (await auditRows()).length;
  const res = await run();
  expect(res.statusCode).toBe(status);
  return (await auditRows()).slice(before);
}

const newEvent = () => ({ startDate: '2026-05-12', title: '防灾减灾宣传', townshipId: ctx.fixture.east.townshipId, audience: 100 });

describe('the audit trail', () => {
  it('records who created, changed, deleted and restored an event, with before and after', async () => {
    let event!: Event;
    const [created] = await added(async () => {
      const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: newEvent(), as: 'eastClerk' });
      event = res.json();
      return res;
    }, 201);
    expect(created).toMatchObject({ action: 'create', entity: 'event', entityId: String(event.id), userId: ctx.fixture.userIds.eastClerk, townshipId: ctx.fixture.east.townshipId, before: null });
    expect(created!.after).toMatchObject({ title: '防灾减灾宣传', audience: 100 });

    const updates = await added(() => ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 1, audience: 150 }, as: 'eastClerk' }), 200);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ action: 'update', before: { audience: 100, version: 1 }, after: { audience: 150, version: 2 } });

    const deletes = await added(() => ctx.inject({ method: 'DELETE', url: `/api/events/${event.id}`, as: 'eastClerk' }), 204);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]).toMatchObject({ action: 'delete', before: { audience: 150 }, after: null });

    const restores = await added(() => ctx.inject({ method: 'POST', url: `/api/events/${event.id}/restore`, as: 'eastAdmin' }), 200);
    expect(restores).toHaveLength(1);
    expect(restores[0]).toMatchObject({ action: 'restore', userId: ctx.fixture.userIds.eastAdmin });

    const history = (await ctx.inject({ method: 'GET', url: `/api/events/${event.id}/history`, as: 'eastLeader' })).json<AuditEntry[]>();
    expect(history.map((h) => h.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(history[0]!.userName).toBe('eastClerk');
  });

  it('writes nothing for a change that fails', async () => {
    const event = (await ctx.inject({ method: 'POST', url: '/api/events', payload: newEvent() })).json<Event>();
    await added(() => ctx.inject({ method: 'POST', url: '/api/events', payload: { ...newEvent(), villageIds: [ctx.fixture.west.villageIds[0]] } }), 400);
    await added(() => ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 99, title: 'x' } }), 409);
    await added(() => ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: 1, endDate: '2020-01-01' } }), 400);
    await added(() => ctx.inject({ method: 'DELETE', url: `/api/events/${event.id}`, as: 'westClerk' }), 404);
    await added(() => ctx.inject({ method: 'POST', url: '/api/users', payload: { username: 'eastclerk', displayName: 'x', password: 'long enough 1', role: 'clerk', orgUnitId: ctx.fixture.east.townshipId } }), 400);
    expect(await added(async () => ({ statusCode: 200 }), 200)).toEqual([]);
  });

  it('shares the transaction of the change: when the audit row cannot be written, the change is not made either', async () => {
    await ctx.db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$ LANGUAGE plpgsql`);
    await ctx.db.prisma.$executeRawUnsafe('CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()');
    try {
      const events = await ctx.db.prisma.event.count();
      const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: newEvent() });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('audit unavailable'); // no internals leak
      expect(await ctx.db.prisma.event.count()).toBe(events);
    } finally {
      await ctx.db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_audit ON audit_log');
      await ctx.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_audit()');
    }
  });

  it('records users and catalog changes, never a password hash', async () => {
    const user = await added(
      () => ctx.inject({ method: 'POST', url: '/api/users', payload: { username: 'newclerk', displayName: '新录入员', password: 'long enough 1', role: 'clerk', orgUnitId: ctx.fixture.east.townshipId } }),
      201,
    );
    expect(user[0]).toMatchObject({ action: 'create', entity: 'user', after: { username: 'newclerk', role: 'clerk' } });
    const reset = await added(() => ctx.inject({ method: 'PATCH', url: `/api/users/${user[0]!.entityId}`, payload: { password: 'another secret 2' } }), 200);
    expect(reset[0]!.after).toMatchObject({ passwordReset: true });
    expect(JSON.stringify([user, reset])).not.toMatch(/argon2|another secret/);

    const department = await added(() => ctx.inject({ method: 'POST', url: '/api/departments', payload: { townshipId: ctx.fixture.east.townshipId, name: '应急办' } }), 201);
    expect(department[0]).toMatchObject({ action: 'create', entity: 'department', townshipId: ctx.fixture.east.townshipId });
    const rename = await added(() => ctx.inject({ method: 'PATCH', url: `/api/departments/${department[0]!.entityId}`, payload: { name: '应急管理办' } }), 204);
    expect(rename[0]).toMatchObject({ action: 'update', before: { name: '应急办' }, after: { name: '应急管理办' } });

    const campaign = (await ctx.inject({ method: 'POST', url: '/api/campaigns', payload: { townshipId: ctx.fixture.east.townshipId, name: '本所主题' } })).json<{ id: number }>();
    const period = await added(() => ctx.inject({ method: 'PUT', url: `/api/campaigns/${campaign.id}/periods/2026`, payload: { startDate: '2026-04-01', endDate: '2026-04-02' } }), 204);
    expect(period[0]).toMatchObject({ action: 'create', entity: 'campaignPeriod', entityId: `${campaign.id}/2026` });
    const village = await added(() => ctx.inject({ method: 'POST', url: '/api/org-units', payload: { parentId: ctx.fixture.east.townshipId, name: '新村' } }), 201);
    expect(village[0]).toMatchObject({ action: 'create', entity: 'orgUnit', after: { name: '新村', level: 'village' } });
  });

  it('an administrator lists the log with filters; others may not', async () => {
    const page = (await ctx.inject({ method: 'GET', url: '/api/audit?entity=event&action=update' })).json<{ items: AuditEntry[]; total: number }>();
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((a) => a.entity === 'event' && a.action === 'update')).toBe(true);
    expect((await ctx.inject({ method: 'GET', url: '/api/audit', as: 'eastClerk' })).statusCode).toBe(403);
    // A west row exists for the county, so the township administrator's list has something to leave out.
    const west = await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate: '2026-05-02', title: '西镇活动', townshipId: ctx.fixture.west.townshipId }, as: 'westClerk' });
    expect(west.statusCode, west.body).toBe(201);
    const all = (await ctx.inject({ method: 'GET', url: '/api/audit?pageSize=200' })).json<{ items: AuditEntry[] }>();
    expect(all.items.some((a) => a.townshipId === ctx.fixture.west.townshipId)).toBe(true);
    const eastOnly = (await ctx.inject({ method: 'GET', url: '/api/audit?pageSize=200', as: 'eastAdmin' })).json<{ items: AuditEntry[] }>();
    expect(eastOnly.items.length).toBeGreaterThan(0);
    expect(eastOnly.items.filter((a) => a.townshipId !== ctx.fixture.east.townshipId)).toEqual([]);
  });
});
