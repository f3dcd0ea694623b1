// How two spellings of the same thing in a ledger cell are compared: full-width
// and half-width forms are the same (NFKC), spaces never matter.
import type { Bilingual } from '../validation-messages.ts';

export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A cell's text as typed, with NFKC forms and outer spaces gone. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).normalize('NFKC').trim();
}

/** Separators clerks put between several names in one cell ("银杏村、红岩村", "司法所，派出所"). */
const LIST_SEPARATORS = /[、,;/|\n\r\t]+|\s+/;

/**
 * The names listed in one cell. A trailing 等 ("银杏村等") is dropped and
 * reported, since it says the list is incomplete.
 */
export function splitNames(text: string): { names: string[]; trailingEtc: boolean } {
  const names = cellText(text)
    .split(LIST_SEPARATORS)
    .map((s) => s.trim())
    .filter(Boolean);
  const last = names.at(-1);
  const trailingEtc = Boolean(last && last.length > 1 && last.endsWith('等'));
  if (trailingEtc) names[names.length - 1] = last!.slice(0, -1);
  return { names, trailingEtc };
}

/** An interpretation of a cell: what was written, what it was read as, and why. */
export interface Interpretation {
  field: string;
  from: string;
  message: string;
  messageEn: string;
}

export const interpretation = (field: string, from: string, words: Bilingual): Interpretation => ({ field, from, message: words.zh, messageEn: words.en });
