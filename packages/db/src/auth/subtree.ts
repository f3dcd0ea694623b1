// A unit's subtree at any depth (province > city > county > township > village), read through
// the database's one definition of it (the function pufa_org_subtree, migration org_unit_upper_levels).
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Actor } from './actor.ts';

type Reader = Pick<PrismaClient, '$queryRaw'>;

/** The ids of a unit and everything below it (empty when there is no such unit). */
export async function subtreeIds(prisma: Reader, rootId: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`SELECT id FROM pufa_org_subtree(${rootId}::int)`;
  return rows.map((r) => r.id);
}

/**
 * The org units an actor reaches: their own and everything below it ('all' for the system).
 * Nothing above or beside it: a county's users never reach their city or a neighbouring county.
 */
export async function unitsInScope(prisma: Reader, actor: Actor): Promise<number[] | 'all'> {
  if (actor.townshipIds === 'all') return 'all';
  return actor.orgUnitId === null ? [] : subtreeIds(prisma, actor.orgUnitId);
}

/** Whether `unitId` is the actor's own unit or below it. */
export async function reachesUnit(prisma: Reader, actor: Actor, unitId: number): Promise<boolean> {
  if (actor.townshipIds === 'all') return true;
  if (actor.orgUnitId === null) return false;
  if (actor.orgUnitId === unitId) return true;
  const [row] = await prisma.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pufa_org_subtree(${actor.orgUnitId}::int) WHERE id = ${unitId}) AS found`;
  return row?.found ?? false;
}
