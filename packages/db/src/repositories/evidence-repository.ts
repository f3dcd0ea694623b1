// Evidence files of events (佐证材料): the rows. The bytes are the API's
// (apps/api/src/evidence/file-store.ts); a row is created only after its files
// are on disk, so a row never lacks its file. Scope follows the event: a file
// of an event the actor may not see, or of a deleted event, does not exist.
import { dateToIso, localCalendarDay, type EventEvidenceSummary, type EventFile, type EventFilePatch } from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { townshipFilter, type Actor } from '../auth/actor.ts';
import { storeIdempotencyKey } from '../idempotency.ts';
import { writeAudit } from '../auth/audit.ts';
import { RESTORE_WINDOW_DAYS } from './event-repository.ts';
import { evidenceSummaries } from './evidence-summaries.ts';

type FileRow = Prisma.EventFileGetPayload<object>;

export function toEventFileJson(row: FileRow): EventFile {
  return {
    id: row.id,
    eventId: row.eventId,
    originalName: row.originalName,
    contentType: row.contentType,
    kind: row.kind === 'image' ? 'image' : 'document',
    bytes: row.bytes,
    sha256: row.sha256,
    width: row.width,
    height: row.height,
    takenAt: row.takenAt?.toISOString() ?? null,
    takenOn: row.takenAt ? localCalendarDay(row.takenAt) : null,
    hasGps: row.hasGps,
    dateMismatch: row.dateMismatch,
    caption: row.caption,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** What the upload stored on disk and read from the bytes. */
export interface NewEventFile {
  storageKey: string;
  originalName: string;
  contentType: string;
  kind: 'image' | 'document';
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  takenAt: Date | null;
  hasGps: boolean;
  dateMismatch: boolean;
  caption: string;
}

export interface EvidenceLimits {
  eventBytes: number;
  filesPerEvent: number;
}

/** The event is full: its files would pass the per-event limit. */
export class EvidenceLimitError extends Error {
  constructor() {
    super('event evidence limit reached');
    this.name = 'EvidenceLimitError';
  }
}

const visibleEvent = (actor: Actor): Prisma.EventWhereInput => ({ deletedAt: null, townshipId: townshipFilter(actor) });
const restoreCutoff = (now: Date) => new Date(now.getTime() - RESTORE_WINDOW_DAYS * 86_400_000);

export function createEvidenceRepository(prisma: PrismaClient) {
  async function findLive(db: Prisma.TransactionClient | PrismaClient, actor: Actor, id: number) {
    return db.eventFile.findFirst({ where: { id, deletedAt: null, event: visibleEvent(actor) } });
  }

  return {
    /** The event's dates when the actor may see it (uploads check photos against them); null → 404. */
    async eventForUpload(actor: Actor, eventId: number) {
      const event = await prisma.event.findFirst({ where: { id: eventId, ...visibleEvent(actor) }, select: { id: true, townshipId: true, startDate: true, endDate: true } });
      return event && { ...event, startDate: dateToIso(event.startDate), endDate: event.endDate ? dateToIso(event.endDate) : null };
    },

    /** null when the event is not visible. */
    async list(actor: Actor, eventId: number, { includeDeleted = false, now = new Date() } = {}): Promise<EventFile[] | null> {
      const event = await prisma.event.findFirst({ where: { id: eventId, ...visibleEvent(actor) }, select: { id: true } });
      if (!event) return null;
      const rows = await prisma.eventFile.findMany({
        where: { eventId, ...(includeDeleted ? { OR: [{ deletedAt: null }, { deletedAt: { gt: restoreCutoff(now) } }] } : { deletedAt: null }) },
        orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toEventFileJson);
    },

    /**
     * Adds the row, last in the event's order. The event's row is locked, so two
     * uploads to one event take turns at the limit check. Throws
     * EvidenceLimitError when the event is full; null when the event is gone.
     */
    async create(actor: Actor, eventId: number, file: NewEventFile, limits: EvidenceLimits): Promise<EventFile | null> {
      return prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<{ id: number; township_id: number }[]>`
          SELECT id, township_id FROM event WHERE id = ${eventId} AND deleted_at IS NULL FOR UPDATE`;
        const event = locked[0];
        if (!event || !(await tx.event.findFirst({ where: { id: eventId, ...visibleEvent(actor) }, select: { id: true } }))) return null;
        const used = await tx.eventFile.aggregate({ where: { eventId, deletedAt: null }, _sum: { bytes: true }, _count: { _all: true }, _max: { sortOrder: true } });
        if (used._count._all + 1 > limits.filesPerEvent || (used._sum.bytes ?? 0) + file.bytes > limits.eventBytes) throw new EvidenceLimitError();
        const row = await tx.eventFile.create({ data: { ...file, eventId, sortOrder: (used._max.sortOrder ?? -1) + 1, createdById: actor.userId } });
        const json = toEventFileJson(row);
        await writeAudit(tx, actor, { action: 'create', entity: 'eventFile', entityId: row.id, townshipId: event.township_id, after: json });
        await storeIdempotencyKey(tx, json);
        return json;
      });
    },

    /** The live file with its storage key, or null (404). */
    async get(actor: Actor, id: number) {
      const row = await findLive(prisma, actor, id);
      return row && { file: toEventFileJson(row), storageKey: row.storageKey };
    },

    /** Caption and/or place in the event's order; null when the file is not visible. */
    async patch(actor: Actor, id: number, patch: EventFilePatch): Promise<EventFile | null> {
      return prisma.$transaction(async (tx) => {
        const before = await findLive(tx, actor, id);
        if (!before) return null;
        await tx.$queryRaw`SELECT id FROM event WHERE id = ${before.eventId} FOR UPDATE`;
        if (patch.caption !== undefined) await tx.eventFile.update({ where: { id }, data: { caption: patch.caption } });
        if (patch.position !== undefined) {
          // Renumber the event's live files 0..n-1 with this one moved to its new place.
          const siblings = await tx.eventFile.findMany({ where: { eventId: before.eventId, deletedAt: null }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true } });
          const order = siblings.map((s) => s.id).filter((other) => other !== id);
          order.splice(Math.min(patch.position, order.length), 0, id);
          await tx.$executeRaw`UPDATE event_file f SET sort_order = o.n - 1 FROM unnest(${order}::int[]) WITH ORDINALITY AS o(id, n) WHERE f.id = o.id`;
        }
        const after = toEventFileJson(await tx.eventFile.findUniqueOrThrow({ where: { id } }));
        const event = await tx.event.findUniqueOrThrow({ where: { id: before.eventId }, select: { townshipId: true } });
        await writeAudit(tx, actor, { action: 'update', entity: 'eventFile', entityId: id, townshipId: event.townshipId, before: toEventFileJson(before), after });
        return after;
      });
    },

    /** Soft delete (the bytes stay, for a restore); false when not visible. */
    async delete(actor: Actor, id: number, now = new Date()): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.eventFile.updateMany({ where: { id, deletedAt: null, event: visibleEvent(actor) }, data: { deletedAt: now, deletedById: actor.userId } });
        if (count === 0) return false;
        const row = await tx.eventFile.findUniqueOrThrow({ where: { id }, include: { event: { select: { townshipId: true } } } });
        await writeAudit(tx, actor, { action: 'delete', entity: 'eventFile', entityId: id, townshipId: row.event.townshipId, before: toEventFileJson({ ...row, deletedAt: null }) });
        return true;
      });
    },

    /** Undoes a delete within RESTORE_WINDOW_DAYS; the file goes back last in the order. */
    async restore(actor: Actor, id: number, now = new Date()): Promise<EventFile | null> {
      return prisma.$transaction(async (tx) => {
        const row = await tx.eventFile.findFirst({ where: { id, deletedAt: { gt: restoreCutoff(now) }, event: visibleEvent(actor) }, include: { event: { select: { townshipId: true } } } });
        if (!row) return null;
        await tx.$queryRaw`SELECT id FROM event WHERE id = ${row.eventId} FOR UPDATE`;
        const max = await tx.eventFile.aggregate({ where: { eventId: row.eventId, deletedAt: null }, _max: { sortOrder: true } });
        const restored = toEventFileJson(await tx.eventFile.update({ where: { id }, data: { deletedAt: null, deletedById: null, sortOrder: (max._max.sortOrder ?? -1) + 1 } }));
        await writeAudit(tx, actor, { action: 'restore', entity: 'eventFile', entityId: id, townshipId: row.event.townshipId, after: restored });
        return restored;
      });
    },

    summaries: (eventIds: readonly number[]) => evidenceSummaries(prisma, eventIds),

    /** Live files of these events in their order, with storage keys (the evidence pack). */
    async filesOfEvents(eventIds: readonly number[]) {
      const rows = await prisma.eventFile.findMany({ where: { eventId: { in: [...eventIds] }, deletedAt: null }, orderBy: [{ eventId: 'asc' }, { sortOrder: 'asc' }, { id: 'asc' }] });
      return rows.map((row) => ({ file: toEventFileJson(row), storageKey: row.storageKey }));
    },

    /** Every storage key with a row (deleted ones too: their bytes are kept for a restore). */
    async allStorageKeys(): Promise<Set<string>> {
      const rows = await prisma.eventFile.findMany({ select: { storageKey: true } });
      return new Set(rows.map((r) => r.storageKey));
    },
  };
}

export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
