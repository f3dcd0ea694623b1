// The exports read back by independent readers — LibreOffice (Debian's
// libreoffice-calc) for the workbook, csv-parse for the CSV, mammoth for the
// .docx — and every figure compared with /api/stats for the same scope and period.
import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { materialReportName, roundedChinese, wholeOf, type AnnualReport, type StatsGroup, type StatsResponse } from '@pufa/domain';
import { useTestApp, type TestUser } from './helper.ts';
import { LEDGER_COLUMNS } from '../src/exports/ledger-columns.ts';
import { LIBREOFFICE_TEST_TIMEOUT_MS, printWithLibreOffice, readWithLibreOffice, zipEntry } from './libreoffice.ts';

const ctx = useTestApp();

/** Every sheet of a workbook as rows of strings, converted by LibreOffice (fails, never skips, without it). */
const readWorkbook = (body: Buffer) => readWithLibreOffice(body, 'xlsx');

const num = (cell: string | undefined) => Number((cell ?? '').replace(/,/g, ''));
const YEAR = 2026;
const period = `from=${YEAR}-01-01&to=${YEAR}-12-31`;

async function get(as: TestUser, url: string) {
  const res = await ctx.inject({ method: 'GET', url, as });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res;
}
const stats = async (as: TestUser, groupBy: StatsGroup, scope: string) => (await get(as, `/api/stats?${period}&groupBy=${groupBy}${scope}`)).json<StatsResponse>();

beforeAll(async () => {
  const { east, west, material, campaign, law } = ctx.fixture;
  const events = [
    { startDate: '2026-03-05', title: '三月法治宣传月启动', townshipId: east.townshipId, campaignId: campaign('legal-publicity-month'), villageIds: [east.villageIds[0], east.villageIds[1]],
      sixInto: ['villages'], lawIds: [law('constitution')], departmentIds: [east.departmentIds[0]], audience: 210, consultations: 12,
      materials: [{ materialTypeId: material('leaflet'), quantity: 400 }, { materialTypeId: material('banner'), quantity: 4 }] },
    { startDate: '2026-06-26', title: '6·26禁毒宣传，"进校园"', townshipId: east.townshipId, campaignId: campaign('anti-drug-day'), villageIds: [east.villageIds[1]],
      sixInto: ['schools', 'villages'], lawIds: [law('anti-drug')], departmentIds: [east.departmentIds[0], east.departmentIds[1]], audience: 330,
      materials: [{ materialTypeId: material('booklet'), quantity: 60 }], notes: '多行\n备注' },
    { startDate: '2026-12-04', title: '宪法日', townshipId: east.townshipId, campaignId: campaign('constitution-day'), audience: 95, materials: [] },
    { startDate: '2026-05-12', title: '西镇防灾减灾', townshipId: west.townshipId, campaignId: campaign('disaster-prevention-day'), villageIds: [west.villageIds[0]],
      departmentIds: [west.departmentIds[0]], audience: 150, materials: [{ materialTypeId: material('leaflet'), quantity: 1000 }] },
  ];
  for (const payload of events) {
    const res = await ctx.inject({ method: 'POST', url: '/api/events', payload });
    expect(res.statusCode, res.body).toBe(201);
  }
});

describe.each<[string, TestUser, () => string]>([
  ['a township clerk, default scope', 'eastClerk', () => ''],
  ['the county administrator, the county', 'countyAdmin', () => `&orgUnitId=${ctx.fixture.countyId}`],
])('exports of %s', (_name, as, scopeOf) => {
  it('every figure in the workbook, the CSV, the paragraph and the .docx equals /api/stats', async () => {
    const scope = scopeOf();
    const [month, village, campaign, sixInto, department, township] = await Promise.all([
      stats(as, 'month', scope), stats(as, 'village', scope), stats(as, 'campaign', scope),
      stats(as, 'sixInto', scope), stats(as, 'department', scope), stats(as, 'township', scope),
    ]);
    const t = month.totals;
    expect(t.activities).toBeGreaterThan(0);
    const threeFigures = (r: { activities: number; leaflets: number; audience: number }) => [r.activities, r.leaflets, r.audience];

    const book = await readWorkbook((await get(as, `/api/exports/annual.xlsx?year=${YEAR}${scope}`)).rawPayload);
    const summary = Object.fromEntries(book['年度汇总']!.slice(2).map(([k, v]) => [k, v]));
    expect([summary['开展活动(次)'], summary['发放宣传资料(份)'], summary['受众(人次)'], summary['法律咨询(人次)'], summary['覆盖村(社区)数'], summary['村(社区)总数']].map(num))
      .toEqual([t.activities, t.leaflets, t.audience, t.consultations, t.villagesReached, t.villagesTotal]);

    const months = book['月度统计']!;
    expect(months[0]![0]).toContain('月度统计');
    expect(months.slice(2, 14).map((r) => [r[0], num(r[1]), num(r[2]), num(r[3])])).toEqual(month.rows.map((r) => [r.key, ...threeFigures(r)]));
    expect(months[14]!.map(num).slice(1)).toEqual(threeFigures(t));

    // Every village in scope, the ones never reached included, each with its figures from groupBy=village.
    const villages = book['分村统计']!.slice(2, -1);
    expect(villages).toHaveLength(t.villagesTotal);
    const reached = new Map(village.rows.map((r) => [r.label, r]));
    for (const row of villages) {
      const stat = reached.get(row[1]!);
      expect([num(row[2]), num(row[3]), num(row[4]), row[5]], row[1]).toEqual([...(stat ? threeFigures(stat) : [0, 0, 0]), stat ? '已覆盖' : '未覆盖']);
    }
    expect(villages.filter((r) => r[5] === '已覆盖').map((r) => r[1]).sort()).toEqual([...reached.keys()].sort());
    expect(book['分村统计']!.at(-1)!.slice(1, 5).map((cell, i) => (i === 0 ? cell : num(cell)))).toEqual([`${t.villagesReached} / ${t.villagesTotal}`, ...threeFigures(t)]);

    // The breakdown sheets, row by row, each against /api/stats for its own groupBy; then the total
    // (the campaign rows add up to it; 六进 and departments may name several per event, so theirs is the distinct total).
    const breakdowns: [sheet: string, header: string, stats: StatsResponse, total: string][] = [
      ['按宣传节点', '宣传节点', campaign, '合计'],
      ['按六进', '“六进”场所', sixInto, '全部活动（不重复计）'],
      ['按单位', '参与单位', department, '全部活动（不重复计）'],
    ];
    for (const [name, header, byGroup, total] of breakdowns) {
      const sheet = book[name]!;
      expect(sheet[1], name).toEqual([header, '开展活动(次)', '发放宣传资料(份)', '受众(人次)']);
      expect(byGroup.rows.length, name).toBeGreaterThan(0);
      expect(sheet.slice(2, -1).map((r) => [r[0], num(r[1]), num(r[2]), num(r[3])]), name).toEqual(byGroup.rows.map((r) => [r.label, ...threeFigures(r)]));
      expect([sheet.at(-1)![0], ...sheet.at(-1)!.slice(1).map(num)], name).toEqual([total, ...threeFigures(t)]);
    }

    const ledger = book['活动台账']!;
    const header = ledger[1]!;
    const rows = ledger.slice(2, -1);
    const sum = (column: string) => rows.reduce((n, r) => n + num(r[header.indexOf(column)]), 0);
    expect(rows).toHaveLength(t.activities);
    expect([sum('受众(人次)'), sum('宣传资料(份)'), sum('咨询(人次)')]).toEqual([t.audience, t.leaflets, t.consultations]);
    const totalRow = ledger.at(-1)!;
    expect([num(totalRow[header.indexOf('受众(人次)')]), num(totalRow[header.indexOf('宣传资料(份)')])]).toEqual([t.audience, t.leaflets]);

    if (scope) {
      // What the county bureau sends upward: one row per township, same columns, and a total.
      const county = book['县级汇总']!;
      const byName = new Map(township.rows.map((r) => [r.label, r]));
      for (const row of county.slice(2, -1)) {
        const expected = byName.get(row[0]!);
        expect([num(row[1]), num(row[2]), num(row[3]), num(row[5])], row[0]).toEqual([expected?.activities ?? 0, expected?.leaflets ?? 0, expected?.audience ?? 0, expected?.villagesReached ?? 0]);
      }
      expect(county.at(-1)!.slice(1).map(num)).toEqual([t.activities, t.leaflets, t.audience, t.consultations, t.villagesReached, t.villagesTotal]);
    } else {
      expect(book['县级汇总']).toBeUndefined();
      expect(book['年终检查']).toBeDefined();
    }

    // The CSV of the same events.
    const csvBody = (await get(as, `/api/exports/ledger.csv?${period}`)).rawPayload;
    expect([...csvBody.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv: string[][] = parse(csvBody, { bom: true });
    const csvHeader = csv[0]!;
    const csvRows = csv.slice(1);
    expect(csvRows).toHaveLength(t.activities);
    const csvSum = (column: string) => csvRows.reduce((n, r) => n + num(r[csvHeader.indexOf(column)]), 0);
    expect([csvSum('受众(人次)'), csvSum('宣传资料(份)')]).toEqual([t.audience, t.leaflets]);
    if (!scope) expect(csvRows.map((r) => r[csvHeader.indexOf('备注')])).toContain('多行\n备注');

    const report = (await get(as, `/api/reports/annual?year=${YEAR}${scope}`)).json<AnnualReport>();
    const { figures, paragraphs } = report;
    expect([figures.activities, figures.leaflets, figures.audience, figures.consultations, figures.villagesReached, figures.villagesTotal])
      .toEqual([t.activities, t.leaflets, t.audience, t.consultations, t.villagesReached, t.villagesTotal]);
    // The seed report's sentence first, with the 宣传资料 total of /api/stats, exactly and rounded.
    expect(paragraphs.exact).toMatch(new RegExp(`^${YEAR}年，${wholeOf(figures.unitName)}开展普法宣传${t.activities}次，发放宣传资料${t.leaflets}份，受教育群众${t.audience}人次。`));
    const r = roundedChinese;
    expect(paragraphs.rounded).toMatch(new RegExp(`^${YEAR}年，${wholeOf(figures.unitName)}开展普法宣传${r(t.activities)}次，发放宣传资料${r(t.leaflets)}份，受教育群众${r(t.audience)}人次。`));
    // Then every material kind by itself, by its name in prose (宣传单, not the label 宣传资料/传单), with its unit;
    // the kinds that count as leaflets add up to the leaflet total.
    expect(figures.materials.map((m) => m.name)).toContain('宣传资料/传单');
    for (const m of figures.materials) {
      expect(paragraphs.exact).toContain(`${materialReportName(m)}${m.quantity}${m.unit}`);
      expect(paragraphs.rounded).toContain(`${materialReportName(m)}${r(m.quantity)}${m.unit}`);
    }
    expect(`${paragraphs.exact}${paragraphs.rounded}`).not.toContain('/');
    const countsAsLeaflet = new Set(['leaflet', 'booklet', 'newspaper']);
    expect(figures.materials.filter((m) => countsAsLeaflet.has(m.code)).reduce((n, m) => n + m.quantity, 0)).toBe(t.leaflets);

    const docx = (await get(as, `/api/reports/annual.docx?year=${YEAR}${scope}`)).rawPayload;
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    expect(text).toContain(paragraphs.exact);
    expect(text).toContain(paragraphs.rounded);
    expect(text).toContain(`${t.villagesReached} / ${t.villagesTotal}`);
  }, LIBREOFFICE_TEST_TIMEOUT_MS);
});

describe('the annual workbook on paper (printed to PDF by LibreOffice, pages counted with pdfinfo)', () => {
  const PRINT_YEAR = 2024;
  const SHEETS = ['年度汇总', '月度统计', '分村统计', '按宣传节点', '按六进', '按单位', '年终检查', '活动台账'];

  it('prints each sheet as wide as one page, the summary on one page, the ledger landscape, the title and header rows on every page', async () => {
    const { east, material } = ctx.fixture;
    for (let i = 0; i < 3; i += 1) {
      const payload = { startDate: `${PRINT_YEAR}-0${i + 1}-10`, title: `打印测试活动${i + 1}`, townshipId: east.townshipId, villageIds: [east.villageIds[0]], audience: 100 + i,
        notes: '多行\n备注', materials: [{ materialTypeId: material('leaflet'), quantity: 1234 }] };
      expect((await ctx.inject({ method: 'POST', url: '/api/events', payload })).statusCode).toBe(201);
    }
    const xlsx = (await get('eastClerk', `/api/exports/annual.xlsx?year=${PRINT_YEAR}`)).rawPayload;
    const pages = await printWithLibreOffice(xlsx);
    // Every page is headed by its sheet's title row.
    const sheetOf = (text: string) => SHEETS.filter((name) => text.includes(`${name}（${PRINT_YEAR}-01-01 至 ${PRINT_YEAR}-12-31）`));
    expect(pages.map((p) => sheetOf(p.text).length)).toEqual(pages.map(() => 1));
    // One page each (it was 年度汇总 over 6 pages: the paragraphs ran across columns); the paragraphs wrap in their cell.
    expect(pages.map((p) => sheetOf(p.text)[0])).toEqual(SHEETS);
    const [summary] = pages;
    expect(summary!.text).toContain('报告段落（约数）');
    expect(summary!.text).toMatch(/全镇开展普法宣传3次/);
    expect(summary!.height).toBeGreaterThan(summary!.width); // two columns: portrait
    const ledger = pages.at(-1)!;
    expect(ledger.width).toBeGreaterThan(ledger.height); // 22 columns: landscape
    // Every column on the one page across: the first, the last and the totals.
    for (const text of ['序号', '活动主题', '宣传资料(份)', '备注', '打印测试活动3', '合计']) expect(ledger.text).toContain(text);
    // A longer sheet repeats rows 1-2 on each page, and prints its own rows only: the defined names, read from the file itself.
    const workbookXml = await zipEntry(xlsx, 'xl/workbook.xml');
    for (const [i, name] of SHEETS.entries()) {
      expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">&apos;${name}&apos;!$1:$2</definedName>`);
    }
    // The ledger: its columns, title, header, 3 events and the totals row.
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="7">&apos;活动台账&apos;!$A1:$${String.fromCharCode(64 + LEDGER_COLUMNS.length)}6</definedName>`);
  }, 300_000);
});

describe('export edge cases', () => {
  it('an empty year gives valid files with zeros, not errors', async () => {
    const book = await readWorkbook((await get('eastClerk', '/api/exports/annual.xlsx?year=2019')).rawPayload);
    expect(book['月度统计']!.at(-1)!.slice(1).map(num)).toEqual([0, 0, 0]);
    expect(book['活动台账']!.slice(2, -1)).toEqual([]);
    const empty = await get('eastClerk', '/api/exports/ledger.csv?from=2019-01-01&to=2019-12-31');
    const csv: string[][] = parse(empty.rawPayload, { bom: true });
    expect(csv).toHaveLength(1);
    // Named for the township and the year, not a bare 活动台账.csv that every export overwrites.
    expect(empty.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('活动台账-东镇-2019.csv')}`);
    const report = (await get('eastClerk', '/api/reports/annual?year=2019')).json<AnnualReport>();
    expect(report.paragraphs.exact).toBe('2019年，东镇尚未登记法治宣传活动。');
    const docx = await mammoth.extractRawText({ buffer: (await get('eastClerk', '/api/reports/annual.docx?year=2019')).rawPayload });
    expect(docx.value).toContain('尚未登记');
  }, LIBREOFFICE_TEST_TIMEOUT_MS);

  it('speaks English with lang=en', async () => {
    const book = await readWorkbook((await get('eastClerk', `/api/exports/annual.xlsx?year=${YEAR}&lang=en`)).rawPayload);
    expect(Object.keys(book)).toEqual(expect.arrayContaining(['Summary', 'By month', 'By village', 'Ledger', 'Year-end check']));
    expect(book['Ledger']![1]).toContain('Audience (person-times)');
    const english = await get('eastClerk', `/api/exports/ledger.csv?from=${YEAR}-03-01&to=${YEAR}-03-31&lang=en`);
    const csv: string[][] = parse(english.rawPayload, { bom: true });
    expect(csv[0]).toContain('Title');
    expect(english.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`ledger-East Town-${YEAR}-03-01_${YEAR}-03-31.csv`)}`);
  }, LIBREOFFICE_TEST_TIMEOUT_MS);

  it.each([
    ['/api/exports/annual.xlsx', 'year'],
    ['/api/exports/annual.xlsx?from=2026-01-01', 'to'],
    ['/api/reports/annual?year=1999', 'year'],
    ['/api/exports/ledger.csv?from=2026-13-01', 'from'],
  ])('refuses %s with a 400 naming %s', async (url, field) => {
    const res = await ctx.inject({ method: 'GET', url, as: 'eastClerk' });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toContain(field);
  });

  it("never puts another township's events in a township user's CSV", async () => {
    // Naming another township is refused before the download starts, like an unknown id.
    const refused = await ctx.inject({ method: 'GET', url: `/api/exports/ledger.csv?${period}&townshipId=${ctx.fixture.west.townshipId}`, as: 'eastClerk' });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/json');
    const all: string[][] = parse((await get('eastClerk', `/api/exports/ledger.csv?${period}`)).rawPayload, { bom: true });
    expect(all.slice(1).map((r) => r[3])).not.toContain('西镇');
  });

  it("refuses another township's org unit like an unknown one, before writing anything", async () => {
    const res = await ctx.inject({ method: 'GET', url: `/api/exports/annual.xlsx?year=${YEAR}&orgUnitId=${ctx.fixture.west.townshipId}`, as: 'eastClerk' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
  });
});
