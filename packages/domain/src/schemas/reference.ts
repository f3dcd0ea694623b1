import { z } from 'zod';
import { ORG_UNIT_LEVELS, type OrgUnitNode } from '../org-units.ts';

const catalogEntry = {
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
};

/** Entries switched off stay listed (old events still name them); forms offer only active ones. */
export const CatalogEntrySchema = z.object({ ...catalogEntry, isActive: z.boolean() });
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

export const MaterialTypeSchema = z.object({
  ...catalogEntry,
  isActive: z.boolean(),
  unit: z.string(),
  unitEn: z.string(),
  countsAsLeaflet: z.boolean(),
});
export type MaterialType = z.infer<typeof MaterialTypeSchema>;

export const CampaignSchema = z.object({
  ...catalogEntry,
  townshipId: z.number().int().nullable(),
  isBuiltin: z.boolean(),
  description: z.string(),
  rule: z
    .object({ startMonth: z.number().int(), startDay: z.number().int().optional(), endMonth: z.number().int().optional(), endDay: z.number().int().optional() })
    .nullable(),
  periods: z.array(z.object({ year: z.number().int(), startDate: z.string(), endDate: z.string() })),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** Inactive departments stay listed so old events still show them; forms offer only active ones. */
export const DepartmentSchema = z.object({ ...catalogEntry, townshipId: z.number().int(), isActive: z.boolean() });
export type Department = z.infer<typeof DepartmentSchema>;


export const OrgUnitNodeSchema: z.ZodType<OrgUnitNode> = z
  .object({
    ...catalogEntry,
    level: z.enum(ORG_UNIT_LEVELS),
    parentId: z.number().int().nullable(),
    get children() {
      return z.array(OrgUnitNodeSchema);
    },
  })
  .meta({ id: 'OrgUnitNode' });

export const ReferenceSchema = z.object({
  orgUnits: z.array(OrgUnitNodeSchema),
  departments: z.array(DepartmentSchema),
  campaigns: z.array(CampaignSchema),
  materialTypes: z.array(MaterialTypeSchema),
  targetGroups: z.array(CatalogEntrySchema),
  forms: z.array(CatalogEntrySchema),
  laws: z.array(CatalogEntrySchema),
  sixInto: z.array(CatalogEntrySchema),
});
export type Reference = z.infer<typeof ReferenceSchema>;
