// Who is acting, and what they may reach: their org unit and everything below.
import type { Role, SessionUser } from '@pufa/domain';

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

