// Issue 20: the annual workbook of a city and of a province. A small province beside the
// fixture's county, random events across both cities, and every figure of the workbook (read back
// by LibreOffice, or by ExcelJS where LibreOffice already read the same layout) compared with
// /api/stats for that unit and breakdown, and with a recount of the events created here:
//   省 P ── 市 A ── 甲一县 ── a1t (3 villages), a1u (1 village)
//        │      ├─ 甲二区/开发区 ── a2t (2 villages)              (a name with '/')
//        │      ├─ 35-character name …一 ── l1t (1 village)        (over 31 characters,
//        │      └─ 35-character name …二 ── l2t (1 village)         the same first 31)
//        └─ 市 B ── 乙一县 ── b1t (2 villages), b1u (1 village)
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, seedCounty, seedTownship, seedUpperUnit, SYSTEM_ACTOR } from '@pufa/db';
import { monthPeriod, type ExportJob, type StatsGroup, type StatsResponse, type StatsTotals } from '@pufa/domain';
import { signIn, TEST_PASSWORD, useTestApp } from './helper.ts';
import { LIBREOFFICE_TEST_TIMEOUT_MS, readWithLibreOffice } from './libreoffice.ts';
import { createSheetNamer, legalSheetName } from '../src/exports/sheet-names.ts';

const ctx = useTestApp({ jobs: { work: true } });
const YEAR = 2026;
const LONG = '这是一个名字特别长的县级行政区划单位用来检验工作表名称的三十一个字符上限';
const USERS = ['provinceLeader', 'cityLeader', 'cityAdmin', 'cityBLeader'] as const;
type Level20User = (typeof USERS)[number];
const cookies = {} as Record<Level20User, string>;
const ids = {} as Record<'province' | 'cityA' | 'cityB' | 'a1' | 'a2' | 'l1' | 'l2' | 'b1', number>;
const townships: { id: number; key: string; villageIds: number[] }[] = [];
/** Every event created, as the recount needs it. */
const created: { townshipId: number; audience: number; consultations: number; leaflets: number; villageIds: number[] }[] = [];
/** Townships with every month of the year approved; `partly` has all but December. */
const approved = new Set<number>();

const as = (user: Level20User, url: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie: cookies[user] } });
async function stats(user: Level20User, groupBy: StatsGroup, orgUnitId?: number): Promise<StatsResponse> {
  const res = await as(user, `/api/stats?from=${YEAR}-01-01&to=${YEAR}-12-31&groupBy=${groupBy}${orgUnitId ? `&orgUnitId=${orgUnitId}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StatsResponse>();
}
async function workbook(user: Level20User, query: string) {
  const res = await as(user, `/api/exports/annual.xlsx?year=${YEAR}${query}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.rawPayload;
}
/** Every sheet as rows of strings, read by ExcelJS (numbers as written, no separators). */
async function readWithExcelJs(body: Buffer): Promise<Record<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const sheets: Record<string, string[][]> = {};
  book.eachSheet((sheet) => {
    const rows: string[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      rows.push(Array.from({ length: sheet.columnCount }, (_, c) => String(row.getCell(c + 1).value ?? '')));
    }
    sheets[sheet.name] = rows;
  });
  return sheets;
}
const num = (cell: string | undefined) => Number((cell ?? '').replace(/,/g, ''));
const six = (t: StatsTotals) => [t.activities, t.leaflets, t.audience, t.consultations, t.villagesReached, t.villagesTotal];
const three = (r: { activities: number; leaflets: number; audience: number }) => [r.activities, r.leaflets, r.audience];

/** The events of some townships recounted by hand: what every figure must be. */
function recount(townshipIds: readonly number[]): StatsTotals {
  const events = created.filter((e) => townshipIds.includes(e.townshipId));
  const villagesTotal = townships.filter((t) => townshipIds.includes(t.id)).reduce((n, t) => n + t.villageIds.length, 0);
  return {
    activities: events.length, leaflets: events.reduce((n, e) => n + e.leaflets, 0), audience: events.reduce((n, e) => n + e.audience, 0),
    consultations: events.reduce((n, e) => n + e.consultations, 0), villagesReached: new Set(events.flatMap((e) => e.villageIds)).size, villagesTotal,
  };
}

beforeAll(async () => {
  const { prisma } = ctx.db;
  ids.province = (await seedUpperUnit(prisma, 'province', { code: 'p', name: '测试省', nameEn: 'Test Province' })).id;
  ids.cityA = (await seedUpperUnit(prisma, 'city', { code: 'city-a', name: '甲市', nameEn: 'City A', parentId: ids.province })).id;
  ids.cityB = (await seedUpperUnit(prisma, 'city', { code: 'city-b', name: '乙市', nameEn: 'City B', parentId: ids.province })).id;
  const counties: [keyof typeof ids, string, string, number][] = [
    ['a1', '甲一县', 'County A1', ids.cityA], ['a2', '甲二区/开发区', 'District A2/Zone', ids.cityA],
    ['l1', `${LONG}一`, 'Long County One', ids.cityA], ['l2', `${LONG}二`, 'Long County Two', ids.cityA], ['b1', '乙一县', 'County B1', ids.cityB],
  ];
  for (const [key, name, nameEn, parentId] of counties) ids[key] = (await seedCounty(prisma, { code: key, name, nameEn, parentId })).id;
  for (const [key, county, villages] of [['a1t', ids.a1, 3], ['a1u', ids.a1, 1], ['a2t', ids.a2, 2], ['l1t', ids.l1, 1], ['l2t', ids.l2, 1], ['b1t', ids.b1, 2], ['b1u', ids.b1, 1]] as const) {
    const t = await seedTownship(prisma, {
      countyId: county, code: key, name: `${key}镇`, nameEn: `${key} town`, reportingFrom: '2020-01',
      villages: Array.from({ length: villages }, (_, i) => ({ code: `${key}-v${i}`, name: `${key}村${i}`, nameEn: `${key} village ${i}` })),
    });
    townships.push({ id: t.townshipId, key, villageIds: t.villageIds });
  }
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const placement: Record<Level20User, [string, number]> = {
    provinceLeader: ['leader', ids.province], cityLeader: ['leader', ids.cityA], cityAdmin: ['admin', ids.cityA], cityBLeader: ['leader', ids.cityB],
  };
  for (const [username, [role, orgUnitId]] of Object.entries(placement)) {
    await prisma.user.create({ data: { username: username.toLowerCase(), displayName: username, passwordHash, role: role as 'admin', orgUnitId } });
    cookies[username as Level20User] = await signIn(ctx.app, username);
  }

  // Random events (a fixed seed: the same run every time), a few in 2025 that no 2026 figure may count.
  let seed = 20_2026;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const { material } = ctx.fixture;
  const [leaflet, booklet, banner] = [material('leaflet'), material('booklet'), material('banner')];
  const campaigns = ['legal-publicity-month', 'anti-drug-day', 'constitution-day'].map((code) => ctx.fixture.campaign(code));
  for (let i = 0; i < 48; i += 1) {
    const township = townships[random(townships.length)]!;
    const year = i % 12 === 11 ? YEAR - 1 : YEAR;
    const startDate = `${year}-${String(1 + random(12)).padStart(2, '0')}-${String(1 + random(28)).padStart(2, '0')}`;
    const villageIds = township.villageIds.filter(() => random(2) === 0);
    const quantities = [random(500), random(40), random(5)];
    const event = await ctx.app.events.create(SYSTEM_ACTOR, {
      startDate, title: `随机活动${i}`, townshipId: township.id, campaignId: random(4) === 0 ? null : campaigns[random(3)]!, villageIds,
      audience: 10 + random(400), consultations: random(30), sixInto: random(2) ? ['villages', 'schools'] : ['communities'],
      materials: [{ materialTypeId: leaflet, quantity: quantities[0]! }, { materialTypeId: booklet, quantity: quantities[1]! }, { materialTypeId: banner, quantity: quantities[2]! }].filter((m) => m.quantity > 0),
    });
    // Leaflets and booklets count as 宣传资料; banners do not (docs/counting-rules.md).
    if (year === YEAR) created.push({ townshipId: township.id, audience: event.audience, consultations: event.consultations, leaflets: quantities[0]! + quantities[1]!, villageIds });
  }
  // The year approved for a1t and b1t; a2t's December is not, so a2t is not counted.
  const approve = async (key: string, months: number) => {
    const { id } = townships.find((t) => t.key === key)!;
    for (let month = 1; month <= months; month += 1) {
      const submission = await ctx.app.submissions.submit(SYSTEM_ACTOR, { townshipId: id, period: monthPeriod(YEAR, month), note: '' }, `${YEAR + 1}-01-15`);
      await ctx.app.submissions.approve(SYSTEM_ACTOR, submission.id);
    }
    if (months === 12) approved.add(id);
  };
  await approve('a1t', 12);
  await approve('b1t', 12);
  await approve('a2t', 11);
});

const townshipsUnder = (countyIds: number[]) => townships.filter((t) => countyIds.includes(countyOf(t.id))).map((t) => t.id);
const countyOf = (townshipId: number) => {
  const key = townships.find((t) => t.id === townshipId)!.key;
  return ({ a1t: ids.a1, a1u: ids.a1, a2t: ids.a2, l1t: ids.l1, l2t: ids.l2, b1t: ids.b1, b1u: ids.b1 } as Record<string, number>)[key]!;
};
const CITY_A_COUNTIES = () => [ids.a1, ids.a2, ids.l1, ids.l2];

/** Rows of a sheet after its title and header, up to and with its first 合计 row. */
function tableRows(rows: string[][], totalWord: string) {
  const end = rows.findIndex((r, i) => i >= 2 && r[0] === totalWord);
  return { rows: rows.slice(2, end), total: rows[end]! };
}
/** The second table of a unit's sheet: after the blank row, its header, rows and 合计. */
function lowerTable(rows: string[][], header: string, totalWord: string) {
  const start = rows.findIndex((r) => r[0] === header);
  const end = rows.findIndex((r, i) => i > start && r[0] === totalWord);
  return { header: rows[start]!, rows: rows.slice(start + 1, end), total: rows[end]! };
}

/**
 * A city's or province's workbook against /api/stats, sheet by sheet. `user`'s stats are the
 * unit's (their own), `units` the units one level down in the tree's order.
 */
async function checkWorkbook(book: Record<string, string[][]>, user: Level20User, level: 'city' | 'province') {
  const [month, byUnit, byTownship, campaign, sixInto] = await Promise.all([
    stats(user, 'month'), stats(user, level === 'city' ? 'county' : 'city'), stats(user, 'township'), stats(user, 'campaign'), stats(user, 'sixInto'),
  ]);
  const t = month.totals;
  expect(t.activities).toBeGreaterThan(5);
  const byName = level === 'city' ? '分县（区）统计' : '分市统计';
  const lowerName = level === 'city' ? '分乡镇统计' : '分县（区）统计';
  const lowerHeader = level === 'city' ? '乡镇(街道)' : '县（区）';

  const summary = Object.fromEntries(book['年度汇总']!.slice(2).map(([k, v]) => [k, v]));
  expect([summary['开展活动(次)'], summary['发放宣传资料(份)'], summary['受众(人次)'], summary['法律咨询(人次)'], summary['覆盖村(社区)数'], summary['村(社区)总数']].map(num)).toEqual(six(t));
  // The paragraph in the level's words: 全市共开展 / 全省共开展, exact and rounded.
  const whole = level === 'city' ? '全市' : '全省';
  expect(summary['报告段落']).toMatch(new RegExp(`^${YEAR}年，${whole}共开展普法宣传${t.activities}次，发放宣传资料${t.leaflets}份，受教育群众${t.audience}人次。`));
  expect(summary['报告段落（约数）']).toMatch(new RegExp(`^${YEAR}年，${whole}共开展普法宣传`));
  expect(summary['活动明细']).toContain('活动台账（CSV）');

  const months = tableRows(book['月度统计']!, '合计');
  expect(months.rows.map((r) => [r[0], ...r.slice(1, 4).map(num)])).toEqual(month.rows.map((r) => [r.key, ...three(r)]));
  expect(months.total.slice(1, 4).map(num)).toEqual(three(t));

  // The units one level down side by side, every one (none with nothing left out): /api/stats's breakdown, and each unit's own stats.
  const units = tableRows(book[byName]!, '合计');
  expect(units.rows.map((r) => r[0])).toEqual(unitsOf(level).map(([name]) => name));
  for (const [row, [name, id]] of units.rows.map((r, i) => [r, unitsOf(level)[i]!] as const)) {
    const stat = byUnit.rows.find((r) => r.key === String(id));
    const own = await stats(user, 'month', id);
    expect(row.slice(1, 6).map(num), name).toEqual([stat?.activities ?? 0, stat?.leaflets ?? 0, stat?.audience ?? 0, stat?.consultations ?? 0, stat?.villagesReached ?? 0]);
    expect(row.slice(1, 7).map(num), name).toEqual(six(own.totals));
  }
  expect(units.total.slice(1, 7).map(num)).toEqual(six(t));

  for (const [name, header, byGroup, total] of [['按宣传节点', '宣传节点', campaign, '合计'], ['按六进', '“六进”场所', sixInto, '全部活动（不重复计）']] as const) {
    const sheet = book[name]!;
    expect(sheet[1]![0]).toBe(header);
    expect(sheet.slice(2, -1).map((r) => [r[0], ...r.slice(1, 4).map(num)]), name).toEqual(byGroup.rows.map((r) => [r.label, ...three(r)]));
    expect([sheet.at(-1)![0], ...sheet.at(-1)!.slice(1, 4).map(num)]).toEqual([total, ...three(t)]);
  }

  // Every township, under its county (and city): /api/stats by township.
  const townshipSheet = book['分乡镇统计']!;
  const figureColumn = level === 'city' ? 2 : 3;
  const tRows = townshipSheet.slice(2, -1);
  expect(tRows).toHaveLength(level === 'city' ? 5 : 7);
  for (const row of tRows) {
    const stat = byTownship.rows.find((r) => r.label === row[figureColumn - 1]);
    expect(row.slice(figureColumn, figureColumn + 5).map(num), row[figureColumn - 1]).toEqual([stat?.activities ?? 0, stat?.leaflets ?? 0, stat?.audience ?? 0, stat?.consultations ?? 0, stat?.villagesReached ?? 0]);
  }
  expect(townshipSheet.at(-1)!.slice(figureColumn).map(num).slice(0, 6)).toEqual(six(t));

  // No ledger above the county (the CSV has the rows), no village or department sheet.
  for (const name of ['活动台账', '分村统计', '按单位', '县级汇总']) expect(book[name], name).toBeUndefined();

  // One sheet per unit one level down: its months and its units one level further down, as /api/stats gives them for that unit.
  for (const [name, id, sheetName] of unitsOf(level)) {
    const sheet = book[sheetName]!;
    expect(sheet, name).toBeDefined();
    expect(sheet[0]![0]).toBe(`${name} 月度统计、${lowerName}（${YEAR}-01-01 至 ${YEAR}-12-31）`);
    const [ownMonths, lower] = await Promise.all([stats(user, 'month', id), stats(user, level === 'city' ? 'township' : 'county', id)]);
    const m = tableRows(sheet, '合计');
    expect(m.rows.map((r) => [r[0], ...r.slice(1, 4).map(num)]), name).toEqual(ownMonths.rows.map((r) => [r.key, ...three(r)]));
    expect(m.total.slice(1, 7).map(num), name).toEqual(six(ownMonths.totals));
    const l = lowerTable(sheet, lowerHeader, '合计');
    expect(l.rows.length, name).toBeGreaterThan(0);
    for (const r of l.rows) {
      const stat = lower.rows.find((s) => s.label === r[0]);
      expect(r.slice(1, 6).map(num), `${name} ${r[0]}`).toEqual([stat?.activities ?? 0, stat?.leaflets ?? 0, stat?.audience ?? 0, stat?.consultations ?? 0, stat?.villagesReached ?? 0]);
    }
    expect(l.rows.reduce((n, r) => n + num(r[6]), 0), name).toBe(ownMonths.totals.villagesTotal);
    expect(l.total.slice(1, 7).map(num), name).toEqual(six(ownMonths.totals));
  }
  return t;
}

/** The units one level down, in the tree's order: name, id, and the name of its sheet. */
function unitsOf(level: 'city' | 'province'): [name: string, id: number, sheet: string][] {
  return level === 'city'
    ? [['甲一县', ids.a1, '甲一县'], ['甲二区/开发区', ids.a2, '甲二区／开发区'], [`${LONG}一`, ids.l1, LONG.slice(0, 31)], [`${LONG}二`, ids.l2, `${LONG.slice(0, 27)} (2)`]]
    : [['甲市', ids.cityA, '甲市'], ['乙市', ids.cityB, '乙市']];
}

describe('GET /api/exports/annual.xlsx above the county', () => {
  it("a city's workbook, read by LibreOffice: every figure is /api/stats's for the city, its counties and their townships, and the recount's", async () => {
    const book = await readWithLibreOffice(await workbook('cityLeader', ''), 'xlsx');
    const t = await checkWorkbook(book, 'cityLeader', 'city');
    expect(t).toEqual(recount(townshipsUnder(CITY_A_COUNTIES())));
    // Sheet names as Excel allows them: '/' replaced, at most 31 characters, the two long names told apart.
    // (LibreOffice's files come in no order; ExcelJS reads the order below.)
    expect(Object.keys(book).sort()).toEqual(['年度汇总', '月度统计', '分县（区）统计', '按宣传节点', '按六进', '分乡镇统计', '甲一县', '甲二区／开发区', LONG.slice(0, 31), `${LONG.slice(0, 27)} (2)`].sort());
    expect(book[`${LONG.slice(0, 27)} (2)`]![0]![0]).toContain(`${LONG}二`);
    // Naming the city is the same workbook.
    const named = await readWithLibreOffice(await workbook('cityAdmin', `&orgUnitId=${ids.cityA}`), 'xlsx');
    expect(named['分县（区）统计']).toEqual(book['分县（区）统计']);
  }, LIBREOFFICE_TEST_TIMEOUT_MS);

  it("a province's workbook, read by LibreOffice: its cities side by side and one sheet per city with its counties", async () => {
    const book = await readWithLibreOffice(await workbook('provinceLeader', ''), 'xlsx');
    const t = await checkWorkbook(book, 'provinceLeader', 'province');
    expect(t).toEqual(recount(townships.map((x) => x.id)));
    expect(Object.keys(book).sort()).toEqual(['年度汇总', '月度统计', '分市统计', '按宣传节点', '按六进', '分乡镇统计', '甲市', '乙市'].sort());
    // The township sheet names each township's city and county.
    expect(book['分乡镇统计']![1]!.slice(0, 3)).toEqual(['市', '县（区）', '乡镇(街道)']);
    expect(book['分乡镇统计']!.find((r) => r[2] === 'b1t镇')!.slice(0, 2)).toEqual(['乙市', '乙一县']);
  }, LIBREOFFICE_TEST_TIMEOUT_MS);

  it('with approved figures only, counts the approved townships at every level, and names the others', async () => {
    const book = await readWithExcelJs(await workbook('provinceLeader', '&approvedOnly=true'));
    expect(Object.keys(book)).toEqual(['年度汇总', '月度统计', '分市统计', '按宣传节点', '按六进', '分乡镇统计', '甲市', '乙市']);
    const counted = [...approved];
    const totals = recount(counted);
    expect(totals.activities).toBeGreaterThan(0);
    expect(totals.activities).toBeLessThan(recount(townships.map((x) => x.id)).activities);
    const summary = Object.fromEntries(book['年度汇总']!.slice(2).map(([k, v]) => [k, v]));
    expect([summary['开展活动(次)'], summary['发放宣传资料(份)'], summary['受众(人次)'], summary['法律咨询(人次)'], summary['覆盖村(社区)数'], summary['村(社区)总数']].map(num)).toEqual(six(totals));
    expect(summary['报告段落']).toMatch(/^2026年，全省共开展普法宣传\d+次.*（以上为已通过县级审核的数据，未含未通过审核的.*a2t镇/);
    // The cities: each one's approved townships recounted, with how many of its townships count.
    const cities = tableRows(book['分市统计']!, '合计');
    expect(cities.rows.map((r) => [r[0], ...r.slice(1, 7).map(num), r[7]])).toEqual([
      ['甲市', ...six(recount(counted.filter((id) => CITY_A_COUNTIES().includes(countyOf(id))))), '1 / 5'],
      ['乙市', ...six(recount(counted.filter((id) => countyOf(id) === ids.b1))), '1 / 2'],
    ]);
    expect(cities.total.slice(1, 7).map(num)).toEqual(six(totals));
    // City A's sheet: its approved months, and its counties each recounted over their approved townships.
    const cityA = book['甲市']!;
    const aCounted = counted.filter((id) => CITY_A_COUNTIES().includes(countyOf(id)));
    expect(tableRows(cityA, '合计').total.slice(1, 7).map(num)).toEqual(six(recount(aCounted)));
    const counties = lowerTable(cityA, '县（区）', '合计');
    expect(counties.rows.map((r) => [r[0], ...r.slice(1, 7).map(num), r[7]])).toEqual([
      ['甲一县', ...six(recount(counted.filter((id) => countyOf(id) === ids.a1))), '1 / 2'],
      ['甲二区/开发区', ...six(recount([])), '0 / 1'],
      [`${LONG}一`, ...six(recount([])), '0 / 1'],
      [`${LONG}二`, ...six(recount([])), '0 / 1'],
    ]);
    // The township sheet: the approved ones with their figures, the others marked and at zero.
    const rows = book['分乡镇统计']!.slice(2, -1);
    for (const township of townships) {
      const row = rows.find((r) => r[2]!.startsWith(`${township.key}镇`))!;
      const isCounted = approved.has(township.id);
      expect(row[2], township.key).toBe(isCounted ? `${township.key}镇` : `${township.key}镇（未通过审核，未计入）`);
      expect(row.slice(3, 8).map(num), township.key).toEqual(six(recount(isCounted ? [township.id] : [])).slice(0, 5));
    }
    // A city's approved figures are the same townships' as in the province's.
    const city = await readWithExcelJs(await workbook('cityLeader', '&approvedOnly=true'));
    const cityTotals = tableRows(city['分县（区）统计']!, '合计').total.slice(1, 7).map(num);
    expect(cityTotals).toEqual(six(recount(aCounted)));
    expect(lowerTable(city['甲一县']!, '乡镇(街道)', '合计').rows.map((r) => r[0])).toEqual(['a1t镇', 'a1u镇（未通过审核，未计入）']);
  });

  it('speaks English with lang=en, the units under their English names', async () => {
    const book = await readWithExcelJs(await workbook('provinceLeader', '&lang=en'));
    expect(Object.keys(book)).toEqual(['Summary', 'By month', 'By city', 'By campaign', 'By six-into place', 'By township', 'City A', 'City B']);
    expect(book['Summary']!.find((r) => r[0] === 'Report paragraph')![1]).toMatch(/^In 2026, Test Province held \d+ legal-publicity/);
    expect(book['City A']!.find((r) => r[0] === 'County')!.slice(1, 3)).toEqual(['Activities', 'Leaflets']);
  });

  it("refuses a city user the neighbouring city, its counties and the province, before writing anything", async () => {
    for (const orgUnitId of [ids.cityB, ids.b1, ids.province]) {
      const res = await as('cityLeader', `/api/exports/annual.xlsx?year=${YEAR}&orgUnitId=${orgUnitId}`);
      expect(res.statusCode, `city A asking for ${orgUnitId}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['orgUnitId']);
    }
    // City B's leader gets city B: nothing of city A.
    const book = await readWithExcelJs(await workbook('cityBLeader', ''));
    expect(Object.keys(book).slice(6)).toEqual(['乙一县']);
    expect(book['分乡镇统计']!.slice(2, -1).map((r) => r[1])).toEqual(['b1t镇', 'b1u镇']);
  });

  it("gives a county's, a city's events in the ledger CSV for the unit chosen (the rows the workbook leaves out), and refuses a neighbour's", async () => {
    const csvRows = async (user: Level20User, orgUnitId: number) => {
      const res = await as(user, `/api/exports/ledger.csv?from=${YEAR}-01-01&to=${YEAR}-12-31&orgUnitId=${orgUnitId}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
      return { rows: lines.length - 1, header: lines[0]!.split(','), body: res.body, disposition: res.headers['content-disposition'] };
    };
    const county = await csvRows('cityLeader', ids.a1);
    expect(county.rows).toBe(recount(townshipsUnder([ids.a1])).activities);
    expect(county.disposition).toContain(encodeURIComponent(`活动台账-甲一县-${YEAR}.csv`));
    expect(county.body).not.toContain('a2t镇');
    const cityB = await csvRows('provinceLeader', ids.cityB);
    expect(cityB.rows).toBe(recount(townshipsUnder([ids.b1])).activities);
    expect(cityB.body).not.toContain('a1t镇');
    for (const orgUnitId of [ids.cityB, ids.b1, ids.province]) {
      const res = await as('cityLeader', `/api/exports/ledger.csv?orgUnitId=${orgUnitId}`);
      expect(res.statusCode, `city A asking for ${orgUnitId}`).toBe(400);
      expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['orgUnitId']);
    }
  });

  it("a province's workbook as a background job is the direct download's", async () => {
    const start = await ctx.app.inject({ method: 'POST', url: `/api/export-jobs/workbook?year=${YEAR}`, headers: { cookie: cookies.provinceLeader } });
    expect(start.statusCode, start.body).toBe(202);
    const { id } = start.json<ExportJob>();
    let job: ExportJob | undefined;
    for (let i = 0; i < 150 && job?.status !== 'done'; i += 1) {
      job = (await as('provinceLeader', `/api/export-jobs/${id}`)).json<ExportJob>();
      if (job.status === 'failed') throw new Error(job.error ?? 'failed');
      await sleep(200);
    }
    expect(job).toMatchObject({ status: 'done', fileName: `普法宣传统计-测试省-${YEAR}.xlsx` });
    const [fromJob, direct] = await Promise.all([(async () => (await as('provinceLeader', `/api/export-jobs/${id}/file`)).rawPayload)(), workbook('provinceLeader', '')]);
    expect(await readWithExcelJs(fromJob)).toEqual(await readWithExcelJs(direct));
  }, 60_000);
});

describe('sheet names', () => {
  it("follow Excel's rules: no forbidden characters, at most 31 characters, unique ignoring case, never History", () => {
    expect(legalSheetName('a/b\\c?d*e[f]g:h')).toBe('a／b＼c？d＊e（f）g：h');
    expect(legalSheetName("'quoted'")).toBe('’quoted’');
    expect(legalSheetName('x'.repeat(40))).toHaveLength(31);
    // A character outside the BMP (two UTF-16 units) is never cut in half.
    expect(legalSheetName(`${'x'.repeat(30)}𠀀`)).toBe('x'.repeat(30));
    expect(legalSheetName('   ')).toBe('Sheet');
    const name = createSheetNamer(['年度汇总']);
    expect(name('年度汇总')).toBe('年度汇总 (2)');
    expect(name('History')).toBe('History (2)');
    expect(name('Abc')).toBe('Abc');
    expect(name('ABC')).toBe('ABC (2)');
    expect(name('abc')).toBe('abc (3)');
    const long = name('y'.repeat(40));
    const again = name('y'.repeat(35));
    expect([long, again]).toEqual(['y'.repeat(31), `${'y'.repeat(27)} (2)`]);
    expect(again.length).toBeLessThanOrEqual(31);
  });
});
