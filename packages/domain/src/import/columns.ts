// Finding the header row of a ledger sheet and guessing what each column holds
// from the header variants offices use ("活动时间"/"时间"/"日期", "参与人数（人次）"…).
import { z } from 'zod';
import type { Bilingual } from '../validation-messages.ts';
import { normalizeText } from './text.ts';

export const IMPORT_BASE_FIELDS = [
  'ignore', 'serial', 'date', 'endDate', 'title', 'location', 'villages', 'departments', 'campaign',
  'sixInto', 'forms', 'laws', 'targetGroups', 'audience', 'consultations', 'notes',
] as const;
export type ImportBaseField = (typeof IMPORT_BASE_FIELDS)[number];
/** A base field, or `material:<material type id>` for a column of one kind of material. */
export type ImportField = ImportBaseField | `material:${number}`;

export const ImportFieldSchema = z.union([z.enum(IMPORT_BASE_FIELDS), z.string().regex(/^material:\d{1,10}$/)]) as z.ZodType<ImportField>;

export const materialField = (materialTypeId: number): ImportField => `material:${materialTypeId}`;
export const materialIdOf = (field: string): number | null => (field.startsWith('material:') ? Number(field.slice(9)) : null);

/** Fields one column at most may feed (a second such column is left out, the clerk can remap). */
const SINGLE_COLUMN_FIELDS = new Set<string>(['serial', 'date', 'endDate', 'title', 'location', 'campaign', 'audience', 'consultations']);

/** Header variants, by field, as they appear once units in brackets are removed. */
const HEADER_WORDS: Record<Exclude<ImportBaseField, 'ignore'>, readonly string[]> = {
  serial: ['序号', '编号', '序'],
  date: ['活动时间', '时间', '日期', '活动日期', '开展时间', '宣传时间', '开始日期', '开始时间', '举办时间'],
  endDate: ['结束日期', '结束时间', '截止日期', '截止时间'],
  title: ['活动主题', '活动名称', '内容', '活动内容', '主题', '宣传主题', '宣传内容', '名称', '活动项目'],
  location: ['地点', '活动地点', '宣传地点', '地址', '场所', '活动场所'],
  villages: ['涉及村(社区)', '涉及村', '覆盖村', '覆盖村(社区)', '村(社区)', '村', '社区', '村居', '涉及村居', '覆盖村居', '覆盖范围', '宣传村', '覆盖村社'],
  departments: ['参与单位', '组织单位', '主办单位', '牵头单位', '单位', '部门', '参与部门', '责任单位', '协办单位', '组织部门'],
  campaign: ['宣传节点', '节点', '主题日', '宣传日', '专项活动', '活动类别', '宣传活动类型'],
  sixInto: ['六进', '六进类别', '法律六进', '六进类型'],
  forms: ['活动形式', '形式', '宣传形式', '方式', '宣传方式'],
  laws: ['宣传法律', '法律法规', '涉及法律', '宣传法规', '宣传的法律法规'],
  targetGroups: ['宣传对象', '对象', '受众群体', '参与对象'],
  audience: ['参与人数', '受众', '受众人次', '人数', '参加人数', '受教育人数', '受教育群众', '群众人数', '覆盖人数', '受众人数', '参与人次', '受教育人次'],
  consultations: ['咨询人次', '咨询人数', '咨询', '接受咨询', '解答咨询', '现场咨询'],
  notes: ['备注', '说明', '其他'],
};

/** The words people see for each field (preview, mapping selector, template header). */
export const IMPORT_FIELD_LABELS: Record<ImportBaseField, Bilingual> = {
  ignore: { zh: '不导入', en: 'Do not import' },
  serial: { zh: '序号（不导入）', en: 'Row number (not imported)' },
  date: { zh: '活动日期', en: 'Date' },
  endDate: { zh: '结束日期', en: 'End date' },
  title: { zh: '活动主题', en: 'Title' },
  location: { zh: '地点', en: 'Location' },
  villages: { zh: '覆盖村（社区）', en: 'Villages reached' },
  departments: { zh: '参与单位', en: 'Departments' },
  campaign: { zh: '宣传节点', en: 'Campaign' },
  sixInto: { zh: '六进类别', en: 'Six-into places' },
  forms: { zh: '活动形式', en: 'Forms' },
  laws: { zh: '宣传法律', en: 'Laws publicised' },
  targetGroups: { zh: '宣传对象', en: 'Target groups' },
  audience: { zh: '受众人次', en: 'Audience (person-times)' },
  consultations: { zh: '咨询人次', en: 'Consultations' },
  notes: { zh: '备注', en: 'Notes' },
};

export interface MaterialTypeLike {
  id: number;
  name: string;
  /** For English messages; the Chinese name when absent. */
  nameEn?: string;
  unit: string;
  countsAsLeaflet: boolean;
}

/** A header with its unit in brackets taken off: "参与人数（人次）" → { words: "参与人数", unit: "人次" }. */
export function splitHeader(header: string): { words: string; unit: string } {
  const text = normalizeText(header);
  const unit = /\(([^)]*)\)$/.exec(text)?.[1] ?? '';
  const words = text.replace(/\([^)]*\)$/, '').replace(/[:：*＊]/g, '');
  // "涉及村(社区)" keeps its bracket: it is part of the name, not a unit.
  if (words !== '' && ['社区', '村居'].includes(unit)) return { words: text, unit: '' };
  return { words, unit };
}

/** The key a header is remembered by: same words, same column, on every sheet and in every file. */
export const headerKey = (header: string) => normalizeText(header);

const materialWords = (type: MaterialTypeLike) => type.name.split('/').map((w) => normalizeText(w)).filter(Boolean);

function guessMaterial(words: string, unit: string, types: readonly MaterialTypeLike[]): MaterialTypeLike | undefined {
  const byName = types.find((t) => materialWords(t).some((w) => words.includes(w) || (w.length > 2 && w.includes(words) && words.length >= 2)));
  if (byName) return byName;
  // "发放资料（份）", "资料数量", "宣传单": the leaflet kind.
  if (/资料|传单|宣传单|宣传页|折页/.test(words)) return types.find((t) => t.countsAsLeaflet && (unit === '' || t.unit === unit)) ?? types.find((t) => t.countsAsLeaflet);
  return undefined;
}

export interface ColumnGuess {
  field: ImportField;
  /** 2: the header is a known variant; 1: it contains one; 0: not recognised. */
  score: 0 | 1 | 2;
}

export function guessColumn(header: string, materialTypes: readonly MaterialTypeLike[]): ColumnGuess {
  const { words, unit } = splitHeader(header);
  if (words === '') return { field: 'ignore', score: 0 };
  for (const [field, variants] of Object.entries(HEADER_WORDS)) {
    if (variants.some((v) => normalizeText(v) === words)) {
      // "发放资料" is both a form and a material: a header with a unit or a count is the material.
      return { field: field as ImportField, score: 2 };
    }
  }
  const material = guessMaterial(words, unit, materialTypes);
  if (material) return { field: materialField(material.id), score: 2 };
  // Longest variant first: "咨询人次" before "人次", "参与单位" before "单位".
  const contained = Object.entries(HEADER_WORDS)
    .flatMap(([field, variants]) => variants.filter((v) => v.length >= 2).map((v) => ({ field, variant: normalizeText(v) })))
    .filter((c) => words.includes(c.variant))
    .sort((a, b) => b.variant.length - a.variant.length);
  if (contained[0]) return { field: contained[0].field as ImportField, score: 1 };
  return { field: 'ignore', score: 0 };
}

/**
 * The mapping of a sheet's header cells: remembered choices first, then guesses.
 * A field that takes one column keeps the best-scoring (then the leftmost) one.
 */
export function guessMapping(
  headers: readonly string[],
  materialTypes: readonly MaterialTypeLike[],
  remembered: Readonly<Record<string, ImportField>> = {},
): { field: ImportField; guessed: boolean }[] {
  const guesses = headers.map((header) => {
    const known = remembered[headerKey(header)];
    if (known) return { field: known, score: 3, guessed: false };
    const guess = guessColumn(header, materialTypes);
    return { field: guess.field, score: guess.score as number, guessed: true };
  });
  const best = new Map<string, number>();
  guesses.forEach((g, index) => {
    if (!SINGLE_COLUMN_FIELDS.has(g.field) && !g.field.startsWith('material:')) return;
    const current = best.get(g.field);
    if (current === undefined || guesses[current]!.score < g.score) best.set(g.field, index);
  });
  return guesses.map((g, index) => {
    const single = SINGLE_COLUMN_FIELDS.has(g.field) || g.field.startsWith('material:');
    return { field: single && best.get(g.field) !== index ? 'ignore' : g.field, guessed: g.guessed };
  });
}

/** How many cells of a row read as known headers: the header row is the row that reads best. */
export function headerScore(cells: readonly unknown[], materialTypes: readonly MaterialTypeLike[]): number {
  const fields = new Set<string>();
  let score = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const guess = guessColumn(cell, materialTypes);
    if (guess.score === 0 || guess.field === 'ignore' || fields.has(guess.field)) continue;
    fields.add(guess.field);
    score += guess.score;
  }
  // A header names what an event is: a date or a title at least.
  return fields.has('date') || fields.has('title') ? score : 0;
}

/** Rows searched for a header, below the title lines. */
export const HEADER_SEARCH_ROWS = 30;
/** A header needs this score: two exact headers, or more that merely contain the words. */
export const MIN_HEADER_SCORE = 4;
