// The create runs outside Prisma (a named statement through the driver). On
// PGlite's single connection it must still wait for a transaction someone else
// has open, and never run inside it: a create that slipped into a transaction
// that then rolls back would be silently lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, createEventRepository, seedDemo, type Database } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';

let db: Database;
let drop: () => Promise<void>;
let townshipId: number;
beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await db.migrate();
  ({ townshipId } = await seedDemo(db, { today: '2026-11-26' }));
});
afterAll(() => drop());

describe('named statements', () => {
  it('a create made while another transaction is open survives that transaction rolling back', async () => {
    const events = createEventRepository(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const rolledBack = db.prisma
      .$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE org_unit SET name = name WHERE id = ${townshipId}`;
        inside();
        await held;
        throw new Error('roll back');
      })
      .catch((error: Error) => error.message);
    await opened;
    const created = events.create(SYSTEM_ACTOR, { townshipId, startDate: '2026-11-20', title: '并发写入检查', audience: 12 });
    // Give the create every chance to slip in before the transaction ends.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    expect(await rolledBack).toBe('roll back');
    const event = await created;
    expect(await db.prisma.event.findUnique({ where: { id: event.id }, select: { title: true, audience: true } })).toEqual({ title: '并发写入检查', audience: 12 });
  });

  it('runs the same statement again and again (prepared once) with the right results each time', async () => {
    const events = createEventRepository(db);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await events.create(SYSTEM_ACTOR, { townshipId, startDate: `2026-10-0${i + 1}`, title: `第${i}次`, audience: i }));
    expect(new Set(made.map((e) => e.id)).size).toBe(5);
    const stored = await db.prisma.event.findMany({ where: { id: { in: made.map((e) => e.id) } }, orderBy: { id: 'asc' }, select: { title: true, audience: true } });
    expect(stored).toEqual(made.map((e) => ({ title: e.title, audience: e.audience })));
  });
});
