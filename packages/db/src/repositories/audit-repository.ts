// Reading the audit trail, scoped like the records it describes.
import type { AuditEntry, AuditQuery } from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { townshipFilter, type Actor } from '../auth/actor.ts';

type AuditRow = Prisma.AuditLogGetPayload<object>;

export function createAuditRepository(prisma: PrismaClient) {
  async function withUserNames(rows: AuditRow[]): Promise<AuditEntry[]> {
    const ids = [...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null))];
    const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      userId: r.userId,
      userName: r.userId === null ? null : (names.get(r.userId) ?? null),
      action: r.action as AuditEntry['action'],
      entity: r.entity as AuditEntry['entity'],
      entityId: r.entityId,
      townshipId: r.townshipId,
      before: r.before ?? null,
      after: r.after ?? null,
    }));
  }

  /** Rows an actor may read: their townships'; the top of the tree also sees rows of no township (users, the shared calendar). */
  function scopeWhere(actor: Actor): Prisma.AuditLogWhereInput {
    const scope = townshipFilter(actor);
    if (!scope) return {};
    return actor.isTopLevel ? { OR: [{ townshipId: scope }, { townshipId: null }] } : { townshipId: scope };
  }

  return {
    async list(actor: Actor, query: AuditQuery) {
      const where: Prisma.AuditLogWhereInput = {
        AND: [
          scopeWhere(actor),
          {
            entity: query.entity,
            entityId: query.entityId,
            userId: query.userId,
            action: query.action,
          },
        ],
      };
      const [rows, total] = await Promise.all([
        prisma.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
        prisma.auditLog.count({ where }),
      ]);
      return { items: await withUserNames(rows), total };
    },

    /** An event's history, oldest first; null when the actor may not see the event. Admins also see deleted events' history. */
    async eventHistory(actor: Actor, eventId: number): Promise<AuditEntry[] | null> {
      const event = await prisma.event.findFirst({
        where: { id: eventId, townshipId: townshipFilter(actor), ...(actor.role === 'admin' ? {} : { deletedAt: null }) },
        select: { id: true },
      });
      if (!event) return null;
      const rows = await prisma.auditLog.findMany({ where: { entity: 'event', entityId: String(eventId) }, orderBy: { id: 'asc' } });
      return withUserNames(rows);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
