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
  | 'yearOrRange'
  | 'wholeNumber'
  | 'unstorableText';

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

/** The largest value of the database's integer columns (ids, versions, counts). */
export const INT32_MAX = 2_147_483_647;

export const idSchema = z.number().int().positive().max(INT32_MAX);

/**
 * A whole number from a URL (path or query string): decimal digits only, so
 * "0x10", "1e3", " 1" or "+1" are refused rather than read as 16, 1000 or 1.
 */
export const queryIntSchema = (min: number, max: number) =>
  z
    .string()
    .refine((text) => /^[0-9]{1,10}$/.test(text), { ...rule('wholeNumber'), abort: true })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** An id from a URL: digits only. */
export const queryIdSchema = queryIntSchema(1, INT32_MAX);

/**
 * NUL cannot be stored in PostgreSQL text, and a lone UTF-16 surrogate would be
 * stored as U+FFFD: text with either is refused, never silently changed.
 */
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const isStorableText = (text: string) => !UNSTORABLE_TEXT.test(text);

/** The path of the first string (or key) anywhere in a request that cannot be stored; null when there is none. */
export function findUnstorableText(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = isStorableText(key) ? findUnstorableText(item, [...path, key]) : [...path, key];
      if (found) return found;
    }
  }
  return null;
}

export const idListSchema = z
  .array(idSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, rule('duplicateIds'));

export const codeSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Trimmed text; a required one must not be blank after trimming. */
const storableString = () => z.string().refine(isStorableText, { ...rule('unstorableText'), abort: true });
export const requiredText = (max: number) => storableString().trim().min(1).max(max);
export const optionalText = (max: number) => storableString().trim().max(max);
