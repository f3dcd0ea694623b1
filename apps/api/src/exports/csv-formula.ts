// CSV has no types: Excel, WPS and LibreOffice run a cell that starts with
// = + - @ (or a tab or carriage return before one) as a formula, so a title
// typed as "=HYPERLINK(...)" would become a live link in every office that
// opens the export. OWASP's defence: start such a cell with an apostrophe,
// which spreadsheet programs read as "this is text". Numbers stay numbers.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}
