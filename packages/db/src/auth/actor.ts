// Who is acting, and what they may reach: their org unit and everything below.
import type { Role, SessionUser } from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

export interface Actor {
  /** null for the system itself (seeds, command-line tools). */
  userId: number | null;
  role: Role;
  /** The user's org unit; null for the system. */
  orgUnitId: number | null;
  /** Townships in scope; 'all' for the system. */
  townshipIds: readonly number[] | 'all';
  /** An org unit at the top of the tree: may edit what all townships share (the built-in calendar). */
  isTopLevel: boolean;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'admin', orgUnitId: null, townshipIds: 'all', isTopLevel: true };

export const actorOf = (user: SessionUser): Actor => ({
  userId: user.id,
  role: user.role,
  orgUnitId: user.orgUnitId,
  townshipIds: user.townshipIds,
  isTopLevel: user.isTopLevel,
});

export function inScope(actor: Actor, townshipId: number | null | undefined): boolean {
  if (townshipId === null || townshipId === undefined) return false;
  return actor.townshipIds === 'all' || actor.townshipIds.includes(townshipId);
}

/** A where-clause piece limiting rows to the actor's townships. */
export function townshipFilter(actor: Actor): { in: number[] } | undefined {
  return actor.townshipIds === 'all' ? undefined : { in: [...actor.townshipIds] };
}

type Db = PrismaClient | Prisma.TransactionClient;

/** The townships at or below an org unit (a village belongs to its township's scope). */
export async function townshipsUnder(db: Db, orgUnitId: number): Promise<number[]> {
  const unit = await db.orgUnit.findUnique({ where: { id: orgUnitId }, select: { id: true, level: true, parentId: true } });
  if (!unit) return [];
  if (unit.level === 'township') return [unit.id];
  if (unit.level === 'village') return unit.parentId ? [unit.parentId] : [];
  const townships = await db.orgUnit.findMany({ where: { parentId: unit.id, level: 'township' }, select: { id: true } });
  return townships.map((t) => t.id);
}
