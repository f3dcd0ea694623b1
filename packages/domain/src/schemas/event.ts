// The event (宣传活动) as the API accepts and returns it. The same schemas
// validate requests, type the web form and generate the OpenAPI document.
import { z } from 'zod';
import { EventEvidenceSummarySchema } from './evidence.ts';
import { EVENT_SORTS } from '../vocabulary.ts';
import { daysBetween, daysInMonth, isoDate, todayInChina, type IsoDate } from '../dates.ts';
import { codeSchema, idListSchema, idSchema, INT32_MAX, isoDateSchema, optionalText, queryIdSchema, queryIntSchema, requiredText, rule } from './common.ts';

export const EVENT_LIMITS = {
  title: 200,
  location: 200,
  notes: 2000,
  /** 人次 per event; far above any township event, low enough to catch typos of extra zeros. */
  count: 1_000_000,
  quantity: 10_000_000,
  materialLines: 50,
  /** An event spans at most this many days (a month-long campaign is logged as events within it). */
  spanDays: 366,
} as const;

const countSchema = z.number().int().min(0).max(EVENT_LIMITS.count);

export const MaterialLineSchema = z.strictObject({
  materialTypeId: idSchema,
  quantity: z.number().int().min(1).max(EVENT_LIMITS.quantity),
});

const materialsSchema = z
  .array(MaterialLineSchema)
  .max(EVENT_LIMITS.materialLines)
  .refine((lines) => new Set(lines.map((l) => l.materialTypeId)).size === lines.length, rule('duplicateMaterialType'));

/**
 * Events are logged once they have happened. A day ahead is allowed with a warning (an event
 * entered the evening before, or a typo the clerk should see); more than a year ahead is
 * refused: what is still to come belongs in the annual plan. The API, the form and imports
 * all validate with this schema, so the rule is the same everywhere.
 */
export function latestEventDate(today: IsoDate): IsoDate {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  return isoDate(year + 1, month, Math.min(day, daysInMonth(year + 1, month)));
}

/** 'refuse' past the latest allowed day, 'warn' for any later day than today, else null. */
export function futureDateLevel(date: IsoDate, today: IsoDate = todayInChina()): 'refuse' | 'warn' | null {
  if (date > latestEventDate(today)) return 'refuse';
  return date > today ? 'warn' : null;
}

const eventStartDateSchema = isoDateSchema.refine((date) => futureDateLevel(date) !== 'refuse', rule('dateTooFarAhead'));

/** Every field a clerk can set. Optional ones default to empty/zero on create. */
const eventFields = {
  startDate: eventStartDateSchema,
  endDate: isoDateSchema.nullable().optional(),
  title: requiredText(EVENT_LIMITS.title),
  townshipId: idSchema,
  campaignId: idSchema.nullable().optional(),
  location: optionalText(EVENT_LIMITS.location).optional(),
  villageIds: idListSchema.optional(),
  sixInto: z.array(codeSchema).max(50).refine((c) => new Set(c).size === c.length, rule('duplicateIds')).optional(),
  formIds: idListSchema.optional(),
  lawIds: idListSchema.optional(),
  departmentIds: idListSchema.optional(),
  targetGroupIds: idListSchema.optional(),
  audience: countSchema.optional(),
  consultations: countSchema.optional(),
  materials: materialsSchema.optional(),
  notes: optionalText(EVENT_LIMITS.notes).optional(),
};

interface DateRange {
  startDate?: string | undefined;
  endDate?: string | null | undefined;
}

/** Cross-field date rules, shared by create, and by update after merging with the stored event. */
export function dateRangeIssues(event: DateRange): { path: ['endDate']; code: 'endBeforeStart' | 'spanTooLong' }[] {
  const { startDate, endDate } = event;
  if (!startDate || !endDate) return [];
  const span = daysBetween(startDate, endDate);
  if (span < 0) return [{ path: ['endDate'], code: 'endBeforeStart' }];
  if (span >= EVENT_LIMITS.spanDays) return [{ path: ['endDate'], code: 'spanTooLong' }];
  return [];
}

function checkDateRange(event: DateRange, ctx: z.RefinementCtx) {
  for (const issue of dateRangeIssues(event)) {
    ctx.addIssue({ code: 'custom', path: issue.path, params: { code: issue.code }, input: event.endDate });
  }
}

export const EventCreateSchema = z.strictObject(eventFields).superRefine(checkDateRange).meta({ id: 'EventCreate' });
export type EventCreate = z.infer<typeof EventCreateSchema>;

/** PATCH: any subset of fields, plus the version the client last read (optimistic concurrency). */
export const EventPatchSchema = z
  .strictObject({ ...eventFields, version: z.number().int().min(1).max(INT32_MAX) })
  .partial()
  .required({ version: true })
  .superRefine(checkDateRange)
  .meta({ id: 'EventPatch' });
export type EventPatch = z.infer<typeof EventPatchSchema>;

export const EventSchema = z
  .object({
    id: idSchema,
    startDate: z.string(),
    endDate: z.string().nullable(),
    title: z.string(),
    townshipId: idSchema,
    campaignId: idSchema.nullable(),
    location: z.string(),
    villageIds: z.array(idSchema),
    sixInto: z.array(z.string()),
    formIds: z.array(idSchema),
    lawIds: z.array(idSchema),
    departmentIds: z.array(idSchema),
    targetGroupIds: z.array(idSchema),
    audience: z.number().int(),
    consultations: z.number().int(),
    materials: z.array(z.object({ materialTypeId: idSchema, quantity: z.number().int() })),
    notes: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Event' });
export type Event = z.infer<typeof EventSchema>;


export const EVENT_PAGE_SIZE_MAX = 200;

/** Filters shared by the list, its totals and (later) exports: what is on screen is what is counted. */
export const EventFilterSchema = z.strictObject({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  campaignId: queryIdSchema.optional(),
  villageId: queryIdSchema.optional(),
  townshipId: queryIdSchema.optional(),
  /** Breakdown filters, so a dashboard row opens exactly the events it counts. */
  sixInto: codeSchema.optional(),
  departmentId: queryIdSchema.optional(),
  formId: queryIdSchema.optional(),
  lawId: queryIdSchema.optional(),
  materialTypeId: queryIdSchema.optional(),
  q: z.string().trim().max(100).optional(),
  /** none: events without any evidence file (没有影像资料); mismatch: with a photo dated away from the event. */
  evidence: z.enum(['none', 'mismatch']).optional(),
});
export type EventFilter = z.infer<typeof EventFilterSchema>;

export const EventListQuerySchema = EventFilterSchema.extend({
  page: queryIntSchema(1, 100_000).default(1),
  pageSize: queryIntSchema(1, EVENT_PAGE_SIZE_MAX).default(20),
  sort: z.enum(EVENT_SORTS).default('-startDate'),
}).superRefine((query, ctx) => {
  if (query.from && query.to && query.to < query.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], params: { code: 'endBeforeStart' }, input: query.to });
  }
});
export type EventListQuery = z.infer<typeof EventListQuerySchema>;

export const TotalsSchema = z.object({
  activities: z.number().int(),
  leaflets: z.number().int(),
  audience: z.number().int(),
  consultations: z.number().int(),
  villagesReached: z.number().int(),
});

/** A row of the ledger: the event and its evidence counts (photo icon, 照片日期不符). */
export const EventListItemSchema = EventSchema.extend({ evidence: EventEvidenceSummarySchema }).meta({ id: 'EventListItem' });
export type EventListItem = z.infer<typeof EventListItemSchema>;

export const EventListResponseSchema = z.object({
  items: z.array(EventListItemSchema),
  total: z.number().int(),
  /** Totals of every row matching the filter (not just this page), per the counting rules. */
  totals: TotalsSchema,
});
export type EventListResponse = z.infer<typeof EventListResponseSchema>;

export const EventIdParamsSchema = z.strictObject({ id: queryIdSchema });
