// Reading and writing events (宣传活动). Every write runs in one transaction:
// reference checks, the version check and the row with its lists succeed or
// fail together.
import {
  dateRangeIssues,
  dateToIso,
  fieldError,
  isoToDate,
  REFERENCE_MESSAGES,
  RULE_MESSAGES,
  type Event,
  type EventCreate,
  type EventFilter,
  type EventListQuery,
  type EventListResponse,
  type EventPatch,
  type EventSort,
  type Totals,
} from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { inScope, townshipFilter, type Actor } from '../auth/actor.ts';
import { applyToRollup } from '../stats/rollup.ts';
import { writeAudit } from '../auth/audit.ts';
import { findInvalidReferences } from './event-references.ts';
import { InvalidReferencesError, VersionConflictError } from './errors.ts';

const eventInclude = {
  villages: { select: { villageId: true } },
  sixInto: { select: { categoryCode: true, category: { select: { sortOrder: true } } } },
  forms: { select: { formId: true } },
  laws: { select: { lawId: true } },
  departments: { select: { departmentId: true } },
  targetGroups: { select: { targetGroupId: true } },
  materials: { select: { materialTypeId: true, quantity: true } },
} satisfies Prisma.EventInclude;

type EventRow = Prisma.EventGetPayload<{ include: typeof eventInclude }>;

const ascending = (a: number, b: number) => a - b;

export function toEventJson(row: EventRow): Event {
  return {
    id: row.id,
    startDate: dateToIso(row.startDate),
    endDate: row.endDate ? dateToIso(row.endDate) : null,
    title: row.title,
    townshipId: row.townshipId,
    campaignId: row.campaignId,
    location: row.location,
    villageIds: row.villages.map((v) => v.villageId).sort(ascending),
    // In the catalog's order (机关, 乡村, 社区…), as people list them.
    sixInto: row.sixInto.sort((a, b) => a.category.sortOrder - b.category.sortOrder).map((s) => s.categoryCode),
    formIds: row.forms.map((f) => f.formId).sort(ascending),
    lawIds: row.laws.map((l) => l.lawId).sort(ascending),
    departmentIds: row.departments.map((d) => d.departmentId).sort(ascending),
    targetGroupIds: row.targetGroups.map((t) => t.targetGroupId).sort(ascending),
    audience: row.audience,
    consultations: row.consultations,
    materials: row.materials
      .map((m) => ({ materialTypeId: m.materialTypeId, quantity: m.quantity }))
      .sort((a, b) => a.materialTypeId - b.materialTypeId),
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Deleted events stay recoverable by an admin for this long. */
export const RESTORE_WINDOW_DAYS = 30;

/**
 * The filter of the event list, as a Prisma where clause, limited to the
 * actor's townships and to events not deleted; the totals use the same clause.
 */
export function eventWhere(actor: Actor, filter: EventFilter): Prisma.EventWhereInput {
  const where: Prisma.EventWhereInput = { deletedAt: null };
  const scope = townshipFilter(actor);
  if (filter.townshipId) where.townshipId = inScope(actor, filter.townshipId) ? filter.townshipId : -1;
  else if (scope) where.townshipId = scope;
  if (filter.campaignId) where.campaignId = filter.campaignId;
  if (filter.from || filter.to) {
    where.startDate = {
      ...(filter.from ? { gte: isoToDate(filter.from) } : {}),
      ...(filter.to ? { lte: isoToDate(filter.to) } : {}),
    };
  }
  if (filter.villageId) where.villages = { some: { villageId: filter.villageId } };
  if (filter.sixInto) where.sixInto = { some: { categoryCode: filter.sixInto } };
  if (filter.departmentId) where.departments = { some: { departmentId: filter.departmentId } };
  if (filter.formId) where.forms = { some: { formId: filter.formId } };
  if (filter.lawId) where.laws = { some: { lawId: filter.lawId } };
  if (filter.materialTypeId) where.materials = { some: { materialTypeId: filter.materialTypeId } };
  if (filter.q) {
    const contains = { contains: filter.q, mode: 'insensitive' as const };
    where.OR = [{ title: contains }, { location: contains }, { notes: contains }];
  }
  return where;
}

const ORDER: Record<EventSort, Prisma.EventOrderByWithRelationInput[]> = {
  '-startDate': [{ startDate: 'desc' }, { id: 'desc' }],
  startDate: [{ startDate: 'asc' }, { id: 'asc' }],
  title: [{ title: 'asc' }, { id: 'asc' }],
  '-title': [{ title: 'desc' }, { id: 'desc' }],
  '-audience': [{ audience: 'desc' }, { id: 'desc' }],
  audience: [{ audience: 'asc' }, { id: 'asc' }],
  '-updatedAt': [{ updatedAt: 'desc' }, { id: 'desc' }],
};

/**
 * The lists of an event as nested writes. On update a list the patch carries
 * replaces the stored one; a list left out stays as it was.
 */
function listWrites(input: Partial<EventCreate>, { replace }: { replace: boolean }) {
  const write = <T>(rows: T[] | undefined) => rows && (replace ? { deleteMany: {}, create: rows } : { create: rows });
  return {
    villages: write(input.villageIds?.map((villageId) => ({ villageId }))),
    sixInto: write(input.sixInto?.map((categoryCode) => ({ categoryCode }))),
    forms: write(input.formIds?.map((formId) => ({ formId }))),
    laws: write(input.lawIds?.map((lawId) => ({ lawId }))),
    departments: write(input.departmentIds?.map((departmentId) => ({ departmentId }))),
    targetGroups: write(input.targetGroupIds?.map((targetGroupId) => ({ targetGroupId }))),
    materials: write(input.materials?.map(({ materialTypeId, quantity }) => ({ materialTypeId, quantity }))),
  };
}

function scalarFields(input: Partial<EventCreate>) {
  return {
    startDate: input.startDate === undefined ? undefined : isoToDate(input.startDate),
    endDate: input.endDate === undefined ? undefined : input.endDate === null ? null : isoToDate(input.endDate),
    title: input.title,
    townshipId: input.townshipId,
    campaignId: input.campaignId,
    location: input.location,
    audience: input.audience,
    consultations: input.consultations,
    notes: input.notes,
  };
}

export function createEventRepository(prisma: PrismaClient) {
  /** villageId: the list is filtered to one village, the only one in scope to count as reached. */
  async function totals(where: Prisma.EventWhereInput, villageId?: number): Promise<Totals> {
    // Counting rules (docs/counting-rules.md, @pufa/domain counting.ts) in SQL.
    const [aggregate, leaflets, villages] = await Promise.all([
      prisma.event.aggregate({ where, _count: { _all: true }, _sum: { audience: true, consultations: true } }),
      prisma.eventMaterial.aggregate({ where: { event: where, materialType: { countsAsLeaflet: true } }, _sum: { quantity: true } }),
      prisma.eventVillage.findMany({ where: { event: where, villageId }, distinct: ['villageId'], select: { villageId: true } }),
    ]);
    return {
      activities: aggregate._count._all,
      leaflets: leaflets._sum.quantity ?? 0,
      audience: aggregate._sum.audience ?? 0,
      consultations: aggregate._sum.consultations ?? 0,
      villagesReached: villages.length,
    };
  }

  return {
    async list(actor: Actor, query: EventListQuery): Promise<EventListResponse> {
      const where = eventWhere(actor, await narrowToVillageTownship(prisma, query));
      const [rows, total, sums] = await Promise.all([
        prisma.event.findMany({
          where,
          include: eventInclude,
          orderBy: ORDER[query.sort],
          skip: (query.page - 1) * query.pageSize,
          take: query.pageSize,
        }),
        prisma.event.count({ where }),
        totals(where, query.villageId),
      ]);
      return { items: rows.map(toEventJson), total, totals: sums };
    },

    /**
     * Every event matching the filter, oldest first, in batches read by a
     * keyset cursor: an export of a province's year never holds it all in memory.
     */
    async *iterate(actor: Actor, filter: EventFilter, batchSize = 500): AsyncGenerator<Event[]> {
      const where = eventWhere(actor, await narrowToVillageTownship(prisma, filter));
      let after: { startDate: Date; id: number } | null = null;
      for (;;) {
        const cursor: Prisma.EventWhereInput = after
          ? { OR: [{ startDate: { gt: after.startDate } }, { startDate: after.startDate, id: { gt: after.id } }] }
          : {};
        const rows = await prisma.event.findMany({ where: { AND: [where, cursor] }, include: eventInclude, orderBy: [{ startDate: 'asc' }, { id: 'asc' }], take: batchSize });
        if (rows.length === 0) return;
        yield rows.map(toEventJson);
        const last = rows.at(-1)!;
        after = { startDate: last.startDate, id: last.id };
        if (rows.length < batchSize) return;
      }
    },

    totals: async (actor: Actor, filter: EventFilter) => totals(eventWhere(actor, await narrowToVillageTownship(prisma, filter)), filter.villageId),

    /** null when there is no such event, it is deleted, or it is outside the actor's scope (all answer 404). */
    async get(actor: Actor, id: number): Promise<Event | null> {
      const row = await prisma.event.findFirst({ where: { id, deletedAt: null, townshipId: townshipFilter(actor) }, include: eventInclude });
      return row ? toEventJson(row) : null;
    },

    /** Throws InvalidReferencesError when an id is unknown; nothing is written then. */
    async create(actor: Actor, input: EventCreate): Promise<Event> {
      return prisma.$transaction(async (tx) => {
        const invalid = inScope(actor, input.townshipId) ? await findInvalidReferences(tx, input) : [unknownTownship(input.townshipId)];
        if (invalid.length > 0) throw new InvalidReferencesError(invalid);
        const row = await tx.event.create({
          data: { ...scalarFields(input), townshipId: input.townshipId, ...listWrites(input, { replace: false }) } as Prisma.EventUncheckedCreateInput,
          include: eventInclude,
        });
        const event = toEventJson(row);
        await applyToRollup(tx, { add: event });
        await writeAudit(tx, actor, { action: 'create', entity: 'event', entityId: event.id, townshipId: event.townshipId, after: event });
        return event;
      });
    },

    /**
     * Applies a patch made against `patch.version`. Returns null when the event
     * does not exist; throws VersionConflictError when it was saved since.
     */
    async update(actor: Actor, id: number, patch: EventPatch): Promise<Event | null> {
      const { version, ...changes } = patch;
      return prisma.$transaction(async (tx) => {
        const current = await tx.event.findFirst({ where: { id, deletedAt: null, townshipId: townshipFilter(actor) }, include: eventInclude });
        if (!current) return null;
        const stored = toEventJson(current);
        const merged = { ...stored, ...changes };
        const rangeIssues = dateRangeIssues(merged);
        const invalid = [
          ...rangeIssues.map((issue) => fieldError(issue.path, RULE_MESSAGES[issue.code])),
          ...(inScope(actor, merged.townshipId) ? await findInvalidReferences(tx, merged) : [unknownTownship(merged.townshipId)]),
        ];
        if (invalid.length > 0) throw new InvalidReferencesError(invalid);
        // Version check and bump in one statement: of two saves of the same
        // version, the second waits on the row lock, then matches nothing.
        const { count } = await tx.event.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
        if (count === 0) throw new VersionConflictError(stored.version);
        const row = await tx.event.update({
          where: { id },
          data: { ...scalarFields(changes), ...listWrites(changes, { replace: true }) } as Prisma.EventUncheckedUpdateInput,
          include: eventInclude,
        });
        const event = toEventJson(row);
        await applyToRollup(tx, { remove: stored, add: event });
        await writeAudit(tx, actor, { action: 'update', entity: 'event', entityId: id, townshipId: event.townshipId, before: stored, after: event });
        return event;
      });
    },

    /** Soft delete; returns false when there was no such event in scope. */
    async delete(actor: Actor, id: number, now = new Date()): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const current = await tx.event.findFirst({ where: { id, deletedAt: null, townshipId: townshipFilter(actor) }, include: eventInclude });
        if (!current) return false;
        await tx.event.update({ where: { id }, data: { deletedAt: now, deletedById: actor.userId } });
        const before = toEventJson(current);
        await applyToRollup(tx, { remove: before });
        await writeAudit(tx, actor, { action: 'delete', entity: 'event', entityId: id, townshipId: current.townshipId, before });
        return true;
      });
    },

    /** Events deleted in the last RESTORE_WINDOW_DAYS days, newest first. */
    async listDeleted(actor: Actor, now = new Date()) {
      const rows = await prisma.event.findMany({
        where: { deletedAt: { gt: restoreCutoff(now) }, townshipId: townshipFilter(actor) },
        include: eventInclude,
        orderBy: { deletedAt: 'desc' },
        take: 500,
      });
      return rows.map((row) => ({ ...toEventJson(row), deletedAt: row.deletedAt!.toISOString(), deletedById: row.deletedById }));
    },

    /** Undoes a delete within the window; returns null when there is nothing to restore. */
    async restore(actor: Actor, id: number, now = new Date()): Promise<Event | null> {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.event.updateMany({
          where: { id, deletedAt: { gt: restoreCutoff(now) }, townshipId: townshipFilter(actor) },
          data: { deletedAt: null, deletedById: null },
        });
        if (count === 0) return null;
        const event = toEventJson(await tx.event.findUniqueOrThrow({ where: { id }, include: eventInclude }));
        await applyToRollup(tx, { add: event });
        await writeAudit(tx, actor, { action: 'restore', entity: 'event', entityId: id, townshipId: event.townshipId, after: event });
        return event;
      });
    },
  };
}

/**
 * A village belongs to one township: filtering by a village, name its township
 * too, so the scope check is one equality instead of a list of every township
 * in scope (a plan PostgreSQL handles far better). A village of another
 * township still matches nothing.
 */
async function narrowToVillageTownship<T extends EventFilter>(prisma: PrismaClient, filter: T): Promise<T> {
  if (!filter.villageId || filter.townshipId) return filter;
  const village = await prisma.orgUnit.findUnique({ where: { id: filter.villageId }, select: { parentId: true } });
  return { ...filter, townshipId: village?.parentId ?? -1 };
}

function restoreCutoff(now: Date) {
  return new Date(now.getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
}

/** A township outside the actor's scope is reported exactly like one that does not exist. */
function unknownTownship(townshipId: number) {
  return fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]));
}

export type EventRepository = ReturnType<typeof createEventRepository>;
