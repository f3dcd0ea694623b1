import { z } from 'zod';
import { codeSchema, idListSchema, idSchema, isoDateSchema, MAX_YEAR, MIN_YEAR, optionalText, queryIdSchema, queryIntSchema, requiredText, rule } from './common.ts';
import { PLAN_STATUSES } from '../plans.ts';
import { EventSchema } from './event.ts';

const yearSchema = queryIntSchema(MIN_YEAR, MAX_YEAR);

const planItemFields = {
  townshipId: idSchema,
  year: z.number().int().min(2000).max(2100),
  campaignId: idSchema.nullable().optional(),
  title: requiredText(200),
  /** A planned day; leave it out for work planned for a whole month. */
  targetDate: isoDateSchema.nullable().optional(),
  targetMonth: z.number().int().min(1).max(12),
  villageIds: idListSchema.optional(),
  sixInto: z.array(codeSchema).max(50).optional(),
  departmentId: idSchema.nullable().optional(),
  targetAudience: z.number().int().min(0).max(1_000_000).optional(),
  targetLeaflets: z.number().int().min(0).max(10_000_000).optional(),
  notes: optionalText(1000).optional(),
};

function checkTiming(item: { year?: number; targetDate?: string | null; targetMonth?: number }, ctx: z.RefinementCtx) {
  if (!item.targetDate) return;
  if (item.year !== undefined && Number(item.targetDate.slice(0, 4)) !== item.year) {
    ctx.addIssue({ code: 'custom', path: ['targetDate'], params: { code: 'notInPlanYear' }, input: item.targetDate });
  }
  if (item.targetMonth !== undefined && Number(item.targetDate.slice(5, 7)) !== item.targetMonth) {
    ctx.addIssue({ code: 'custom', path: ['targetMonth'], params: { code: 'monthMismatch' }, input: item.targetMonth });
  }
}

export const PlanItemCreateSchema = z.strictObject(planItemFields).superRefine(checkTiming).meta({ id: 'PlanItemCreate' });
export type PlanItemCreate = z.infer<typeof PlanItemCreateSchema>;

export const PlanItemPatchSchema = z
  .strictObject(planItemFields)
  .omit({ townshipId: true, year: true })
  .partial()
  .superRefine(checkTiming)
  .meta({ id: 'PlanItemPatch' });
export type PlanItemPatch = z.infer<typeof PlanItemPatchSchema>;

export const PlanItemSchema = z
  .object({
    id: idSchema,
    townshipId: idSchema,
    year: z.number().int(),
    campaignId: idSchema.nullable(),
    title: z.string(),
    targetDate: z.string().nullable(),
    targetMonth: z.number().int(),
    villageIds: z.array(idSchema),
    sixInto: z.array(z.string()),
    departmentId: idSchema.nullable(),
    targetAudience: z.number().int(),
    targetLeaflets: z.number().int(),
    notes: z.string(),
    /** Events confirmed as fulfilling this item. */
    eventIds: z.array(idSchema),
    /** The same events with their titles and dates, by date, to show them by name. */
    events: z.array(z.object({ id: idSchema, title: z.string(), startDate: z.string() })),
    status: z.enum(PLAN_STATUSES),
    coveredVillageIds: z.array(idSchema),
  })
  .meta({ id: 'PlanItem' });
export type PlanItem = z.infer<typeof PlanItemSchema>;

/**
 * POST /api/events answers with the event and, when it was linked on save (autoLinkPlanItem),
 * that plan item's id and title: not the whole item, whose linked events grow all year.
 */
export const LinkedPlanItemSchema = z.object({ id: idSchema, title: z.string() }).meta({ id: 'LinkedPlanItem' });
export const EventCreatedSchema = EventSchema.extend({ linkedPlanItem: LinkedPlanItemSchema.optional() }).meta({ id: 'EventCreated' });
export type EventCreated = z.infer<typeof EventCreatedSchema>;

export const PlanQuerySchema = z.strictObject({ townshipId: queryIdSchema, year: yearSchema });
export type PlanQuery = z.infer<typeof PlanQuerySchema>;

export const PlanCopySchema = z
  .strictObject({ townshipId: idSchema, fromYear: z.number().int().min(2000).max(2100), toYear: z.number().int().min(2000).max(2100) })
  .refine((c) => c.fromYear !== c.toYear, { path: ['toYear'], ...rule('sameYear') })
  .meta({ id: 'PlanCopy' });
export type PlanCopy = z.infer<typeof PlanCopySchema>;

export const PlanLinkSchema = z.strictObject({ eventId: idSchema }).meta({ id: 'PlanLink' });

const PlanCheckEventSchema = z.object({ id: idSchema, startDate: z.string(), title: z.string() });

export const PlanCheckSchema = z
  .object({
    year: z.number().int(),
    townshipId: idSchema,
    items: z.array(PlanItemSchema),
    counts: z.object({ done: z.number().int(), partial: z.number().int(), notDone: z.number().int() }),
    villagesWithoutActivity: z.array(idSchema),
    sixIntoWithoutActivity: z.array(z.string()),
    campaignsWithoutActivity: z.array(idSchema),
    departmentsWithoutActivity: z.array(idSchema),
    /** The year's events with no evidence file (photo, sign-in sheet…), oldest first. */
    eventsWithoutEvidence: z.array(PlanCheckEventSchema),
    /** Events with a photo dated more than 2 days from the event. */
    eventsWithMismatchedPhotos: z.array(PlanCheckEventSchema),
  })
  .meta({ id: 'PlanCheck' });
export type PlanCheck = z.infer<typeof PlanCheckSchema>;

export const CalendarQuerySchema = z
  .strictObject({ townshipId: queryIdSchema, from: isoDateSchema, to: isoDateSchema })
  .refine((q) => q.to >= q.from && q.to <= `${Number(q.from.slice(0, 4)) + 1}${q.from.slice(4)}`, { path: ['to'], ...rule('spanTooLong') });
export type CalendarQuery = z.infer<typeof CalendarQuerySchema>;

export const CalendarSchema = z
  .object({
    namedDays: z.array(z.object({ campaignId: idSchema, startDate: z.string(), endDate: z.string() })),
    planItems: z.array(PlanItemSchema),
    events: z.array(z.object({ id: idSchema, startDate: z.string(), endDate: z.string().nullable(), title: z.string(), campaignId: idSchema.nullable() })),
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof CalendarSchema>;
