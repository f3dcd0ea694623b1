import { z } from 'zod';
import { STATS_GROUPS } from '../stats.ts';
import { isoDateSchema, queryIdSchema, rule } from './common.ts';
import { TotalsSchema } from './event.ts';

/** Ten years of months is the longest range a chart or a report asks for. */
export const STATS_MAX_YEARS = 10;

export const StatsQuerySchema = z
  .strictObject({
    from: isoDateSchema,
    to: isoDateSchema,
    /** A county, township or village in the user's scope; default: the whole scope. */
    orgUnitId: queryIdSchema.optional(),
    groupBy: z.enum(STATS_GROUPS),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], ...rule('endBeforeStart'), input: q.to });
    else if (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) >= STATS_MAX_YEARS) {
      ctx.addIssue({ code: 'custom', path: ['to'], ...rule('rangeTooLong'), input: q.to });
    }
  });
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

/** The list's totals (counting rules) and the number of villages in scope. */
export const StatsTotalsSchema = TotalsSchema.extend({ villagesTotal: z.number().int() });
export type StatsTotals = z.infer<typeof StatsTotalsSchema>;

export const StatsRowSchema = z.object({
  /** 'YYYY-MM' for months, an id or a 六进 code otherwise ('none': events with no campaign). */
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  activities: z.number().int(),
  leaflets: z.number().int(),
  audience: z.number().int(),
  /** Material-type rows: the quantity handed out, in the type's unit. */
  quantity: z.number().int().optional(),
  /** Township rows (the county roll-up): consultations and distinct villages reached. */
  consultations: z.number().int().optional(),
  villagesReached: z.number().int().optional(),
});
export type StatsRow = z.infer<typeof StatsRowSchema>;

export const StatsResponseSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    orgUnitId: z.number().int().nullable(),
    groupBy: z.enum(STATS_GROUPS),
    totals: StatsTotalsSchema,
    rows: z.array(StatsRowSchema),
  })
  .meta({ id: 'Stats' });
export type StatsResponse = z.infer<typeof StatsResponseSchema>;
