// The annual plan: plan items, their links to the events that fulfil them, the
// copy into a new year, the year-end check and the calendar.
import {
  autoLinkPlanItem,
  campaignPeriodForYear,
  dateToIso,
  fieldError,
  isoToDate,
  planItemStatus,
  REFERENCE_MESSAGES,
  shiftPlanTiming,
  suggestPlanItems,
  type Calendar,
  type CalendarQuery,
  type CampaignTiming,
  type MatchableEvent,
  type PlanCheck,
  type PlanCopy,
  type PlanItem,
  type PlanItemCreate,
  type PlanItemPatch,
  type PlanQuery,
} from '@pufa/domain';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { StatementRunner } from '../statements.ts';
import { inScope, townshipFilter, type Actor } from '../auth/actor.ts';
import { storeIdempotencyKey } from '../idempotency.ts';
import { writeAudit, writeAudits } from '../auth/audit.ts';
import { InvalidReferencesError } from './errors.ts';
import { findInvalidReferences } from './event-references.ts';

const planInclude = {
  villages: { select: { villageId: true } },
  sixInto: { select: { categoryCode: true, category: { select: { sortOrder: true } } } },
  // Deleted events fulfil nothing.
  events: {
    where: { event: { deletedAt: null } },
    select: { eventId: true, event: { select: { title: true, startDate: true, villages: { select: { villageId: true } } } } },
  },
} satisfies Prisma.PlanItemInclude;

type PlanRow = Prisma.PlanItemGetPayload<{ include: typeof planInclude }>;

export function toPlanItemJson(row: PlanRow): PlanItem {
  const villageIds = row.villages.map((v) => v.villageId).sort((a, b) => a - b);
  const linked = row.events.map((l) => ({ villageIds: l.event.villages.map((v) => v.villageId) }));
  return {
    id: row.id,
    townshipId: row.townshipId,
    year: row.year,
    campaignId: row.campaignId,
    title: row.title,
    targetDate: row.targetDate ? dateToIso(row.targetDate) : null,
    targetMonth: row.targetMonth,
    villageIds,
    sixInto: row.sixInto.sort((a, b) => a.category.sortOrder - b.category.sortOrder).map((s) => s.categoryCode),
    departmentId: row.departmentId,
    targetAudience: row.targetAudience,
    targetLeaflets: row.targetLeaflets,
    notes: row.notes,
    eventIds: row.events.map((l) => l.eventId).sort((a, b) => a - b),
    events: row.events
      .map((l) => ({ id: l.eventId, title: l.event.title, startDate: dateToIso(l.event.startDate) }))
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id),
    ...planItemStatus(villageIds, linked),
  };
}

/** Key of the advisory lock that serialises plan copies (arbitrary, fixed). */
const PLAN_COPY_LOCK = 7_104_402;

/** An event as the year-end check lists it. */
const eventRef = (e: { id: number; startDate: Date; title: string }) => ({ id: e.id, startDate: dateToIso(e.startDate), title: e.title });

const outOfScope = (field: string, id: number) => new InvalidReferencesError([fieldError([field], REFERENCE_MESSAGES.unknownIds([id]))]);

/** The event-reference rules, applied to a plan item (one responsible department). */
async function planReferenceErrors(tx: Prisma.TransactionClient, townshipId: number, item: Partial<PlanItemCreate>) {
  const errors = await findInvalidReferences(tx, {
    townshipId,
    campaignId: item.campaignId,
    villageIds: item.villageIds,
    sixInto: item.sixInto,
    departmentIds: item.departmentId ? [item.departmentId] : [],
  });
  return errors.map((e) => (e.field === 'departmentIds' ? { ...e, field: 'departmentId' } : e));
}

function planWrites(input: Partial<PlanItemCreate>, { replace }: { replace: boolean }) {
  const write = <T>(rows: T[] | undefined) => rows && (replace ? { deleteMany: {}, create: rows } : { create: rows });
  return {
    villages: write(input.villageIds?.map((villageId) => ({ villageId }))),
    sixInto: write(input.sixInto?.map((categoryCode) => ({ categoryCode }))),
  };
}

function scalars(input: Partial<PlanItemCreate>) {
  return {
    campaignId: input.campaignId,
    title: input.title,
    targetDate: input.targetDate === undefined ? undefined : input.targetDate === null ? null : isoToDate(input.targetDate),
    targetMonth: input.targetMonth,
    departmentId: input.departmentId,
    targetAudience: input.targetAudience,
    targetLeaflets: input.targetLeaflets,
    notes: input.notes,
  };
}

/** What the audit row of an automatic link records: the item as the audit log names it, and the event linked. */
interface PlanLinkAudit {
  id: number;
  townshipId: number;
  year: number;
  campaignId: number | null;
  title: string;
  targetDate: string | null;
  targetMonth: number;
  linkedEventId: number;
  autoLinked: true;
}

/** The plan item an event was linked to on save. */
export interface LinkedPlanItem {
  id: number;
  title: string;
}

/** `statements`, when given, runs the create's auto-link as a named statement (the API's path). */
export function createPlanRepository(prisma: PrismaClient, statements?: StatementRunner) {
  async function campaignTimings(): Promise<Map<number, CampaignTiming & { isBuiltin: boolean; townshipId: number | null }>> {
    const campaigns = await prisma.campaign.findMany({ where: { isActive: true }, include: { periods: true } });
    return new Map(
      campaigns.map((c) => [
        c.id,
        {
          id: c.id,
          isBuiltin: c.isBuiltin,
          townshipId: c.townshipId,
          rule:
            c.startMonth === null
              ? null
              : { startMonth: c.startMonth, startDay: c.startDay ?? undefined, endMonth: c.endMonth ?? undefined, endDay: c.endDay ?? undefined },
          periods: c.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
        },
      ]),
    );
  }

  async function listRows(actor: Actor, where: Prisma.PlanItemWhereInput) {
    const rows = await prisma.planItem.findMany({
      where: { ...where, townshipId: where.townshipId ?? townshipFilter(actor) },
      include: planInclude,
      orderBy: [{ targetMonth: 'asc' }, { targetDate: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toPlanItemJson);
  }

  async function findInScope(tx: Prisma.TransactionClient, actor: Actor, id: number) {
    return tx.planItem.findFirst({ where: { id, townshipId: townshipFilter(actor) }, include: planInclude });
  }

  const repository = {
    async list(actor: Actor, { townshipId, year }: PlanQuery): Promise<PlanItem[]> {
      if (!inScope(actor, townshipId)) throw outOfScope('townshipId', townshipId);
      return listRows(actor, { townshipId, year });
    },

    async create(actor: Actor, input: PlanItemCreate): Promise<PlanItem> {
      if (!inScope(actor, input.townshipId)) throw outOfScope('townshipId', input.townshipId);
      return prisma.$transaction(async (tx) => {
        const errors = await planReferenceErrors(tx, input.townshipId, input);
        if (errors.length) throw new InvalidReferencesError(errors);
        const row = await tx.planItem.create({
          data: { ...scalars(input), townshipId: input.townshipId, year: input.year, ...planWrites(input, { replace: false }) } as Prisma.PlanItemUncheckedCreateInput,
          include: planInclude,
        });
        const item = toPlanItemJson(row);
        await writeAudit(tx, actor, { action: 'create', entity: 'planItem', entityId: item.id, townshipId: item.townshipId, after: item });
        await storeIdempotencyKey(tx, item);
        return item;
      });
    },

    async update(actor: Actor, id: number, patch: PlanItemPatch): Promise<PlanItem | null> {
      return prisma.$transaction(async (tx) => {
        const current = await findInScope(tx, actor, id);
        if (!current) return null;
        const before = toPlanItemJson(current);
        const merged = { ...before, ...patch };
        const timing = merged.targetDate ? { year: Number(merged.targetDate.slice(0, 4)), month: Number(merged.targetDate.slice(5, 7)) } : null;
        const errors = [
          ...(timing && timing.year !== before.year ? [fieldError(['targetDate'], { zh: '应在计划年度内', en: 'must fall in the plan year' })] : []),
          ...(timing && timing.month !== merged.targetMonth ? [fieldError(['targetMonth'], { zh: '与计划日期的月份不一致', en: 'does not match the month of the planned day' })] : []),
          ...(await planReferenceErrors(tx, before.townshipId, merged)),
        ];
        if (errors.length) throw new InvalidReferencesError(errors);
        const row = await tx.planItem.update({
          where: { id },
          data: { ...scalars(patch), ...planWrites(patch, { replace: true }) } as Prisma.PlanItemUncheckedUpdateInput,
          include: planInclude,
        });
        const after = toPlanItemJson(row);
        await writeAudit(tx, actor, { action: 'update', entity: 'planItem', entityId: id, townshipId: after.townshipId, before, after });
        return after;
      });
    },

    async delete(actor: Actor, id: number): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const current = await findInScope(tx, actor, id);
        if (!current) return false;
        // Of two deletes at once, the second waits on the row, then deletes nothing: one 204, one 404.
        const { count } = await tx.planItem.deleteMany({ where: { id } });
        if (count === 0) return false;
        await writeAudit(tx, actor, { action: 'delete', entity: 'planItem', entityId: id, townshipId: current.townshipId, before: toPlanItemJson(current) });
        return true;
      });
    },

    /** Copies a year's plan into another year, dates shifted (see shiftPlanTiming). Refuses when the target year has a plan. */
    async copy(actor: Actor, { townshipId, fromYear, toYear }: PlanCopy): Promise<PlanItem[]> {
      if (!inScope(actor, townshipId)) throw outOfScope('townshipId', townshipId);
      const campaigns = await campaignTimings();
      return prisma.$transaction(async (tx) => {
        // Copies into one township's year run one at a time, so the second of two
        // simultaneous copies sees the first one's items and is refused.
        await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${PLAN_COPY_LOCK}::int4, ${townshipId}::int4)`;
        if (await tx.planItem.count({ where: { townshipId, year: toYear } })) {
          throw new InvalidReferencesError([fieldError(['toYear'], { zh: '该年度已有计划，请先删除或逐条添加', en: 'that year already has a plan; delete it first or add items one by one' })]);
        }
        const source = (await tx.planItem.findMany({ where: { townshipId, year: fromYear }, include: planInclude, orderBy: { id: 'asc' } })).map(toPlanItemJson);
        if (source.length === 0) {
          throw new InvalidReferencesError([fieldError(['fromYear'], { zh: '该年度没有计划可复制', en: 'that year has no plan to copy' })]);
        }
        // A few statements whatever the plan's size (a row-by-row copy of 125 items outran the transaction's time).
        const created = await tx.planItem.createManyAndReturn({
          data: source.map((item) => {
            const timing = shiftPlanTiming(item, fromYear, toYear, item.campaignId ? campaigns.get(item.campaignId) : null);
            return {
              townshipId, year: toYear, campaignId: item.campaignId, title: item.title, departmentId: item.departmentId,
              targetDate: timing.targetDate ? isoToDate(timing.targetDate) : null, targetMonth: timing.targetMonth,
              targetAudience: item.targetAudience, targetLeaflets: item.targetLeaflets, notes: item.notes,
            };
          }),
          select: { id: true },
        });
        // RETURNING gives the rows in the order of the VALUES list: created[i] is the copy of source[i].
        const newIds = created.map((row) => row.id);
        await tx.planItemVillage.createMany({ data: source.flatMap((item, i) => item.villageIds.map((villageId) => ({ planItemId: newIds[i]!, villageId }))) });
        await tx.planItemSixInto.createMany({ data: source.flatMap((item, i) => item.sixInto.map((categoryCode) => ({ planItemId: newIds[i]!, categoryCode }))) });
        const copied = (await tx.planItem.findMany({ where: { id: { in: newIds } }, include: planInclude, orderBy: { id: 'asc' } })).map(toPlanItemJson);
        await writeAudits(tx, actor, copied.map((item) => ({ action: 'create' as const, entity: 'planItem' as const, entityId: item.id, townshipId, after: item })));
        return copied;
      });
    },

    /** Plan items an event may fulfil, best first; null when the event is not in scope. */
    async suggestionsForEvent(actor: Actor, eventId: number): Promise<PlanItem[] | null> {
      const event = await prisma.event.findFirst({ where: { id: eventId, deletedAt: null, townshipId: townshipFilter(actor) } });
      if (!event) return null;
      const items = await listRows(actor, { townshipId: event.townshipId, year: event.startDate.getUTCFullYear() });
      return suggestPlanItems({ townshipId: event.townshipId, startDate: dateToIso(event.startDate), campaignId: event.campaignId }, items);
    },

    /**
     * Links a just-saved event to its plan item when exactly one matches
     * (autoLinkPlanItem), and returns that item's id and title, or null. Runs on
     * every create, so its cost does not grow with the item: it reads only the
     * candidates (none for an event without a campaign, which can match nothing),
     * then inserts the link and an audit row of the link itself (the item's
     * identifying fields and the event linked, not the item with all its events)
     * in one statement. The event was just created in the actor's scope and the
     * candidates are of its township, so no further scope check is needed.
     */
    async autoLink(actor: Actor, event: MatchableEvent & { id: number }): Promise<LinkedPlanItem | null> {
      if (event.campaignId === null) return null;
      const candidates = await prisma.planItem.findMany({
        where: { townshipId: event.townshipId, year: Number(event.startDate.slice(0, 4)), campaignId: event.campaignId },
        select: { id: true, townshipId: true, year: true, campaignId: true, title: true, targetDate: true, targetMonth: true },
      });
      const match = autoLinkPlanItem(event, candidates.map((c) => ({ ...c, targetDate: c.targetDate ? dateToIso(c.targetDate) : null })));
      if (!match) return null;
      const audit: PlanLinkAudit = {
        id: match.id, townshipId: match.townshipId, year: match.year, campaignId: match.campaignId, title: match.title,
        targetDate: match.targetDate, targetMonth: match.targetMonth, linkedEventId: event.id, autoLinked: true,
      };
      const sql = Prisma.sql`
        WITH link AS (
          INSERT INTO plan_item_event (plan_item_id, event_id) VALUES (${match.id}::int, ${event.id}::int)
          ON CONFLICT DO NOTHING RETURNING plan_item_id
        )
        INSERT INTO audit_log (user_id, action, entity, entity_id, township_id, after)
        SELECT ${actor.userId}::int, 'update', 'planItem', ${String(match.id)}::text, ${match.townshipId}::int, ${JSON.stringify(audit)}::jsonb FROM link`;
      if (statements) await statements.run('pufa_plan_auto_link', sql);
      else await prisma.$executeRaw(sql);
      return { id: match.id, title: match.title };
    },

    /** Confirms that an event (partly) fulfils a plan item. null when either is out of scope. */
    async link(actor: Actor, planItemId: number, eventId: number): Promise<PlanItem | null> {
      return prisma.$transaction(async (tx) => {
        const item = await findInScope(tx, actor, planItemId);
        const event = await tx.event.findFirst({ where: { id: eventId, deletedAt: null, townshipId: townshipFilter(actor) } });
        if (!item) return null;
        if (!event || event.townshipId !== item.townshipId) throw outOfScope('eventId', eventId);
        await tx.planItemEvent.upsert({ where: { planItemId_eventId: { planItemId, eventId } }, create: { planItemId, eventId }, update: {} });
        const after = toPlanItemJson((await findInScope(tx, actor, planItemId))!);
        await writeAudit(tx, actor, { action: 'update', entity: 'planItem', entityId: planItemId, townshipId: item.townshipId, before: toPlanItemJson(item), after });
        return after;
      });
    },

    async unlink(actor: Actor, planItemId: number, eventId: number): Promise<PlanItem | null> {
      return prisma.$transaction(async (tx) => {
        const item = await findInScope(tx, actor, planItemId);
        if (!item) return null;
        const { count } = await tx.planItemEvent.deleteMany({ where: { planItemId, eventId } });
        if (count === 0) return null;
        const after = toPlanItemJson((await findInScope(tx, actor, planItemId))!);
        await writeAudit(tx, actor, { action: 'update', entity: 'planItem', entityId: planItemId, townshipId: item.townshipId, before: toPlanItemJson(item), after });
        return after;
      });
    },

    /** The year-end check (年终检查): plan items by status, and what the year's events never reached. */
    async check(actor: Actor, { townshipId, year }: PlanQuery): Promise<PlanCheck> {
      if (!inScope(actor, townshipId)) throw outOfScope('townshipId', townshipId);
      const [items, events, villages, categories, departments, campaigns] = await Promise.all([
        listRows(actor, { townshipId, year }),
        prisma.event.findMany({
          where: { townshipId, deletedAt: null, startDate: { gte: isoToDate(`${year}-01-01`), lte: isoToDate(`${year}-12-31`) } },
          select: {
            id: true, startDate: true, title: true, campaignId: true,
            villages: { select: { villageId: true } }, sixInto: { select: { categoryCode: true } }, departments: { select: { departmentId: true } },
            // Evidence (影像资料): inspectors ask for it, so the check names events without it.
            files: { where: { deletedAt: null }, select: { dateMismatch: true } },
          },
          orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        }),
        prisma.orgUnit.findMany({ where: { parentId: townshipId, level: 'village' }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true } }),
        prisma.sixIntoCategory.findMany({ orderBy: { sortOrder: 'asc' }, select: { code: true } }),
        prisma.department.findMany({ where: { townshipId, isActive: true }, orderBy: { sortOrder: 'asc' }, select: { id: true } }),
        campaignTimings(),
      ]);
      const reached = {
        villages: new Set(events.flatMap((e) => e.villages.map((v) => v.villageId))),
        sixInto: new Set(events.flatMap((e) => e.sixInto.map((s) => s.categoryCode))),
        departments: new Set(events.flatMap((e) => e.departments.map((d) => d.departmentId))),
        campaigns: new Set(events.map((e) => e.campaignId)),
      };
      // Named days: the built-in calendar's campaigns that have dates this year.
      const namedDays = [...campaigns.values()].filter((c) => c.isBuiltin && campaignPeriodForYear(c, year));
      const count = (status: PlanItem['status']) => items.filter((i) => i.status === status).length;
      return {
        year,
        townshipId,
        items,
        counts: { done: count('done'), partial: count('partial'), notDone: count('notDone') },
        villagesWithoutActivity: villages.map((v) => v.id).filter((id) => !reached.villages.has(id)),
        sixIntoWithoutActivity: categories.map((c) => c.code).filter((code) => !reached.sixInto.has(code)),
        campaignsWithoutActivity: namedDays.map((c) => c.id).filter((id) => !reached.campaigns.has(id)),
        departmentsWithoutActivity: departments.map((d) => d.id).filter((id) => !reached.departments.has(id)),
        eventsWithoutEvidence: events.filter((e) => e.files.length === 0).map(eventRef),
        eventsWithMismatchedPhotos: events.filter((e) => e.files.some((f) => f.dateMismatch)).map(eventRef),
      };
    },

    /** Named days, plan items and events between two dates, for the calendar page. */
    async calendar(actor: Actor, { townshipId, from, to }: CalendarQuery): Promise<Calendar> {
      if (!inScope(actor, townshipId)) throw outOfScope('townshipId', townshipId);
      const years = [...new Set([Number(from.slice(0, 4)), Number(to.slice(0, 4))])];
      const campaigns = await campaignTimings();
      const namedDays = [...campaigns.values()]
        .filter((c) => c.townshipId === null || c.townshipId === townshipId)
        .flatMap((c) =>
          years.flatMap((y) => {
            const period = campaignPeriodForYear(c, y);
            return period && period.endDate >= from && period.startDate <= to ? [{ campaignId: c.id, ...period }] : [];
          }),
        )
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
      const items = (await listRows(actor, { townshipId, year: { in: years } })).filter((item) => {
        if (item.targetDate) return item.targetDate >= from && item.targetDate <= to;
        const monthStart = `${item.year}-${String(item.targetMonth).padStart(2, '0')}-01`;
        return monthStart <= to && `${monthStart.slice(0, 7)}-31` >= from;
      });
      const events = await prisma.event.findMany({
        where: { townshipId, deletedAt: null, startDate: { gte: isoToDate(from), lte: isoToDate(to) } },
        select: { id: true, startDate: true, endDate: true, title: true, campaignId: true },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
      });
      return {
        namedDays,
        planItems: items,
        events: events.map((e) => ({ ...e, startDate: dateToIso(e.startDate), endDate: e.endDate ? dateToIso(e.endDate) : null })),
      };
    },
  };
  return repository;
}

export type PlanRepository = ReturnType<typeof createPlanRepository>;
