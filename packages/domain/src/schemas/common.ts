import { z } from 'zod';
import { isRealDate, ISO_DATE_PATTERN } from '../dates.ts';

/** Custom checks name their rule in params.code; validation-messages.ts words it for people. */
export type RuleCode =
  | 'dateFormat'
  | 'dateNotExist'
  | 'dateOutOfRange'
  | 'endBeforeStart'
  | 'spanTooLong'
  | 'dateTooFarAhead'
  | 'duplicateIds'
  | 'duplicateMaterialType'
  | 'notInPlanYear'
  | 'monthMismatch'
  | 'sameYear'
  | 'rangeTooLong'
  | 'yearOrRange';

export const rule = (code: RuleCode) => ({ params: { code } });

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** A calendar day as 'YYYY-MM-DD' that exists (no 2026-02-30) and lies in a sane range. */
export const isoDateSchema = z
  .string()
  .refine((d) => ISO_DATE_PATTERN.test(d), { ...rule('dateFormat'), abort: true })
  .refine(isRealDate, { ...rule('dateNotExist'), abort: true })
  .refine((d) => {
    const year = Number(d.slice(0, 4));
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }, { ...rule('dateOutOfRange'), abort: true })
  .meta({ format: 'date', example: '2026-12-04' });

export const idSchema = z.number().int().positive().max(2_147_483_647);

/** An id from a query string: digits only. */
export const queryIdSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const idListSchema = z
  .array(idSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, rule('duplicateIds'));

export const codeSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Trimmed text; a required one must not be blank after trimming. */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max);
