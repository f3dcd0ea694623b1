import { z } from 'zod';
import { isoDateSchema, MAX_YEAR, MIN_YEAR, queryIdSchema, queryIntSchema, rule } from './common.ts';
import { EventFilterSchema } from './event.ts';
import { STATS_MAX_YEARS, StatsTotalsSchema } from './stats.ts';

export const EXPORT_LANGUAGES = ['zh', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** A year, or a range (`from`, `to`), of an org unit in scope (default: the user's scope). */
export const PeriodQuerySchema = z
  .strictObject({
    year: queryIntSchema(MIN_YEAR, MAX_YEAR).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    orgUnitId: queryIdSchema.optional(),
    lang: z.enum(EXPORT_LANGUAGES).default('zh'),
    /** 'true': a county's roll-up counts only townships whose period the county approved (上报审核), and names the others. */
    approvedOnly: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.year === undefined && (!q.from || !q.to)) {
      ctx.addIssue({ code: 'custom', path: [q.from ? 'to' : 'year'], ...rule('yearOrRange'), input: undefined });
    } else if (q.from && q.to && q.to < q.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], ...rule('endBeforeStart'), input: q.to });
    } else if (q.from && q.to && Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4)) >= STATS_MAX_YEARS) {
      ctx.addIssue({ code: 'custom', path: ['to'], ...rule('rangeTooLong'), input: q.to });
    }
  });
export type PeriodQuery = z.infer<typeof PeriodQuerySchema>;

/** The period a PeriodQuery names: the year's days, or the range. */
export function periodOfQuery(q: PeriodQuery): { from: string; to: string } {
  return q.from && q.to ? { from: q.from, to: q.to } : { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
}

/** The ledger CSV takes the event list's filters, and an org unit above the township. */
export const LedgerCsvQuerySchema = EventFilterSchema.extend({
  lang: z.enum(EXPORT_LANGUAGES).default('zh'),
  /** A county, city or province in scope (the exports page's unit): the events of every township below it. */
  orgUnitId: queryIdSchema.optional(),
});
export type LedgerCsvQuery = z.infer<typeof LedgerCsvQuerySchema>;

const namedSchema = z.object({ name: z.string(), nameEn: z.string() });

export const AnnualReportSchema = z
  .object({
    figures: StatsTotalsSchema.extend({
      unitName: z.string(),
      unitNameEn: z.string(),
      from: z.string(),
      to: z.string(),
      campaigns: z.array(namedSchema),
      sixInto: z.array(namedSchema),
      laws: z.array(namedSchema),
      /** Each material kind handed out, with its unit, in the office's order. */
      materials: z.array(namedSchema.extend({ code: z.string(), unit: z.string(), unitEn: z.string(), quantity: z.number().int() })),
      /** With approvedOnly: the townships whose figures were left out (not approved for the whole period). */
      notApproved: z.array(namedSchema).optional(),
    }),
    /** Ready to paste: exact figures, the rounded "余" style, and English. */
    paragraphs: z.object({ exact: z.string(), rounded: z.string(), english: z.string() }),
  })
  .meta({ id: 'AnnualReport' });
export type AnnualReport = z.infer<typeof AnnualReportSchema>;
