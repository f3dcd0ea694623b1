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
  | 'unstorableText'
  | 'bidiControl'
  | 'nestedTooDeep'
  | 'periodFormat'
  | 'periodNotStarted';

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

/** Requests are JSON of a few levels; deeper nesting is refused before anything walks it. */
export const MAX_REQUEST_DEPTH = 32;

/**
 * The path of the first string (or key) anywhere in a request that cannot be
 * stored, or of the first value nested deeper than MAX_REQUEST_DEPTH; null when
 * there is none. Walks with its own stack: a body of 50,000 nested arrays must
 * not exhaust the call stack.
 */
export function findUnstorableText(value: unknown): { path: PropertyKey[]; rule: 'unstorableText' | 'nestedTooDeep' } | null {
  const pending: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { path, rule: 'unstorableText' };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= MAX_REQUEST_DEPTH) return { path, rule: 'nestedTooDeep' };
    const entries = Array.isArray(current) ? current.map((item, index) => [index, item] as const) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i]!;
      if (typeof key === 'string' && !isStorableText(key)) return { path: [...path, key], rule: 'unstorableText' };
      pending.push({ value: item, path: [...path, key] });
    }
  }
  return null;
}

export const idListSchema = z
  .array(idSchema)
  .max(500)
  .refine((ids) => new Set(ids).size === ids.length, rule('duplicateIds'));

export const codeSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

/**
 * Bidirectional embedding, override and isolate controls (U+202A–U+202E,
 * U+2066–U+2069) reorder how text is shown: a title can then read differently
 * in the ledger, the CSV and the workbook than what it holds. Chinese text never
 * needs them, so a field holding one is refused, as NUL is.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
export const hasBidiControl = (text: string) => BIDI_CONTROL.test(text);

/** Trimmed text; a required one must not be blank after trimming. */
const storableString = () =>
  z
    .string()
    .refine(isStorableText, { ...rule('unstorableText'), abort: true })
    .refine((text) => !hasBidiControl(text), { ...rule('bidiControl'), abort: true });
export const requiredText = (max: number) => storableString().trim().min(1).max(max);
export const optionalText = (max: number) => storableString().trim().max(max);
