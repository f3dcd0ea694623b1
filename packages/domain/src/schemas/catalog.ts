// What an office may edit in its catalogs: its own campaigns, the dates of a
// campaign in a given year, and its departments.
import { z } from 'zod';
import { SHARED_CATALOGS } from '../vocabulary.ts';
import { daysBetween, daysInMonth } from '../dates.ts';
import { idSchema, isoDateSchema, MAX_YEAR, MIN_YEAR, optionalText, queryIdSchema, queryIntSchema, requiredText } from './common.ts';

const month = z.number().int().min(1).max(12);
const day = z.number().int().min(1).max(31);

export const CampaignRuleSchema = z
  .strictObject({ startMonth: month, startDay: day.optional(), endMonth: month.optional(), endDay: day.optional() })
  .superRefine((rule, ctx) => {
    // 2024 is a leap year: 2.29 is a day a yearly rule may name.
    if (rule.startDay && rule.startDay > daysInMonth(2024, rule.startMonth)) {
      ctx.addIssue({ code: 'custom', path: ['startDay'], params: { code: 'dateNotExist' }, input: rule.startDay });
    }
    if (rule.endMonth && rule.endDay && rule.endDay > daysInMonth(2024, rule.endMonth)) {
      ctx.addIssue({ code: 'custom', path: ['endDay'], params: { code: 'dateNotExist' }, input: rule.endDay });
    }
  });

export const CampaignCreateSchema = z
  .strictObject({
    townshipId: idSchema,
    name: requiredText(100),
    nameEn: optionalText(100).optional(),
    description: optionalText(500).optional(),
    rule: CampaignRuleSchema.nullable().optional(),
  })
  .meta({ id: 'CampaignCreate' });
export type CampaignCreate = z.infer<typeof CampaignCreateSchema>;

/** A campaign's dates in one year, e.g. 宪法宣传周 2025: 12-01 to 12-07. */
export const CampaignPeriodInputSchema = z
  .strictObject({ startDate: isoDateSchema, endDate: isoDateSchema })
  .superRefine((period, ctx) => {
    const span = daysBetween(period.startDate, period.endDate);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['endDate'], params: { code: 'endBeforeStart' }, input: period.endDate });
    else if (span > 366) ctx.addIssue({ code: 'custom', path: ['endDate'], params: { code: 'spanTooLong' }, input: period.endDate });
  })
  .meta({ id: 'CampaignPeriodInput' });
export type CampaignPeriodInput = z.infer<typeof CampaignPeriodInputSchema>;

export const CampaignPeriodParamsSchema = z.strictObject({
  id: queryIdSchema,
  year: queryIntSchema(MIN_YEAR, MAX_YEAR),
});

export const DepartmentCreateSchema = z
  .strictObject({ townshipId: idSchema, name: requiredText(100), nameEn: optionalText(100).optional() })
  .meta({ id: 'DepartmentCreate' });
export type DepartmentCreate = z.infer<typeof DepartmentCreateSchema>;

export const DepartmentPatchSchema = z
  .strictObject({ name: requiredText(100).optional(), nameEn: optionalText(100).optional(), isActive: z.boolean().optional() })
  .meta({ id: 'DepartmentPatch' });
export type DepartmentPatch = z.infer<typeof DepartmentPatchSchema>;


export const SharedCatalogParamsSchema = z.strictObject({ catalog: z.enum(SHARED_CATALOGS) });
export const SharedCatalogEntryParamsSchema = z.strictObject({ catalog: z.enum(SHARED_CATALOGS), id: queryIdSchema });

/** A new entry; unit and countsAsLeaflet belong to material types only. */
export const CatalogEntryCreateSchema = z
  .strictObject({
    name: requiredText(100),
    nameEn: optionalText(150).optional(),
    unit: requiredText(16).optional(),
    unitEn: optionalText(32).optional(),
    countsAsLeaflet: z.boolean().optional(),
  })
  .meta({ id: 'CatalogEntryCreate' });
export type CatalogEntryCreate = z.infer<typeof CatalogEntryCreateSchema>;

export const CatalogEntryPatchSchema = z
  .strictObject({
    name: requiredText(100).optional(),
    nameEn: optionalText(150).optional(),
    unit: requiredText(16).optional(),
    unitEn: optionalText(32).optional(),
    countsAsLeaflet: z.boolean().optional(),
    isActive: z.boolean().optional(),
  })
  .meta({ id: 'CatalogEntryPatch' });
export type CatalogEntryPatch = z.infer<typeof CatalogEntryPatchSchema>;

/** An entry as the catalog editor shows it (inactive ones too). */
export const CatalogEntryAdminSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  isActive: z.boolean(),
  isBuiltin: z.boolean(),
  unit: z.string().optional(),
  unitEn: z.string().optional(),
  countsAsLeaflet: z.boolean().optional(),
});
export type CatalogEntryAdmin = z.infer<typeof CatalogEntryAdminSchema>;
