// One audit row per change, written with the change's own transaction client,
// so a rolled-back change leaves no row and a committed one always has its row.
import type { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from './actor.ts';

export type AuditAction = 'create' | 'update' | 'delete' | 'restore' | 'submit' | 'approve' | 'return';
export type AuditEntity = 'event' | 'user' | 'department' | 'campaign' | 'campaignPeriod' | 'orgUnit' | 'catalogEntry' | 'planItem' | 'importBatch' | 'importProfile' | 'submission' | 'eventFile';

export interface AuditRecord {
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | number;
  townshipId?: number | null;
  before?: unknown;
  after?: unknown;
}

const json = (value: unknown) => (value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue));

export async function writeAudit(tx: Prisma.TransactionClient, actor: Actor, record: AuditRecord): Promise<void> {
  await writeAudits(tx, actor, [record]);
}

/** Several changes of one request (a plan copy) in one statement. */
export async function writeAudits(tx: Prisma.TransactionClient, actor: Actor, records: AuditRecord[]): Promise<void> {
  await tx.auditLog.createMany({
    data: records.map((record) => ({
      userId: actor.userId,
      action: record.action,
      entity: record.entity,
      entityId: String(record.entityId),
      townshipId: record.townshipId ?? null,
      before: json(record.before),
      after: json(record.after),
    })),
  });
}
