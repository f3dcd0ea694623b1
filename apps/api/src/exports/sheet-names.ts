// Worksheet names as Excel accepts them: at most 31 characters, none of \ / ? * [ ] :, not
// starting or ending with an apostrophe, not "History" (Excel's own), and unique in the workbook
// ignoring case. A unit's name becomes its sheet's name, so any of these may come from the data.
// Apostrophes are replaced anywhere: ExcelJS quotes the name unescaped in the print ranges.

export const SHEET_NAME_MAX = 31;

/** The characters Excel refuses in a sheet name, each replaced by a full-width look-alike or a space. */
const FORBIDDEN: Record<string, string> = { '\\': '＼', '/': '／', '?': '？', '*': '＊', '[': '（', ']': '）', ':': '：' };

/** At most `max` UTF-16 units (Excel's count), never splitting a character in two. */
function truncate(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}

/** A name Excel accepts, on its own (uniqueness is the allocator's). */
export function legalSheetName(name: string): string {
  const replaced = name
    .replace(/[\\/?*[\]:]/g, (c) => FORBIDDEN[c] ?? ' ')
    // Control characters are not names; an apostrophe would end the quoted name in a print range.
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/'/g, '’')
    .trim();
  return truncate(replaced, SHEET_NAME_MAX).trim() || 'Sheet';
}

/**
 * Hands out sheet names, each unique in the workbook (Excel compares them ignoring case). A name
 * taken already gets " (2)", " (3)"… at its end, the name cut shorter to leave room within 31.
 */
export function createSheetNamer(reserved: readonly string[] = []) {
  const taken = new Set(['history', ...reserved.map((n) => n.toLowerCase())]);
  return (wanted: string): string => {
    const base = legalSheetName(wanted);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      name = `${truncate(base, SHEET_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    }
    taken.add(name.toLowerCase());
    return name;
  };
}
