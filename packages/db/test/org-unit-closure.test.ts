// The closure table behind pufa_org_subtree and pufa_org_ancestors (migration org_unit_closure)
// is kept by triggers on org_unit. After every random change to a tree (units added at any
// level, moved under another parent with their whole subtree, a level changed, leaves deleted)
// it must equal what the parent links say, walked here independently with a recursive query
// over org_unit itself, and the two functions must answer from it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/index.ts';
import { useFreshDatabases } from './fresh-database.ts';

const freshDatabase = useFreshDatabases();
let db: Database;

beforeAll(async () => {
  db = await freshDatabase();
});

type Pair = { ancestor_id: number; descendant_id: number; depth: number; level: string };
const sortPairs = (rows: Pair[]) =>
  rows.map((r) => ({ ...r, ancestor_id: Number(r.ancestor_id), descendant_id: Number(r.descendant_id), depth: Number(r.depth) })).sort((a, b) => a.ancestor_id - b.ancestor_id || a.descendant_id - b.descendant_id);

/** The closure as the parent links define it, without the table or the functions. */
const walked = async () =>
  sortPairs(
    await db.prisma.$queryRawUnsafe<Pair[]>(`
      WITH RECURSIVE up AS (
        SELECT o.id AS descendant_id, o.id AS ancestor_id, 0 AS depth, o.level::text AS level FROM org_unit o
        UNION ALL
        SELECT up.descendant_id, p.parent_id, up.depth + 1, up.level FROM up JOIN org_unit p ON p.id = up.ancestor_id WHERE p.parent_id IS NOT NULL
      ) SELECT ancestor_id, descendant_id, depth, level FROM up`),
  );
const stored = async () => sortPairs(await db.prisma.$queryRawUnsafe<Pair[]>(`SELECT ancestor_id, descendant_id, depth, level::text AS level FROM org_unit_closure`));

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;

describe('org_unit_closure', () => {
  it('equals the parent links after random inserts, moves with whole subtrees, level changes and deletes, and the functions read it', async () => {
    const next = random(20261208);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    let serial = 0;
    const units = async () => db.prisma.$queryRawUnsafe<{ id: number; level: string; parent_id: number | null }[]>(`SELECT id, level::text AS level, parent_id FROM org_unit`);
    const add = async (level: string, parentId: number | null) => {
      serial += 1;
      const [row] = await db.prisma.$queryRawUnsafe<{ id: number }[]>(
        `INSERT INTO org_unit (code, name, name_en, level, parent_id) VALUES ($1, $2, $2, $3::"OrgUnitLevel", $4) RETURNING id`,
        `closure-${serial}`, `单位${serial}`, level, parentId);
      return row!.id;
    };
    // A starting tree: two provinces, cities, counties, townships, villages.
    for (let i = 0; i < 2; i += 1) await add('province', null);
    for (let depth = 1; depth < LEVELS.length; depth += 1) {
      const parents = (await units()).filter((u) => u.level === LEVELS[depth - 1]);
      for (let i = 0; i < parents.length * 2; i += 1) await add(LEVELS[depth]!, pick(parents).id);
    }
    expect(await stored()).toEqual(await walked());

    for (let step = 0; step < 60; step += 1) {
      const all = await units();
      const op = next();
      if (op < 0.35) {
        // A new unit under a random unit one level up (or a new top unit).
        const level = pick(LEVELS);
        const parents = all.filter((u) => LEVELS.indexOf(u.level as (typeof LEVELS)[number]) === LEVELS.indexOf(level) - 1);
        await add(level, parents.length ? pick(parents).id : null);
      } else if (op < 0.75) {
        // A unit (with everything below it) moved under another unit of its parent's level, or to the top.
        const movable = all.filter((u) => u.level !== 'province');
        const unit = pick(movable);
        const parentLevel = LEVELS[LEVELS.indexOf(unit.level as (typeof LEVELS)[number]) - 1];
        const targets = all.filter((u) => u.level === parentLevel && u.id !== unit.parent_id);
        const parent = next() < 0.1 || !targets.length ? null : pick(targets).id;
        await db.prisma.$executeRawUnsafe(`UPDATE org_unit SET parent_id = $1 WHERE id = $2`, parent, unit.id);
      } else if (op < 0.85) {
        // A 乡镇 renamed a 街道 stays a township; a level changed on a leaf (a village made a township).
        const leaves = all.filter((u) => u.level === 'village');
        if (leaves.length) await db.prisma.$executeRawUnsafe(`UPDATE org_unit SET level = 'township' WHERE id = $1`, pick(leaves).id);
      } else {
        // A unit with nothing below it deleted.
        const leaves = all.filter((u) => !all.some((c) => c.parent_id === u.id));
        if (leaves.length) await db.prisma.$executeRawUnsafe(`DELETE FROM org_unit WHERE id = $1`, pick(leaves).id);
      }
      expect(await stored(), `after step ${step}`).toEqual(await walked());
    }

    // The two functions answer from it: a subtree and an ancestor chain, nearest first.
    const all = await units();
    const deep = all.find((u) => u.level === 'village' && u.parent_id !== null) ?? all.find((u) => u.parent_id !== null)!;
    const chain: number[] = [];
    for (let at = all.find((u) => u.id === deep.id)!.parent_id; at !== null; at = all.find((u) => u.id === at)!.parent_id) chain.push(at);
    const ancestors = await db.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM pufa_org_ancestors($1::int)`, deep.id);
    expect(ancestors.map((r) => Number(r.id))).toEqual(chain);
    const top = chain.at(-1)!;
    const subtree = await db.prisma.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM pufa_org_subtree($1::int)`, top);
    const expected = (await walked()).filter((p) => p.ancestor_id === top).map((p) => p.descendant_id);
    expect(subtree.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
