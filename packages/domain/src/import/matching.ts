// Matching names typed in a ledger to the office's villages, departments and
// catalogs, the way a clerk would accept: "银杏村委会", "银杏" and "银杏村" are
// one village; full-width punctuation is ignored; "全镇各村" is every village.
// Anything less certain is not matched but offered as the closest names.
import { distance } from 'fastest-levenshtein';
import type { Bilingual } from '../validation-messages.ts';
import { chineseNumeral } from './numbers.ts';
import { normalizeText, splitNames } from './text.ts';

export interface NamedEntry {
  id: number;
  name: string;
}

/** Longest first, so "社区居委会" goes before "社区". */
export const VILLAGE_SUFFIXES = ['社区居民委员会', '社区居委会', '村民委员会', '居民委员会', '村委会', '居委会', '村委', '社区', '居委', '村'];

/** The name without punctuation or a suffix: what two spellings share. */
export function coreName(name: string, suffixes: readonly string[] = []): string {
  const text = normalizeText(name).replace(/[\p{P}\p{S}]/gu, '');
  for (const suffix of suffixes) {
    if (text.length > suffix.length && text.endsWith(suffix)) return text.slice(0, -suffix.length);
  }
  return text;
}

export interface NameMatchOptions {
  suffixes?: readonly string[];
  /**
   * Names the clerk matched by hand before (normalized text → id), remembered per office;
   * null: the name is not counted (「不计入」, e.g. a department the township does not list).
   */
  aliases?: Readonly<Record<string, number | null>>;
  /** Accept a name that contains exactly one entry's name ("镇司法所" → 司法所), as an interpretation. */
  acceptContained?: boolean;
}

export type NameMatch =
  | { kind: 'match'; id: number; how: 'exact' | 'alias' | 'contained' }
  | { kind: 'unknown'; candidates: NamedEntry[] };

export const aliasKey = (text: string) => normalizeText(text);

/** One name against a list; unknown names come with up to three closest entries. */
export function matchName(text: string, entries: readonly NamedEntry[], options: NameMatchOptions = {}): NameMatch {
  const suffixes = options.suffixes ?? [];
  const alias = options.aliases?.[aliasKey(text)];
  if (alias !== undefined && alias !== null && entries.some((e) => e.id === alias)) return { kind: 'match', id: alias, how: 'alias' };
  const core = coreName(text, suffixes);
  const cores = entries.map((entry) => ({ entry, core: coreName(entry.name, suffixes) }));
  // The name written in full wins over a shared core: "新华社区" is 新华社区 even beside 新华村.
  const full = cores.filter((c) => normalizeText(c.entry.name) === normalizeText(text));
  const exact = full.length ? full : cores.filter((c) => c.core === core);
  if (exact.length === 1) return { kind: 'match', id: exact[0]!.entry.id, how: 'exact' };
  if (options.acceptContained && core.length > 0) {
    const contained = cores.filter((c) => c.core.length >= 2 && (core.includes(c.core) || c.core.includes(core)));
    if (contained.length === 1) return { kind: 'match', id: contained[0]!.entry.id, how: 'contained' };
  }
  const ranked = cores
    .map((c) => ({ ...c, score: distance(core, c.core) - (c.core.includes(core) || core.includes(c.core) ? 1 : 0) }))
    .filter((c) => c.score < Math.max(2, Math.max(core.length, c.core.length)))
    .sort((a, b) => a.score - b.score || a.entry.name.localeCompare(b.entry.name, 'zh-CN'));
  return { kind: 'unknown', candidates: ranked.slice(0, 3).map((c) => c.entry) };
}

export interface UnknownName {
  text: string;
  candidates: NamedEntry[];
}

export interface NameListMatch {
  ids: number[];
  unknown: UnknownName[];
  interpreted?: Bilingual;
  error?: Bilingual;
}

/** Several names in one cell ("司法所、派出所"). */
export function matchNameList(text: string, entries: readonly NamedEntry[], options: NameMatchOptions = {}): NameListMatch {
  const { names, trailingEtc } = splitNames(text);
  const ids: number[] = [];
  const unknown: UnknownName[] = [];
  const contained: string[] = [];
  const remembered: string[] = [];
  const ignored: string[] = [];
  for (const name of names) {
    if (options.aliases?.[aliasKey(name)] === null) {
      ignored.push(name);
      continue;
    }
    const match = matchName(name, entries, options);
    if (match.kind === 'unknown') unknown.push({ text: name, candidates: match.candidates });
    else {
      if (!ids.includes(match.id)) ids.push(match.id);
      const entryName = entries.find((e) => e.id === match.id)!.name;
      const target = `${name}→${entryName}`;
      if (match.how === 'contained') contained.push(target);
      // A name added as a department under the same name needs no note.
      if (match.how === 'alias' && normalizeText(entryName) !== normalizeText(name)) remembered.push(target);
    }
  }
  const notes: Bilingual[] = [];
  // A choice made by hand (in this file or remembered from an earlier one) is shown, never applied silently.
  if (remembered.length) notes.push({ zh: `按已选的对应：${remembered.join('，')}`, en: `as matched by hand: ${remembered.join(', ')}` });
  if (ignored.length) notes.push({ zh: `按已选的对应不计入：${ignored.join('，')}`, en: `not counted, as chosen: ${ignored.join(', ')}` });
  if (contained.length) notes.push({ zh: `按相近名称：${contained.join('，')}`, en: `matched by a similar name: ${contained.join(', ')}` });
  if (trailingEtc) notes.push({ zh: '“等”之外的未记录', en: 'names hidden behind “等” (etc.) are not recorded' });
  return { ids, unknown, ...(notes.length ? { interpreted: { zh: notes.map((n) => n.zh).join('；'), en: notes.map((n) => n.en).join('; ') } } : {}) };
}

const WHOLE_TOWNSHIP = /^(?:全镇|全乡|全街道|全镇各|全乡各|各|全部|所有|辖区内?各?|全镇所有)(?:村|村居|村社|村\(社区\)|社区|行政村)?(?:\(社区\))?$|^全(?:镇|乡|街道)$/;
const VILLAGE_COUNT = /^(\d+|[一二两三四五六七八九十]+)个(?:村|村居|村\(社区\)|行政村|社区)/;

/** The villages a cell names: a list, "全镇各村" (all of them), or "10个村" (all only when that is every village). */
export function matchVillages(text: string, villages: readonly NamedEntry[], aliases?: Readonly<Record<string, number | null>>): NameListMatch {
  // NFKC has already made full-width brackets half-width.
  const compact = normalizeText(text);
  if (compact === '') return { ids: [], unknown: [] };
  if (WHOLE_TOWNSHIP.test(compact)) {
    return {
      ids: villages.map((v) => v.id),
      unknown: [],
      interpreted: { zh: `“${text}”按全部 ${villages.length} 个村（社区）计`, en: `“${text}” counted as all ${villages.length} villages` },
    };
  }
  const count = VILLAGE_COUNT.exec(compact);
  if (count) {
    const n = /^\d+$/.test(count[1]!) ? Number(count[1]) : chineseNumeral(count[1]!);
    if (n === villages.length) {
      return { ids: villages.map((v) => v.id), unknown: [], interpreted: { zh: `“${text}”即全部 ${n} 个村（社区）`, en: `“${text}” is all ${n} villages` } };
    }
    return {
      ids: [],
      unknown: [],
      error: { zh: `只写了村的个数（${text}），请写明是哪些村`, en: `only the number of villages is given (${text}); name them` },
    };
  }
  return matchNameList(text, villages, { suffixes: VILLAGE_SUFFIXES, ...(aliases ? { aliases } : {}) });
}
