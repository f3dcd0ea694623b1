// The publicity section of the annual rule-of-law report (法治政府建设年度报告),
// worded from the stats figures, in the style of the report in ../shared/seed/:
// "全镇开展宣传10余次，发放宣传资料3000余份". Exact figures and the rounded
// "余" style side by side, and an English rendering.
import { MATERIAL_REPORT_NAMES, MATERIAL_TYPES } from './catalogs/material-types.ts';
import { isWholeYear } from './dates.ts';
import type { OrgUnitLevel } from './org-units.ts';

/**
 * How reports write a figure (docs/counting-rules.md): two significant figures, rounded down,
 * and 余 ("more than") when something was cut; under 100 that is the figure itself, as published
 * accounts write small counts (摆放展板42个，挂图50张); from 10,000 on in 万 (and from
 * 100,000,000 in 亿). Never more than the exact figure.
 * 2,912 → 2900余, 4,830 → 4800余, 16,350 → 1.6万余, 132 → 130余, 42 → 42, 7 → 7.
 */
export function roundedChinese(n: number): string {
  if (n < 100) return String(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  const base = Math.floor(n / step) * step;
  const more = base === n ? '' : '余';
  // base has at most two significant figures, so the division is exact enough to print.
  if (base >= 100_000_000) return `${Number((base / 100_000_000).toPrecision(2))}亿${more}`;
  if (base >= 10_000) return `${Number((base / 10_000).toPrecision(2))}万${more}`;
  return `${base}${more}`;
}

/** A material kind handed out, put up or set up, with its unit. */
export interface ReportMaterial {
  /** The catalog code ('banner', 'display-board'…): chooses the verb. */
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  quantity: number;
}

const MATERIAL_VERBS: Record<string, { zh: string; en: string }> = {
  banner: { zh: '悬挂', en: 'put up' },
  'display-board': { zh: '摆放', en: 'set up' },
  'wall-chart': { zh: '张贴', en: 'put up' },
};
const HANDED_OUT = { zh: '发放', en: 'handed out' };
const verbOf = (m: ReportMaterial) => MATERIAL_VERBS[m.code] ?? HANDED_OUT;

/**
 * A material kind's name in a sentence: the catalog's report name (宣传资料/传单 → 宣传单) while the
 * office keeps the built-in label; any other name as the office wrote it, alternatives (手册/折页)
 * as a list (手册、折页), never with a slash.
 */
export function materialReportName(kind: { code: string; name: string }): string {
  const reportName = MATERIAL_REPORT_NAMES[kind.code];
  if (reportName && MATERIAL_TYPES.some((t) => t.code === kind.code && t.name === kind.name)) return reportName;
  return kind.name.split(/\s*[/／]\s*/).filter(Boolean).join('、');
}

/** Consecutive kinds with the same verb share it: 发放宣传资料6万余份、法律手册1.8万余册. */
function byVerb(materials: readonly ReportMaterial[]): { verb: { zh: string; en: string }; items: ReportMaterial[] }[] {
  const runs: { verb: { zh: string; en: string }; items: ReportMaterial[] }[] = [];
  for (const m of materials) {
    if (m.quantity <= 0) continue;
    const last = runs.at(-1);
    if (last && last.verb === verbOf(m)) last.items.push(m);
    else runs.push({ verb: verbOf(m), items: [m] });
  }
  return runs;
}

export interface ReportFigures {
  /** The org unit's name, e.g. 涂市镇, and in English. */
  unitName: string;
  unitNameEn: string;
  from: string;
  to: string;
  activities: number;
  leaflets: number;
  audience: number;
  consultations: number;
  /** Every material kind with its quantity, in the office's order (kinds at 0 are left out). */
  materials: ReportMaterial[];
  villagesReached: number;
  villagesTotal: number;
  /** Named days and themes with activity, most active first. */
  campaigns: { name: string; nameEn: string }[];
  sixInto: { name: string; nameEn: string }[];
  /** The main laws publicised, most often first. */
  laws: { name: string; nameEn: string }[];
  /** The roll-up was limited to approved figures (上报审核): the townships left out. */
  notApproved?: { name: string; nameEn: string }[];
}

export interface ReportParagraphs {
  exact: string;
  rounded: string;
  english: string;
}

function periodZh(from: string, to: string): string {
  if (isWholeYear(from, to)) return `${Number(from.slice(0, 4))}年`;
  const day = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return `${day(from)}至${day(to)}`;
}

const periodEn = (from: string, to: string) => (isWholeYear(from, to) ? `In ${from.slice(0, 4)}` : `From ${from} to ${to}`);

const listZh = (items: { name: string }[]) => items.map((i) => i.name).join('、');
function listEn(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Words that end the name of a unit of any level, longest first: 涂市镇 → 全镇, 示范市 → 全市, 示范省 → 全省. */
const LEVEL_WORDS = ['街道', '社区', '镇', '乡', '县', '区', '市', '省', '村'];

/**
 * The seed report's subject: a township's report says 全镇 (a county's 全县, a street's 全街道) for
 * the unit it is written for; a scope that is not one named unit (全部辖区) keeps its name.
 */
export function wholeOf(unitName: string): string {
  if (unitName.startsWith('全')) return unitName;
  const word = LEVEL_WORDS.find((w) => unitName.endsWith(w) && unitName.length > w.length);
  return word ? `全${word}` : unitName;
}

/** How many named days and laws a paragraph names before "等". */
export const REPORT_LIST_LENGTH = 5;

/**
 * The report's paragraphs. `level`, the level of the unit they are written for: a city's or a
 * province's figures are the sum of its counties' and say so (全市共开展普法宣传…次), as bureaus write.
 */
export function reportParagraphs(f: ReportFigures, level?: OrgUnitLevel): ReportParagraphs {
  const sum = level === 'city' || level === 'province' ? '共' : '';
  const period = periodZh(f.from, f.to);
  if (f.activities === 0 && f.notApproved?.length) {
    // Nothing approved yet is not "nothing done": say which it is.
    const none = `${period}，${f.unitName}尚无已通过县级审核的法治宣传数据。`;
    return withApprovalNote(f, { exact: none, rounded: none, english: `${periodEn(f.from, f.to)}, ${f.unitNameEn} has no legal-publicity figures approved by the county yet.` });
  }
  if (f.activities === 0) {
    const none = `${period}，${f.unitName}尚未登记法治宣传活动。`;
    return withApprovalNote(f, { exact: none, rounded: none, english: `${periodEn(f.from, f.to)}, no legal-publicity activity was recorded for ${f.unitNameEn}.` });
  }
  const campaigns = f.campaigns.slice(0, REPORT_LIST_LENGTH);
  const laws = f.laws.slice(0, REPORT_LIST_LENGTH);
  const tail = [
    campaigns.length ? `围绕${listZh(campaigns)}${f.campaigns.length > campaigns.length ? '等' : ''}宣传节点开展集中宣传` : '',
    f.sixInto.length ? `推动法律进${f.sixInto.map((s) => s.name).join('、进')}` : '',
    laws.length ? `重点宣传了${listZh(laws)}${f.laws.length > laws.length ? '等' : ''}法律法规` : '',
  ].filter(Boolean);
  const runs = byVerb(f.materials);
  // The seed's sentence first (全镇开展宣传10余次，发放宣传资料3000余份): activities, the 宣传资料 total
  // (the kinds counted as 宣传资料, docs/counting-rules.md) and the people reached.
  const headline = (n: (x: number) => string) =>
    `${period}，${wholeOf(f.unitName)}${sum}开展普法宣传${n(f.activities)}次` +
    (f.leaflets > 0 ? `，发放宣传资料${n(f.leaflets)}份` : '') +
    `，受教育群众${n(f.audience)}人次。`;
  // Then what was handed out, put up and set up, kind by kind, and the consultations answered.
  const breakdown = (n: (x: number) => string) => {
    const parts = runs.map((run) => `${run.verb.zh}${run.items.map((m) => `${materialReportName(m)}${n(m.quantity)}${m.unit}`).join('、')}`);
    if (f.consultations > 0) parts.push(`解答法律咨询${n(f.consultations)}人次`);
    return parts.length ? `活动中${parts.join('，')}。` : '';
  };
  const coverage = f.villagesReached === f.villagesTotal ? `活动覆盖全部${f.villagesTotal}个村（社区）。` : `活动覆盖${f.villagesReached}个村（社区）（共${f.villagesTotal}个）。`;
  const body = (n: (x: number) => string) => headline(n) + breakdown(n) + coverage + (tail.length ? `${tail.join('；')}。` : '');
  const en = (n: number) => n.toLocaleString('en-US');
  const materialsEn = runs.map((run) => `${run.verb.en} ${listEn(run.items.map((m) => `${m.nameEn.toLowerCase()} (${en(m.quantity)} ${m.unitEn})`))}`);
  const english =
    `${periodEn(f.from, f.to)}, ${f.unitNameEn} held ${en(f.activities)} legal-publicity ${f.activities === 1 ? 'activity' : 'activities'}` +
    (f.leaflets > 0 ? `, handed out ${en(f.leaflets)} copies of publicity materials` : '') +
    ` and reached ${en(f.audience)} person-times.` +
    (materialsEn.length ? ` By kind: ${materialsEn.join('; ')}.` : '') +
    (f.consultations ? ` ${en(f.consultations)} legal ${f.consultations === 1 ? 'consultation was' : 'consultations were'} answered.` : '') +
    (f.villagesReached === f.villagesTotal
      ? ` Activities reached all ${f.villagesTotal} villages (communities).`
      : ` Activities reached ${f.villagesReached} of ${f.villagesTotal} villages (communities).`) +
    (campaigns.length ? ` Campaigns were held around ${listEn(campaigns.map((c) => c.nameEn))}.` : '') +
    (f.sixInto.length ? ` The law was brought into ${listEn(f.sixInto.map((s) => s.nameEn.toLowerCase()))}.` : '') +
    (laws.length ? ` The main laws publicised were ${listEn(laws.map((l) => l.nameEn))}.` : '');
  return withApprovalNote(f, { exact: body(String), rounded: body(roundedChinese), english });
}

/** A roll-up of approved figures only says so, and names the townships left out. */
function withApprovalNote(f: ReportFigures, p: ReportParagraphs): ReportParagraphs {
  if (!f.notApproved) return p;
  const zh = f.notApproved.length ? `（以上为已通过县级审核的数据，未含未通过审核的${listZh(f.notApproved)}。）` : '（以上数据均已通过县级审核。）';
  const en = f.notApproved.length ? ` (Approved figures only; not included, not approved: ${listEn(f.notApproved.map((t) => t.nameEn))}.)` : ' (All figures approved by the county.)';
  return { exact: p.exact + zh, rounded: p.rounded + zh, english: p.english + en };
}
