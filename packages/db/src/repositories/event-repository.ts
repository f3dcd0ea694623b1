// Reading and writing events (宣传活动). Every write runs in one transaction:
// reference checks, the version check and the row with its lists succeed or
// fail together.
import {
  dateRangeIssues,
  dateToIso,
  fieldError,
  isoToDate,
  isPhotoDateMismatch,
  localCalendarDay,
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
import { applyManyToRollup, applyToRollup } from '../stats/rollup.ts';
import { writeAudit } from '../auth/audit.ts';
import { findInvalidReferences } from './event-references.ts';
import { readEventsByIds } from './event-rows.ts';
import { insertEvent, unsavedEvent } from './event-insert.ts';
import { withIdempotencyKey } from '../idempotency.ts';
import type { DatabaseHandle } from '../client.ts';
import { InvalidReferencesError, VersionConflictError } from './errors.ts';
import { evidenceSummaries, NO_EVIDENCE } from './evidence-summaries.ts';

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
  if (filter.evidence === 'none') where.files = { none: { deletedAt: null } };
  if (filter.evidence === 'mismatch') where.files = { some: { deletedAt: null, dateMismatch: true } };
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

export function createEventRepository({ prisma, statements }: DatabaseHandle) {
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
    /** Throws InvalidReferencesError when the filter names a township or village out of scope (before an export sends anything). */
    checkFilter: async (actor: Actor, filter: EventFilter): Promise<void> => {
      await scopedFilter(prisma, actor, filter);
    },

    async list(actor: Actor, query: EventListQuery): Promise<EventListResponse> {
      const where = eventWhere(actor, await scopedFilter(prisma, actor, query));
      const [page, total, sums] = await Promise.all([
        prisma.event.findMany({ where, select: { id: true }, orderBy: ORDER[query.sort], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
        prisma.event.count({ where }),
        totals(where, query.villageId),
      ]);
      const ids = page.map((row) => row.id);
      const [items, evidence] = await Promise.all([readEventsByIds(prisma, ids), evidenceSummaries(prisma, ids)]);
      return { items: items.map((event) => ({ ...event, evidence: evidence.get(event.id) ?? NO_EVIDENCE })), total, totals: sums };
    },

    /**
     * Every event matching the filter, oldest first, in batches read by a
     * keyset cursor: an export of a province's year never holds it all in memory.
     */
    async *iterate(actor: Actor, filter: EventFilter, batchSize = 2_000): AsyncGenerator<Event[]> {
      const where = eventWhere(actor, await scopedFilter(prisma, actor, filter));
      let after: { startDate: Date; id: number } | null = null;
      for (;;) {
        const cursor: Prisma.EventWhereInput = after
          ? { OR: [{ startDate: { gt: after.startDate } }, { startDate: after.startDate, id: { gt: after.id } }] }
          : {};
        // The batch's keys by the filter, then the events in one statement (readEventsByIds).
        const keys = await prisma.event.findMany({ where: { AND: [where, cursor] }, select: { id: true, startDate: true }, orderBy: [{ startDate: 'asc' }, { id: 'asc' }], take: batchSize });
        if (keys.length === 0) return;
        yield await readEventsByIds(prisma, keys.map((k) => k.id));
        const last = keys.at(-1)!;
        after = { startDate: last.startDate, id: last.id };
        if (keys.length < batchSize) return;
      }
    },

    totals: async (actor: Actor, filter: EventFilter) => totals(eventWhere(actor, await scopedFilter(prisma, actor, filter)), filter.villageId),

    /** null when there is no such event, it is deleted, or it is outside the actor's scope (all answer 404). */
    async get(actor: Actor, id: number): Promise<Event | null> {
      const row = await prisma.event.findFirst({ where: { id, deletedAt: null, townshipId: townshipFilter(actor) }, include: eventInclude });
      return row ? toEventJson(row) : null;
    },

    /** Throws InvalidReferencesError when an id is unknown; nothing is written then. */
    async create(actor: Actor, input: EventCreate): Promise<Event> {
      if (!inScope(actor, input.townshipId)) throw new InvalidReferencesError([unknownTownship(input.townshipId)]);
      // With an Idempotency-Key, the one statement and the key commit together.
      const event = await withIdempotencyKey(statements, (runner) => insertEvent(runner, actor, input));
      if (event) return event;
      // Refused by the statement's reference guard: name the fields for the clerk.
      const invalid = await prisma.$transaction((tx) => findInvalidReferences(tx, input));
      throw new InvalidReferencesError(invalid.length ? invalid : [unknownTownship(input.townshipId)]);
    },

    /**
     * Applies a patch made against `patch.version`. Returns null when the event
     * does not exist; throws VersionConflictError when it was saved since.
     */
    async update(actor: Actor, id: number, patch: EventPatch): Promise<Event | null> {
      const { version, ...changes } = patch;
      return prisma.$transaction(async (tx) => {
        const inScopeEvent = { id, deletedAt: null, townshipId: townshipFilter(actor) };
        // Version check and bump first, in one statement: of two saves of the same
        // version the second waits on the row lock, then matches nothing; and the
        // row read next is the one this save changes.
        const { count } = await tx.event.updateMany({ where: { ...inScopeEvent, version }, data: { version: { increment: 1 } } });
        if (count === 0) {
          // Read after the lock is released: the version someone else just saved, not the one we started with.
          const latest = await tx.event.findFirst({ where: inScopeEvent, select: { version: true } });
          if (!latest) return null;
          throw new VersionConflictError(latest.version);
        }
        const current = await tx.event.findUniqueOrThrow({ where: { id }, include: eventInclude });
        const stored = { ...toEventJson(current), version };
        const merged = { ...stored, ...changes };
        const rangeIssues = dateRangeIssues(merged);
        const invalid = [
          ...rangeIssues.map((issue) => fieldError(issue.path, RULE_MESSAGES[issue.code])),
          ...(inScope(actor, merged.townshipId) ? await findInvalidReferences(tx, merged) : [unknownTownship(merged.townshipId)]),
        ];
        if (invalid.length > 0) throw new InvalidReferencesError(invalid);
        const row = await tx.event.update({
          where: { id },
          data: { ...scalarFields(changes), ...listWrites(changes, { replace: true }) } as Prisma.EventUncheckedUpdateInput,
          include: eventInclude,
        });
        const event = toEventJson(row);
        if (event.startDate !== stored.startDate || event.endDate !== stored.endDate) await reflagPhotoDates(tx, event);
        await applyToRollup(tx, { remove: stored, add: event });
        await writeAudit(tx, actor, { action: 'update', entity: 'event', entityId: id, townshipId: event.townshipId, before: stored, after: event });
        return event;
      });
    },

    /** Soft delete; returns false when there was no such event in scope. */
    async delete(actor: Actor, id: number, now = new Date()): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        // Claim the delete first: of two deletes at once, the second waits on the row, then matches nothing (one 204, one 404, one audit row).
        const { count } = await tx.event.updateMany({
          where: { id, deletedAt: null, townshipId: townshipFilter(actor) },
          data: { deletedAt: now, deletedById: actor.userId },
        });
        if (count === 0) return false;
        const current = await tx.event.findUniqueOrThrow({ where: { id }, include: eventInclude });
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
 * The filter as the queries use it, or an InvalidReferencesError naming a
 * township or village outside the actor's scope (refused like an unknown id,
 * docs/security.md). A village belongs to one township: filtering by a village
 * names its township too, so the scope check is one equality instead of a list
 * of every township in scope (a plan PostgreSQL handles far better).
 */
async function scopedFilter<T extends EventFilter>(prisma: PrismaClient, actor: Actor, filter: T): Promise<T> {
  if (filter.townshipId !== undefined && !inScope(actor, filter.townshipId)) throw new InvalidReferencesError([unknownTownship(filter.townshipId)]);
  if (!filter.villageId || filter.townshipId) return filter;
  const village = await prisma.orgUnit.findFirst({ where: { id: filter.villageId, level: 'village' }, select: { parentId: true } });
  if (!village?.parentId || !inScope(actor, village.parentId)) {
    throw new InvalidReferencesError([fieldError(['villageId'], REFERENCE_MESSAGES.unknownIds([filter.villageId]))]);
  }
  return { ...filter, townshipId: village.parentId };
}

function restoreCutoff(now: Date) {
  return new Date(now.getTime() - RESTORE_WINDOW_DAYS * 86_400_000);
}

/** A township outside the actor's scope is reported exactly like one that does not exist. */
function unknownTownship(townshipId: number) {
  return fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]));
}

export type EventRepository = ReturnType<typeof createEventRepository>;

// ---------------------------------------------------------------------------
// Batch entry points (ledger import and its undo). They run inside the
// caller's transaction and apply the same rules as create and delete above:
// scope, findInvalidReferences, the roll-up and one audit row per event. They
// do each step once for all events, as set-based SQL (one INSERT … SELECT FROM
// unnest(arrays) per table): 10,000 events in a few statements, not 100,000.

const BATCH_CHUNK = 5000;

function chunks<T>(items: readonly T[], size = BATCH_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function checkBatchReferences(tx: Prisma.TransactionClient, actor: Actor, inputs: readonly EventCreate[]) {
  // References are checked per township over the union of what its events name.
  for (const townshipId of new Set(inputs.map((i) => i.townshipId))) {
    if (!inScope(actor, townshipId)) throw new InvalidReferencesError([unknownTownship(townshipId)]);
    const mine = inputs.filter((i) => i.townshipId === townshipId);
    const union = (pick: (i: EventCreate) => readonly number[] | undefined) => [...new Set(mine.flatMap((i) => pick(i) ?? []))];
    const invalid = await findInvalidReferences(tx, {
      townshipId,
      villageIds: union((i) => i.villageIds),
      formIds: union((i) => i.formIds),
      lawIds: union((i) => i.lawIds),
      departmentIds: union((i) => i.departmentIds),
      targetGroupIds: union((i) => i.targetGroupIds),
      sixInto: [...new Set(mine.flatMap((i) => i.sixInto ?? []))],
      materials: union((i) => i.materials?.map((m) => m.materialTypeId)).map((materialTypeId) => ({ materialTypeId })),
    });
    for (const campaignId of union((i) => (i.campaignId ? [i.campaignId] : []))) invalid.push(...(await findInvalidReferences(tx, { townshipId, campaignId })));
    if (invalid.length > 0) throw new InvalidReferencesError(invalid);
  }
}

/** Rows of (event id, item) for one of an event's lists, as two arrays for unnest. */
function pairs<T>(rows: readonly { id: number; input: EventCreate }[], pick: (input: EventCreate) => readonly T[] | undefined): [number[], T[]] {
  const ids: number[] = [];
  const items: T[] = [];
  for (const { id, input } of rows) for (const item of pick(input) ?? []) (ids.push(id), items.push(item));
  return [ids, items];
}

/** A caller watching a long batch: chunks of `chunkSize` events, `afterChunk` told how many each wrote (it may throw to stop: the caller's transaction then rolls back). */
export interface BatchProgress {
  chunkSize: number;
  afterChunk: (written: number) => Promise<void>;
}

/** Creates events inside `tx`; throws InvalidReferencesError (and writes nothing) when any reference is wrong. */
export async function createEventsInTransaction(tx: Prisma.TransactionClient, actor: Actor, inputs: readonly EventCreate[], now = new Date(), progress?: BatchProgress): Promise<Event[]> {
  if (inputs.length === 0) return [];
  await checkBatchReferences(tx, actor, inputs);
  // Ids first, so the lists can name their event without relying on the order rows come back in.
  const ids = (await tx.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('event', 'id'))::int AS id FROM generate_series(1, ${inputs.length}::int)`).map((r) => r.id);
  const sixIntoOrder = new Map((await tx.sixIntoCategory.findMany({ select: { code: true, sortOrder: true } })).map((c) => [c.code, c.sortOrder]));
  const events: Event[] = [];
  for (const part of chunks(inputs.map((input, index) => ({ id: ids[index]!, input })), progress?.chunkSize)) {
    const column = <T>(pick: (input: EventCreate) => T) => part.map(({ input }) => pick(input));
    await tx.$executeRaw`
      INSERT INTO event (id, township_id, campaign_id, start_date, end_date, title, location, audience, consultations, notes, created_at, updated_at)
      SELECT i, t, c, s, e, ti, l, a, co, n, ${now}, ${now}
      FROM unnest(${part.map((p) => p.id)}::int[], ${column((i) => i.townshipId)}::int[], ${column((i) => i.campaignId ?? null)}::int[],
                  ${column((i) => i.startDate)}::date[], ${column((i) => i.endDate ?? null)}::date[], ${column((i) => i.title)}::text[],
                  ${column((i) => i.location ?? '')}::text[], ${column((i) => i.audience ?? 0)}::int[], ${column((i) => i.consultations ?? 0)}::int[],
                  ${column((i) => i.notes ?? '')}::text[]) AS u(i, t, c, s, e, ti, l, a, co, n)`;
    const [villageEvents, villages] = pairs(part, (i) => i.villageIds);
    await tx.$executeRaw`INSERT INTO event_village (event_id, village_id) SELECT * FROM unnest(${villageEvents}::int[], ${villages}::int[])`;
    const [sixEvents, sixCodes] = pairs(part, (i) => i.sixInto);
    await tx.$executeRaw`INSERT INTO event_six_into (event_id, category_code) SELECT * FROM unnest(${sixEvents}::int[], ${sixCodes}::text[])`;
    const [formEvents, forms] = pairs(part, (i) => i.formIds);
    await tx.$executeRaw`INSERT INTO event_form (event_id, form_id) SELECT * FROM unnest(${formEvents}::int[], ${forms}::int[])`;
    const [lawEvents, laws] = pairs(part, (i) => i.lawIds);
    await tx.$executeRaw`INSERT INTO event_law (event_id, law_id) SELECT * FROM unnest(${lawEvents}::int[], ${laws}::int[])`;
    const [departmentEvents, departments] = pairs(part, (i) => i.departmentIds);
    await tx.$executeRaw`INSERT INTO event_department (event_id, department_id) SELECT * FROM unnest(${departmentEvents}::int[], ${departments}::int[])`;
    const [groupEvents, groups] = pairs(part, (i) => i.targetGroupIds);
    await tx.$executeRaw`INSERT INTO event_target_group (event_id, target_group_id) SELECT * FROM unnest(${groupEvents}::int[], ${groups}::int[])`;
    const [materialEvents, materials] = pairs(part, (i) => i.materials);
    await tx.$executeRaw`INSERT INTO event_material (event_id, material_type_id, quantity)
      SELECT * FROM unnest(${materialEvents}::int[], ${materials.map((m) => m.materialTypeId)}::int[], ${materials.map((m) => m.quantity)}::int[])`;
    // The stored event as toEventJson returns it (lists in the same order), for the roll-up and the audit rows.
    for (const { id, input } of part) {
      const stored = unsavedEvent(input);
      events.push({
        id,
        ...stored,
        sixInto: stored.sixInto.sort((a, b) => (sixIntoOrder.get(a) ?? 0) - (sixIntoOrder.get(b) ?? 0)),
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
    }
    await progress?.afterChunk(part.length);
  }
  await applyManyToRollup(tx, events, 1);
  await writeAuditRows(tx, actor, 'create', events);
  return events;
}

/** One audit row per event, as writeAudit writes them, in one statement per chunk. */
async function writeAuditRows(tx: Prisma.TransactionClient, actor: Actor, action: 'create' | 'delete', events: readonly Event[]) {
  for (const part of chunks(events)) {
    const json = part.map((e) => JSON.stringify(e));
    const ids = part.map((e) => String(e.id));
    const townships = part.map((e) => e.townshipId);
    if (action === 'create') {
      await tx.$executeRaw`INSERT INTO audit_log (user_id, action, entity, entity_id, township_id, after)
        SELECT ${actor.userId}::int, 'create', 'event', i, t, a::jsonb FROM unnest(${ids}::text[], ${townships}::int[], ${json}::text[]) AS u(i, t, a)`;
    } else {
      await tx.$executeRaw`INSERT INTO audit_log (user_id, action, entity, entity_id, township_id, before)
        SELECT ${actor.userId}::int, 'delete', 'event', i, t, b::jsonb FROM unnest(${ids}::text[], ${townships}::int[], ${json}::text[]) AS u(i, t, b)`;
    }
  }
}

/** Soft-deletes the events among `ids` that are in scope and not deleted yet; returns the ids it deleted. */
export async function deleteEventsInTransaction(tx: Prisma.TransactionClient, actor: Actor, ids: readonly number[], now = new Date()): Promise<number[]> {
  const deleted: Event[] = [];
  for (const part of chunks(ids, 1000)) {
    const rows = await tx.event.findMany({ where: { id: { in: part }, deletedAt: null, townshipId: townshipFilter(actor) }, include: eventInclude, orderBy: { id: 'asc' } });
    if (rows.length === 0) continue;
    await tx.event.updateMany({ where: { id: { in: rows.map((r) => r.id) }, deletedAt: null }, data: { deletedAt: now, deletedById: actor.userId } });
    deleted.push(...rows.map(toEventJson));
  }
  await applyManyToRollup(tx, deleted, -1);
  await writeAuditRows(tx, actor, 'delete', deleted);
  return deleted.map((e) => e.id);
}

/**
 * The photo-date flag (dateMismatch) compares a photo's day with its event's dates: when the
 * event's dates change, every dated photo of it is judged again in the same transaction, so the
 * list filter, the year-end check and the gallery agree with the dates as saved.
 */
async function reflagPhotoDates(tx: Prisma.TransactionClient, event: { id: number; startDate: string; endDate: string | null }) {
  const photos = await tx.eventFile.findMany({ where: { eventId: event.id, takenAt: { not: null } }, select: { id: true, takenAt: true, dateMismatch: true } });
  const differs = photos.filter((p) => isPhotoDateMismatch(localCalendarDay(p.takenAt!), event.startDate, event.endDate) !== p.dateMismatch);
  const toTrue = differs.filter((p) => !p.dateMismatch).map((p) => p.id);
  const toFalse = differs.filter((p) => p.dateMismatch).map((p) => p.id);
  if (toTrue.length > 0) await tx.eventFile.updateMany({ where: { id: { in: toTrue } }, data: { dateMismatch: true } });
  if (toFalse.length > 0) await tx.eventFile.updateMany({ where: { id: { in: toFalse } }, data: { dateMismatch: false } });
}
