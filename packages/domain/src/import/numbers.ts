// Quantities as ledgers write them: "300余份", "约200", "1,200", "二十余",
// "1.2万", blank. Anything other than plain digits is an interpretation the
// clerk sees in the preview.
import type { Bilingual } from '../validation-messages.ts';
import { cellText } from './text.ts';

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CHINESE_NUMERAL = /^[零〇一二两三四五六七八九十百千万]+$/;

/** 二十 → 20, 一百二十五 → 125, 三千零五 → 3005, 两万 → 20000, 二〇二一 → 2021; null if not a numeral. */
export function chineseNumeral(text: string): number | null {
  if (!CHINESE_NUMERAL.test(text)) return null;
  // Digits only ("二〇二一"): read positionally, as years are written.
  if ([...text].every((ch) => ch in DIGITS)) {
    return text.length === 1 ? DIGITS[text]! : Number([...text].map((ch) => DIGITS[ch]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in UNITS) {
      section += (digit || 1) * UNITS[ch]!;
      digit = 0;
    } else {
      total += (section + digit) * 10_000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

export type QuantityResult =
  | { kind: 'blank' }
  | { kind: 'value'; value: number; interpreted?: Bilingual }
  | { kind: 'error'; words: Bilingual };

const APPROXIMATE_PREFIX = /^(?:大约|约|近|将近|接近|超过|逾|共计|共|计|合计)/;
const UNIT_SUFFIX = /(?:人次|余人|多人|余份|多份|人|份|条|册|张|块|件|次|场|幅|本|个|套|面|期|篇|条次)$/;
const APPROXIMATE_SUFFIX = /(?:左右|上下|以上|余|多|来|\+)$/;
const BLANK_WORDS = new Set(['', '/', '-', '—', '--', '——', '无数据', '—/—']);
const ZERO_WORDS = new Set(['无', '没有', '0']);

/** Reads a count or quantity; never guesses a number from text that holds none. */
export function parseQuantity(value: unknown): QuantityResult {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return { kind: 'error', words: { zh: '应为不小于 0 的数', en: 'must be a number of at least 0' } };
    if (Number.isInteger(value)) return { kind: 'value', value };
    return { kind: 'value', value: Math.floor(value), interpreted: { zh: `小数 ${value} 按 ${Math.floor(value)} 计`, en: `the decimal ${value} is counted as ${Math.floor(value)}` } };
  }
  const original = cellText(value);
  if (BLANK_WORDS.has(original)) return { kind: 'blank' };
  if (ZERO_WORDS.has(original)) return { kind: 'value', value: 0, ...(original === '0' ? {} : { interpreted: { zh: `“${original}”按 0 计`, en: `“${original}” is counted as 0` } }) };
  // "1,200" is plain digits with a thousands separator, not an interpretation.
  const plain = original.replace(/\s+/g, '').replace(/(?<=\d),(?=\d{3}(?!\d))/g, '');
  let text = plain;
  let approximate = false;
  if (APPROXIMATE_PREFIX.test(text)) {
    text = text.replace(APPROXIMATE_PREFIX, '');
    approximate = true;
  }
  // Units and "more than" markers in any order: 300余份, 200人次左右, 50多条.
  for (let i = 0; i < 4; i++) {
    const before = text;
    text = text.replace(UNIT_SUFFIX, '');
    if (APPROXIMATE_SUFFIX.test(text)) {
      text = text.replace(APPROXIMATE_SUFFIX, '');
      approximate = true;
    }
    if (text === before) break;
  }
  const range = /^(\d+)[-~至到](\d+)$/.exec(text);
  let number: number | null = null;
  if (range) {
    number = Number(range[1]);
    approximate = true;
  } else if (/^\d+$/.test(text)) number = Number(text);
  else if (/^\d+(?:\.\d+)?[万千百]$/.test(text)) {
    const scale = { 万: 10_000, 千: 1000, 百: 100 }[text.slice(-1) as '万' | '千' | '百'];
    number = Math.round(Number(text.slice(0, -1)) * scale);
  } else if (/^\d+\.\d+$/.test(text)) number = Math.floor(Number(text));
  else number = chineseNumeral(text);
  if (number === null || !Number.isFinite(number)) {
    return { kind: 'error', words: { zh: `读不出数字：“${original}”`, en: `cannot read a number in “${original}”` } };
  }
  if (/^\d+$/.test(text) && text === plain && !approximate) return { kind: 'value', value: number };
  const how = approximate ? { zh: '约数，', en: 'an approximate figure, ' } : { zh: '', en: '' };
  return { kind: 'value', value: number, interpreted: { zh: `“${original}”${how.zh}按 ${number} 计`, en: `“${original}”: ${how.en}counted as ${number}` } };
}
