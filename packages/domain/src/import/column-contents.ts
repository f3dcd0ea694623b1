// A column's header says one thing, its cells another: a 地点 column whose
// cells read 银杏村 / 松林 大坪 / 桂花材 holds the villages an event reached.
// The header guess is checked against the cells: a guessed column whose cells
// mostly name the township's villages (or departments) becomes that field;
// a column that merely looks so is flagged with the question before commit.
import { distance } from 'fastest-levenshtein';
import type { Bilingual } from '../validation-messages.ts';
import type { ImportField } from './columns.ts';
import { coreName, matchNameList, matchVillages, VILLAGE_SUFFIXES, type NamedEntry } from './matching.ts';

/** The fields a column's contents can reveal. */
export type ContentField = 'villages' | 'departments';

/** Header guesses the contents may overrule: free text, or a header not recognised at all. */
const REREADABLE = new Set<string>(['ignore', 'location', 'notes']);

export interface ColumnContentHint {
  /** The field the cells look like. */
  field: ContentField;
  /** true: the column was taken as that field (its header guess overruled); false: only asked. */
  applied: boolean;
  message: string;
  messageEn: string;
}

/** How surely one cell names entries of a list: every name known or one typo away; some of it close; none. */
export type CellLikeness = 'sure' | 'close' | 'none';

/** A name the list does not know exactly is still sure when one character away from its first candidate ("桂花材" → 桂花村). */
const oneTypoAway = (text: string, candidate: NamedEntry | undefined, suffixes: readonly string[]) =>
  candidate !== undefined && distance(coreName(text, suffixes), coreName(candidate.name, suffixes)) <= 1;

/** Whether a cell names villages: by the village matching the import itself uses. */
export function villageLikeness(text: string, villages: readonly NamedEntry[], aliases?: Readonly<Record<string, number | null>>): CellLikeness {
  const match = matchVillages(text, villages, aliases);
  if (match.error) return 'close';
  if (match.ids.length + match.unknown.length === 0) return 'none';
  if (match.unknown.every((u) => oneTypoAway(u.text, u.candidates[0], VILLAGE_SUFFIXES))) return 'sure';
  return match.ids.length > 0 || match.unknown.some((u) => u.candidates.length > 0) ? 'close' : 'none';
}

/** Whether a cell names departments: by the department matching the import itself uses. */
export function departmentLikeness(text: string, departments: readonly NamedEntry[], aliases?: Readonly<Record<string, number | null>>): CellLikeness {
  const match = matchNameList(text, departments, { acceptContained: true, ...(aliases ? { aliases } : {}) });
  if (match.ids.length + match.unknown.length === 0) return 'none';
  if (match.unknown.every((u) => oneTypoAway(u.text, u.candidates[0], []))) return 'sure';
  return match.ids.length > 0 || match.unknown.some((u) => u.candidates.length > 0) ? 'close' : 'none';
}

/** How much of a column's filled cells look like a field: 'sure' and 'close' are shares of the cells. */
export function columnLikeness(texts: readonly string[], likeness: (text: string) => CellLikeness): { sure: number; close: number } {
  const filled = texts.filter((t) => t !== '');
  if (filled.length === 0) return { sure: 0, close: 0 };
  const kinds = filled.map(likeness);
  const sure = kinds.filter((k) => k === 'sure').length;
  const close = kinds.filter((k) => k !== 'none').length;
  return { sure: sure / filled.length, close: close / filled.length };
}

const NOUN: Record<ContentField, Bilingual> = { villages: { zh: '村名', en: 'village names' }, departments: { zh: '单位名', en: 'department names' } };
const FIELD_WORDS: Record<ContentField, Bilingual> = { villages: { zh: '覆盖村', en: 'villages reached' }, departments: { zh: '参与单位', en: 'departments' } };

export interface ContentColumn {
  field: ImportField;
  header: string;
  /** false: chosen by a clerk (now or remembered): never overruled, only asked about. */
  guessed: boolean;
  /** The column's cells in the data rows, as text ('' for blank). */
  texts: readonly string[];
}

export interface ContentLists {
  villages: readonly NamedEntry[];
  departments: readonly NamedEntry[];
  aliases?: { villages?: Readonly<Record<string, number | null>>; departments?: Readonly<Record<string, number | null>> };
}

/**
 * The columns whose cells say more than their header: each gets its field (the
 * header's guess, or the field its cells name) and a hint when the cells look
 * like villages or departments. Most (more than half) of the filled cells sure:
 * a guessed column no other column feeds that field from becomes that field.
 * Most cells at least close, or the field already fed: only the question.
 */
export function checkColumnContents(columns: readonly ContentColumn[], lists: ContentLists): { field: ImportField; hint?: ColumnContentHint }[] {
  const fed = new Set<ImportField>(columns.map((c) => c.field));
  // A ledger repeats its villages and places: each text is judged once.
  const once = (judge: (text: string) => CellLikeness) => {
    const seen = new Map<string, CellLikeness>();
    return (text: string) => {
      let kind = seen.get(text);
      if (kind === undefined) seen.set(text, (kind = judge(text)));
      return kind;
    };
  };
  const likeness: Record<ContentField, (text: string) => CellLikeness> = {
    villages: once((text) => villageLikeness(text, lists.villages, lists.aliases?.villages)),
    departments: once((text) => departmentLikeness(text, lists.departments, lists.aliases?.departments)),
  };
  return columns.map((column) => {
    if (!REREADABLE.has(column.field)) return { field: column.field };
    for (const field of ['villages', 'departments'] as const) {
      const share = columnLikeness(column.texts, likeness[field]);
      if (share.close <= 0.5) continue;
      const noun = NOUN[field];
      const words = FIELD_WORDS[field];
      if (share.sure > 0.5 && column.guessed && !fed.has(field)) {
        fed.add(field);
        return {
          field,
          hint: {
            field,
            applied: true,
            message: `此列内容像${noun.zh}，已作为“${words.zh}”导入（表头为“${column.header}”）；如不对请改回`,
            messageEn: `This column holds ${noun.en}, so it is imported as “${words.en}” (its header is “${column.header}”); change it back if that is wrong`,
          },
        };
      }
      return {
        field: column.field,
        hint: { field, applied: false, message: `此列内容像${noun.zh}，是否作为“${words.zh}”？`, messageEn: `This column looks like ${noun.en}: import it as “${words.en}”?` },
      };
    }
    return { field: column.field };
  });
}
