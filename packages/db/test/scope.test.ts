// The actor's scope on a real database: a township user reads and writes only
// their own township's events; the system and county-wide actors see all.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventCreate } from '@pufa/domain';
import { SYSTEM_ACTOR, actorOf, createEventRepository, inScope, seedCatalogs, seedCounty, seedTownship, type Actor, type EventRepository } from '../src/index.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();
let events: EventRepository;
let east: number;
let west: number;
const townshipActor = (townshipId: number): Actor => ({ userId: null, role: 'clerk', orgUnitId: townshipId, townshipIds: [townshipId], isTopLevel: false });
const event = (townshipId: number, title: string): EventCreate => ({ startDate: '2026-06-26', title, townshipId });

beforeAll(async () => {
  const db = await freshDatabase();
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'c', name: '县', nameEn: 'County' });
  east = (await seedTownship(db.prisma, { countyId: county.id, code: 'east', name: '东镇', nameEn: 'East', villages: [] })).townshipId;
  west = (await seedTownship(db.prisma, { countyId: county.id, code: 'west', name: '西镇', nameEn: 'West', villages: [] })).townshipId;
  events = createEventRepository(db);
});

describe('scope', () => {
  it('inScope: a township actor has their township only; the system has all; no township is in nobody\'s scope', () => {
    expect(inScope(townshipActor(east), east)).toBe(true);
    expect(inScope(townshipActor(east), west)).toBe(false);
    expect(inScope(SYSTEM_ACTOR, west)).toBe(true);
    expect(inScope(SYSTEM_ACTOR, null)).toBe(false);
    expect(inScope(SYSTEM_ACTOR, undefined)).toBe(false);
  });

  it("a township actor lists, reads and changes only their own township's events", async () => {
    const own = await events.create(SYSTEM_ACTOR, event(east, '东镇活动'));
    const other = await events.create(SYSTEM_ACTOR, event(west, '西镇活动'));
    const actor = townshipActor(east);
    const listed = await events.list(actor, { page: 1, pageSize: 50, sort: 'startDate' });
    expect(listed.items.map((e) => e.title)).toEqual(['东镇活动']);
    expect(listed.totals.activities).toBe(1);
    expect(await events.get(actor, own.id)).not.toBeNull();
    expect(await events.get(actor, other.id)).toBeNull();
    expect(await events.update(actor, other.id, { version: other.version, title: '改' })).toBeNull();
    expect(await events.delete(actor, other.id)).toBe(false);
    await expect(events.create(actor, event(west, '越权'))).rejects.toThrow();
    // The system sees both.
    expect((await events.list(SYSTEM_ACTOR, { page: 1, pageSize: 50, sort: 'startDate' })).total).toBe(2);
  });

  it('actorOf takes the scope from the signed-in user', () => {
    const user = { id: 7, username: 'c', displayName: 'c', role: 'leader' as const, orgUnitId: east, orgUnitName: '东镇', orgUnitNameEn: 'East', townshipIds: [east], isTopLevel: false, orgUnitLevel: 'township' as const };
    expect(actorOf(user as Parameters<typeof actorOf>[0])).toEqual({ userId: 7, role: 'leader', orgUnitId: east, townshipIds: [east], isTopLevel: false });
  });
});
