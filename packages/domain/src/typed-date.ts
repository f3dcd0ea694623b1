// A date typed into a form's date field the way ledgers write dates: 2026-12-4, 2026.12.4,
// 2026/12/4, 20261204, 2026年12月4日, 十二月四日, 12月4日 (this year), a range "12月1日-5日".
// The same reading as the import's (import/dates.ts): one rule for what a date may look like.
import type { IsoDate } from './dates.ts';
import { parseLedgerDate } from './import/dates.ts';
import type { Bilingual } from './validation-messages.ts';

export type TypedDate =
  | { kind: 'blank' }
  | { kind: 'date'; startDate: IsoDate; endDate: IsoDate | null }
  | { kind: 'error'; words: Bilingual };

/** `today` gives the year of a date typed without one. */
export function readTypedDate(text: string, today: IsoDate): TypedDate {
  const result = parseLedgerDate(text, { year: Number(today.slice(0, 4)) });
  if (result.kind !== 'date') return result;
  return { kind: 'date', startDate: result.startDate, endDate: result.endDate };
}
