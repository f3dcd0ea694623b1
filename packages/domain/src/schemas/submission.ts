// Submissions (上报) and the county's views, as the API accepts and returns them.
import { z } from 'zod';
import { idSchema, optionalText, queryIdSchema, queryIntSchema, requiredText, rule, MIN_YEAR, MAX_YEAR } from './common.ts';
import { TotalsSchema } from './event.ts';
import { PERIOD_PATTERN, SUBMISSION_STATUSES } from '../submissions.ts';
import { ORG_UNIT_LEVELS } from '../org-units.ts';

export const PeriodSchema = z
  .string()
  .refine((p) => PERIOD_PATTERN.test(p), rule('periodFormat'))
  .meta({ description: 'A month "YYYY-MM" or a whole year "YYYY"', example: '2026-11' });

const PeriodStatusSchema = z.enum(['none', ...SUBMISSION_STATUSES]);
const yearQuery = queryIntSchema(MIN_YEAR, MAX_YEAR);

export const SubmissionCreateSchema = z
  .strictObject({ townshipId: idSchema, period: PeriodSchema, note: optionalText(1000).optional() })
  .meta({ id: 'SubmissionCreate' });
export type SubmissionCreate = z.infer<typeof SubmissionCreateSchema>;

export const SubmissionReturnSchema = z.strictObject({ reason: requiredText(1000) }).meta({ id: 'SubmissionReturn' });
export type SubmissionReturn = z.infer<typeof SubmissionReturnSchema>;

export const SubmissionSchema = z
  .object({
    id: idSchema,
    townshipId: idSchema,
    period: z.string(),
    status: z.enum(SUBMISSION_STATUSES),
    note: z.string(),
    returnReason: z.string(),
    submittedAt: z.string(),
    submittedBy: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    reviewedBy: z.string().nullable(),
  })
  .meta({ id: 'Submission' });
export type Submission = z.infer<typeof SubmissionSchema>;

export const SubmissionStepSchema = z.object({
  at: z.string(),
  action: z.enum(['submit', 'approve', 'return']),
  by: z.string().nullable(),
  /** The township's note on a submit, the county's reason on a return. */
  text: z.string(),
});
export type SubmissionStep = z.infer<typeof SubmissionStepSchema>;

export const SubmissionDetailSchema = SubmissionSchema.extend({ history: z.array(SubmissionStepSchema) }).meta({ id: 'SubmissionDetail' });
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;

export const ReportingSettingSchema = z
  .strictObject({
    monthDueDay: z.number().int().min(1).max(28),
    yearDueMonth: z.number().int().min(1).max(12),
    yearDueDay: z.number().int().min(1).max(28),
  })
  .meta({ id: 'ReportingSetting' });
export type ReportingSetting = z.infer<typeof ReportingSettingSchema>;

export const SubmissionGridQuerySchema = z.strictObject({
  /** Default: the county of the user's own org unit. */
  countyId: queryIdSchema.optional(),
  year: yearQuery,
});
export type SubmissionGridQuery = z.infer<typeof SubmissionGridQuerySchema>;

export const PeriodCellSchema = z.object({
  period: z.string(),
  status: PeriodStatusSchema,
  dueDate: z.string(),
  /** False before the township's first reporting month: neither due nor late. */
  required: z.boolean(),
  late: z.boolean(),
  submissionId: idSchema.nullable(),
  returnReason: z.string(),
});
export type PeriodCell = z.infer<typeof PeriodCellSchema>;

export const SubmissionGridSchema = z
  .object({
    countyId: idSchema,
    year: z.number().int(),
    today: z.string(),
    rules: ReportingSettingSchema,
    rows: z.array(
      z.object({
        townshipId: idSchema,
        name: z.string(),
        nameEn: z.string(),
        /** The township's first reporting month ("YYYY-MM"). */
        reportingFrom: z.string(),
        cells: z.array(PeriodCellSchema),
      }),
    ),
  })
  .meta({ id: 'SubmissionGrid' });
export type SubmissionGrid = z.infer<typeof SubmissionGridSchema>;

export const PeriodSummaryQuerySchema = z.strictObject({ townshipId: queryIdSchema, period: PeriodSchema });
export type PeriodSummaryQuery = z.infer<typeof PeriodSummaryQuerySchema>;

export const PeriodSummarySchema = z
  .object({
    townshipId: idSchema,
    period: z.string(),
    from: z.string(),
    to: z.string(),
    cell: PeriodCellSchema,
    totals: TotalsSchema,
    /** The year-end-check style gaps of the period's events. */
    gaps: z.object({ withoutVillages: z.number().int(), withoutMaterials: z.number().int(), withoutEvidence: z.number().int() }),
    /** Who submits for the township: its active clerks and administrators (display names), for a leader to ask. */
    submitters: z.array(z.string()),
  })
  .meta({ id: 'PeriodSummary' });
export type PeriodSummary = z.infer<typeof PeriodSummarySchema>;

export const CountyPeriodQuerySchema = z.strictObject({ countyId: queryIdSchema.optional(), period: PeriodSchema });
export type CountyPeriodQuery = z.infer<typeof CountyPeriodQuerySchema>;

export const RankingRowSchema = z.object({
  rank: z.number().int(),
  townshipId: idSchema,
  name: z.string(),
  nameEn: z.string(),
  activities: z.number().int(),
  leaflets: z.number().int(),
  audience: z.number().int(),
  villagesReached: z.number().int(),
  villagesTotal: z.number().int(),
  /** villagesReached / villagesTotal, 0 for a township without villages. */
  coverage: z.number(),
  activitiesPerVillage: z.number(),
  leafletsPerVillage: z.number(),
  audiencePerVillage: z.number(),
});
export type RankingRow = z.infer<typeof RankingRowSchema>;

export const RankingSchema = z
  .object({ countyId: idSchema, period: z.string(), from: z.string(), to: z.string(), rows: z.array(RankingRowSchema) })
  .meta({ id: 'Ranking' });
export type Ranking = z.infer<typeof RankingSchema>;

export const CountyYearQuerySchema = z.strictObject({ countyId: queryIdSchema.optional(), year: yearQuery });
export type CountyYearQuery = z.infer<typeof CountyYearQuerySchema>;

export const NamedDayMatrixSchema = z
  .object({
    countyId: idSchema,
    year: z.number().int(),
    days: z.array(z.object({ campaignId: idSchema, name: z.string(), nameEn: z.string() })),
    /**
     * counts[i]: the township's events of days[i] in the year; 0 means it did not act.
     * required[i]: false when days[i] ended before the township's reporting start (reportingFrom,
     * "YYYY-MM"), so a 0 there is 无需上报, not a miss.
     */
    rows: z.array(
      z.object({ townshipId: idSchema, name: z.string(), nameEn: z.string(), reportingFrom: z.string(), counts: z.array(z.number().int()), required: z.array(z.boolean()) }),
    ),
  })
  .meta({ id: 'NamedDayMatrix' });
export type NamedDayMatrix = z.infer<typeof NamedDayMatrixSchema>;

// Above the county (issue 20): a city's or province's units one level down, each a count of its
// townships. The unit is in the path (GET /api/org-units/:id/…); one outside the user's subtree is 404.

export const OrgUnitParamsSchema = z.strictObject({ id: queryIdSchema });
export type OrgUnitParams = z.infer<typeof OrgUnitParamsSchema>;

export const UnitYearQuerySchema = z.strictObject({ year: yearQuery });
export type UnitYearQuery = z.infer<typeof UnitYearQuerySchema>;

const ProgressUnitSchema = z.object({ id: idSchema, name: z.string(), nameEn: z.string(), level: z.enum(ORG_UNIT_LEVELS) });

/** One period of one unit one level down: how many of its townships are in each state. */
export const SubmissionCountsSchema = z.object({
  period: z.string(),
  /** The unit's townships (in the user's scope). */
  townships: z.number().int(),
  /** Of them, those whose reporting had started by the period (the others are neither due nor late). */
  required: z.number().int(),
  /** Submitted and waiting, or approved (a returned period is not counted here). */
  submitted: z.number().int(),
  approved: z.number().int(),
  returned: z.number().int(),
  /** Required, past its county's due day, and neither submitted nor approved. */
  late: z.number().int(),
});
export type SubmissionCounts = z.infer<typeof SubmissionCountsSchema>;

export const SubmissionProgressSchema = z
  .object({
    unit: ProgressUnitSchema,
    year: z.number().int(),
    today: z.string(),
    /** The units one level down (a city's counties, a province's cities), each with the twelve months and the year. */
    rows: z.array(ProgressUnitSchema.extend({ cells: z.array(SubmissionCountsSchema) })),
  })
  .meta({ id: 'SubmissionProgress' });
export type SubmissionProgress = z.infer<typeof SubmissionProgressSchema>;

export const NamedDayProgressSchema = z
  .object({
    unit: ProgressUnitSchema,
    year: z.number().int(),
    days: z.array(z.object({ campaignId: idSchema, name: z.string(), nameEn: z.string() })),
    /**
     * Per unit one level down: townships (in scope); marked[i]: how many of them held an event of
     * days[i] in the year; required[i]: how many of them days[i] is asked of (it did not end before
     * the township's reporting start).
     */
    rows: z.array(ProgressUnitSchema.extend({ townships: z.number().int(), marked: z.array(z.number().int()), required: z.array(z.number().int()) })),
  })
  .meta({ id: 'NamedDayProgress' });
export type NamedDayProgress = z.infer<typeof NamedDayProgressSchema>;
