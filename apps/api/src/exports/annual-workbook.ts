// The annual workbook (年度统计表), written with ExcelJS's streaming writer:
// rows are committed as they are made, and the ledger is read in batches, so a
// province's year goes out without being held in memory.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportLanguage, OrgUnitLevel, OrgUnitNode, StatsResponse, StatsTotals } from '@pufa/domain';
import { childLevel, isUpperLevel } from '@pufa/domain';
import type { Actor, EventRepository } from '@pufa/db';
import type { WorkbookData } from './annual-data.ts';
import { LEDGER_COLUMNS, ledgerRow } from './ledger-columns.ts';
import type { UnitFigures } from './roll-up-data.ts';
import { createSheetNamer } from './sheet-names.ts';

const WORDS = {
  zh: {
    summary: '年度汇总', months: '月度统计', villages: '分村统计', campaigns: '按宣传节点', sixInto: '按六进', departments: '按单位',
    county: '县级汇总', check: '年终检查', ledger: '活动台账', notApproved: '（未通过审核，未计入）',
    item: '项目', value: '数值', scope: '统计范围', period: '统计期间', activities: '开展活动(次)', leaflets: '发放宣传资料(份)', audience: '受众(人次)',
    consultations: '法律咨询(人次)', villagesReached: '覆盖村(社区)数', villagesTotal: '村(社区)总数', campaignsCovered: '开展宣传的节点', paragraph: '报告段落',
    paragraphRounded: '报告段落（约数）', month: '月份', township: '乡镇(街道)', village: '村(社区)', reached: '是否覆盖', yes: '已覆盖', no: '未覆盖',
    campaign: '宣传节点', sixIntoPlace: '“六进”场所', department: '参与单位', total: '合计', allDistinct: '全部活动（不重复计）',
    planItem: '计划事项', planWhen: '计划时间', status: '完成情况', linked: '关联活动数', done: '已完成', partial: '部分完成', notDone: '未完成',
    gaps: '全年无活动', gapVillages: '村(社区)', gapSixInto: '“六进”场所', gapCampaigns: '宣传节点', gapDepartments: '单位', noEvidence: '没有影像资料的活动', monthOnly: '月',
    by: { city: '分市统计', county: '分县（区）统计', township: '分乡镇统计' }, level: { city: '市', county: '县（区）', township: '乡镇(街道)' },
    townshipsCounted: '计入的乡镇数', details: '活动明细', detailsNote: '各乡镇的数字见“分乡镇统计”；每次活动的明细请导出活动台账（CSV）。',
    title: (unit: string, from: string, to: string, what: string) => `${unit} ${what}（${from} 至 ${to}）`,
  },
  en: {
    summary: 'Summary', months: 'By month', villages: 'By village', campaigns: 'By campaign', sixInto: 'By six-into place', departments: 'By department',
    county: 'County roll-up', check: 'Year-end check', ledger: 'Ledger', notApproved: ' (not approved, not counted)',
    item: 'Item', value: 'Value', scope: 'Scope', period: 'Period', activities: 'Activities', leaflets: 'Leaflets', audience: 'Audience (person-times)',
    consultations: 'Consultations', villagesReached: 'Villages reached', villagesTotal: 'Villages in scope', campaignsCovered: 'Campaigns with activity', paragraph: 'Report paragraph',
    paragraphRounded: 'Report paragraph (rounded, Chinese)', month: 'Month', township: 'Township', village: 'Village', reached: 'Reached', yes: 'yes', no: 'no',
    campaign: 'Campaign', sixIntoPlace: 'Six-into place', department: 'Department', total: 'Total', allDistinct: 'All activities (each counted once)',
    planItem: 'Plan item', planWhen: 'Planned', status: 'Status', linked: 'Linked events', done: 'Done', partial: 'Partly done', notDone: 'Not done',
    gaps: 'No activity this year', gapVillages: 'Villages', gapSixInto: 'Six-into places', gapCampaigns: 'Named days', gapDepartments: 'Departments', noEvidence: 'Events without evidence', monthOnly: 'month',
    by: { city: 'By city', county: 'By county', township: 'By township' }, level: { city: 'City', county: 'County', township: 'Township' },
    townshipsCounted: 'Townships counted', details: 'Activities one by one', detailsNote: 'Each township\'s figures are in “By township”; for each activity, export the ledger (CSV).',
    title: (unit: string, from: string, to: string, what: string) => `${unit} — ${what} (${from} to ${to})`,
  },
} as const;

const NUMBER = '#,##0';

interface Column {
  header: string;
  width: number;
  numeric?: boolean;
}

/** Column width units that fit across an A4 page in portrait at full size (the margins below); wider sheets print landscape. */
const PORTRAIT_WIDTH = 95;

const columnLetter = (n: number): string => (n > 26 ? columnLetter(Math.floor((n - 1) / 26)) : '') + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * A sheet with a merged title row and a frozen, bold header row, set up to print: A4, as wide as
 * one page (as many pages down as it takes), landscape when its columns are wider than a portrait
 * page, the title and header rows repeated on every page, the print area its rows and columns,
 * long text wrapped in its cell rather than running onto further pages, and page numbers.
 */
function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, columns: Column[]) {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:2',
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  sheet.columns = columns.map((c) => ({ width: c.width, style: { alignment: { wrapText: true, vertical: 'top' }, ...(c.numeric ? { numFmt: NUMBER } : {}) } }));
  sheet.mergeCells(1, 1, 1, columns.length);
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 13 };
  titleRow.commit();
  const header = sheet.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF4FF' } };
  header.commit();
  let rows = 2;
  return {
    row: (values: (string | number)[], bold = false) => {
      const row = sheet.addRow(values);
      if (bold) row.font = { bold: true };
      row.commit();
      rows += 1;
    },
    done: () => {
      // Read when the workbook is committed (its defined names), after the last row.
      sheet.pageSetup.printArea = `A1:${columnLetter(columns.length)}${rows}`;
      sheet.commit();
    },
  };
}

export async function writeAnnualWorkbook(output: Writable, data: WorkbookData, events: EventRepository, actor: Actor, lang: ExportLanguage, signal?: AbortSignal): Promise<void> {
  const w = WORDS[lang];
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Pufa Tracker';
  const unit = lang === 'en' ? data.unitNameEn : data.unitName;
  const title = (what: string) => w.title(unit, data.from, data.to, what);
  const totals = data.stats.month.totals;
  const label = (row: StatsResponse['rows'][number]) => (lang === 'en' ? row.labelEn : row.label);
  const figures = [w.activities, w.leaflets, w.audience];
  const { rollUp, local } = data;

  const summary = addSheet(workbook, w.summary, title(w.summary), [{ header: w.item, width: 22 }, { header: w.value, width: 70, numeric: true }]);
  summary.row([w.scope, unit]);
  summary.row([w.period, `${data.from} ~ ${data.to}`]);
  summary.row([w.activities, totals.activities]);
  summary.row([w.leaflets, totals.leaflets]);
  summary.row([w.audience, totals.audience]);
  summary.row([w.consultations, totals.consultations]);
  summary.row([w.villagesReached, totals.villagesReached]);
  summary.row([w.villagesTotal, totals.villagesTotal]);
  summary.row([w.campaignsCovered, data.report.figures.campaigns.map((c) => (lang === 'en' ? c.nameEn : c.name)).join(lang === 'en' ? ', ' : '、')]);
  summary.row([w.paragraph, lang === 'en' ? data.report.paragraphs.english : data.report.paragraphs.exact]);
  summary.row([w.paragraphRounded, data.report.paragraphs.rounded]);
  if (rollUp) summary.row([w.details, w.detailsNote]);
  summary.done();

  const months = addSheet(workbook, w.months, title(w.months), [
    { header: w.month, width: 12 },
    ...figures.map((header) => ({ header, width: 16, numeric: true })),
  ]);
  for (const row of data.stats.month.rows) months.row([row.key, row.activities, row.leaflets, row.audience]);
  months.row([w.total, totals.activities, totals.leaflets, totals.audience], true);
  months.done();

  if (local) {
    const byVillage = new Map(local.village.rows.map((r) => [Number(r.key), r]));
    const villages = addSheet(workbook, w.villages, title(w.villages), [
      { header: w.township, width: 14 },
      { header: w.village, width: 14 },
      ...figures.map((header) => ({ header, width: 16, numeric: true })),
      { header: w.reached, width: 10 },
    ]);
    for (const village of data.villages) {
      const row = byVillage.get(village.id);
      villages.row([data.names.name(data.names.unit(village.parentId)), data.names.name(village), row?.activities ?? 0, row?.leaflets ?? 0, row?.audience ?? 0, row ? w.yes : w.no]);
    }
    villages.row([w.allDistinct, `${totals.villagesReached} / ${totals.villagesTotal}`, totals.activities, totals.leaflets, totals.audience, ''], true);
    villages.done();
  }

  // The six figures of a unit side by side (a roll-up's rows), with, for approved figures only, how many of its townships are counted.
  const sixFigures = [w.activities, w.leaflets, w.audience, w.consultations, w.villagesReached, w.villagesTotal];
  const unitColumns = (first: Column[]): Column[] => [
    ...first,
    ...sixFigures.map((header) => ({ header, width: 16, numeric: true })),
    ...(data.approval ? [{ header: w.townshipsCounted, width: 14 }] : []),
  ];
  const unitCells = (row: UnitFigures): (string | number)[] => [
    row.activities, row.leaflets, row.audience, row.consultations, row.villagesReached, row.villagesTotal,
    ...(data.approval ? [row.approved ? `${row.approved.counted} / ${row.approved.of}` : ''] : []),
  ];
  const totalCells = (t: StatsTotals) => [t.activities, t.leaflets, t.audience, t.consultations, t.villagesReached, t.villagesTotal, ...(data.approval ? [''] : [])];
  const notCounted = (u: OrgUnitNode) => (data.approval && u.level === 'township' && !data.approval.approvedIds.includes(u.id) ? w.notApproved : '');
  const nextLevel = (u: OrgUnitNode) => childLevel(u.level) as keyof typeof w.by;

  // A city's counties (a province's cities) side by side: what the bureau compares and sends upward.
  if (rollUp) {
    const name = w.by[nextLevel(rollUp.unit)];
    const sheet = addSheet(workbook, name, title(name), unitColumns([{ header: w.level[nextLevel(rollUp.unit)], width: 16 }]));
    for (const row of rollUp.units) sheet.row([data.names.name(row.unit), ...unitCells(row)]);
    sheet.row([w.total, ...totalCells(totals)], true);
    sheet.done();
  }

  // Campaign rows add up to the total (events with no campaign have a row); the many-valued breakdowns do not, so they end with the distinct total.
  const breakdown = (name: string, header: string, stats: StatsResponse, totalLabel: string) => {
    const sheet = addSheet(workbook, name, title(name), [{ header, width: 28 }, ...figures.map((h) => ({ header: h, width: 16, numeric: true }))]);
    for (const row of stats.rows) sheet.row([label(row), row.activities, row.leaflets, row.audience]);
    sheet.row([totalLabel, totals.activities, totals.leaflets, totals.audience], true);
    sheet.done();
  };
  breakdown(w.campaigns, w.campaign, data.stats.campaign, w.total);
  breakdown(w.sixInto, w.sixIntoPlace, data.stats.sixInto, w.allDistinct);
  if (local) breakdown(w.departments, w.department, local.department, w.allDistinct);

  if (rollUp) {
    // Above the county the workbook's finest rows are its townships, each under its county (and city), in place of the ledger.
    const byTownship = new Map(data.stats.township.rows.map((r) => [Number(r.key), r]));
    const parent = (u: OrgUnitNode | undefined) => data.names.unit(u?.parentId);
    const chain: OrgUnitLevel[] = rollUp.unit.level === 'province' ? ['city', 'county'] : ['county'];
    const sheet = addSheet(workbook, w.by.township, title(w.by.township), [
      ...[...chain, 'township' as const].map((level) => ({ header: w.level[level as keyof typeof w.level], width: 14 })),
      ...sixFigures.map((header) => ({ header, width: 14, numeric: true })),
    ]);
    for (const township of data.townships) {
      const row = byTownship.get(township.id);
      const county = parent(township);
      const above = chain.length === 2 ? [data.names.name(parent(county)), data.names.name(county)] : [data.names.name(county)];
      sheet.row([...above, `${data.names.name(township)}${notCounted(township)}`, row?.activities ?? 0, row?.leaflets ?? 0, row?.audience ?? 0, row?.consultations ?? 0, row?.villagesReached ?? 0, township.children.length]);
    }
    sheet.row([w.total, ...chain.map(() => ''), totals.activities, totals.leaflets, totals.audience, totals.consultations, totals.villagesReached, totals.villagesTotal], true);
    sheet.done();
  } else if (data.townships.length > 1 || (data.unit !== undefined && data.unit !== null && isUpperLevel(data.unit.level))) {
    const byTownship = new Map(data.stats.township.rows.map((r) => [Number(r.key), r]));
    const county = addSheet(workbook, w.county, title(w.county), [
      { header: w.township, width: 16 },
      ...[w.activities, w.leaflets, w.audience, w.consultations, w.villagesReached, w.villagesTotal].map((header) => ({ header, width: 16, numeric: true })),
    ]);
    for (const township of data.townships) {
      const row = byTownship.get(township.id);
      const left = data.approval?.notApproved.some((t) => t.id === township.id) ? w.notApproved : '';
      county.row([`${data.names.name(township)}${left}`, row?.activities ?? 0, row?.leaflets ?? 0, row?.audience ?? 0, row?.consultations ?? 0, row?.villagesReached ?? 0, township.children.length]);
    }
    county.row([w.total, totals.activities, totals.leaflets, totals.audience, totals.consultations, totals.villagesReached, totals.villagesTotal], true);
    county.done();
  }

  if (data.planCheck) {
    const c = data.planCheck;
    const status = { done: w.done, partial: w.partial, notDone: w.notDone };
    const check = addSheet(workbook, w.check, title(w.check), [
      { header: w.planItem, width: 32 },
      { header: w.planWhen, width: 12 },
      { header: w.status, width: 12 },
      { header: w.linked, width: 12, numeric: true },
    ]);
    for (const item of c.items) check.row([item.title, item.targetDate ?? `${item.targetMonth}${lang === 'en' ? ` ${w.monthOnly}` : w.monthOnly}`, status[item.status], item.eventIds.length]);
    check.row([`${w.done} ${c.counts.done} · ${w.partial} ${c.counts.partial} · ${w.notDone} ${c.counts.notDone}`, '', '', ''], true);
    const list = (ids: (number | string)[], nameOf: (id: never) => string) => ids.map((id) => nameOf(id as never)).join(lang === 'en' ? ', ' : '、');
    check.row([`${w.gaps}: ${w.gapVillages}`, list(c.villagesWithoutActivity, (id: number) => data.names.name(data.names.unit(id))), '', '']);
    check.row([`${w.gaps}: ${w.gapSixInto}`, data.names.list('sixInto', c.sixIntoWithoutActivity), '', '']);
    check.row([`${w.gaps}: ${w.gapCampaigns}`, data.names.list('campaign', c.campaignsWithoutActivity), '', '']);
    check.row([`${w.gaps}: ${w.gapDepartments}`, data.names.list('department', c.departmentsWithoutActivity), '', '']);
    check.row([w.noEvidence, c.eventsWithoutEvidence.map((e) => `${e.startDate} ${e.title}`).join(lang === 'en' ? '; ' : '；'), '', '']);
    check.done();
  }

  if (rollUp) {
    // One sheet per unit one level down, named after it (Excel's rules: sheet-names.ts), read and written one at a time.
    const sheetName = createSheetNamer([w.summary, w.months, w.villages, w.campaigns, w.sixInto, w.departments, w.county, w.check, w.ledger, ...Object.values(w.by)]);
    for (const child of rollUp.units.map((row) => row.unit)) {
      if (signal?.aborted) return; // the client has gone
      const detail = await rollUp.detail(child);
      const level = nextLevel(child);
      const name = data.names.name(child);
      const sheet = addSheet(workbook, sheetName(name), w.title(name, data.from, data.to, `${w.months}、${w.by[level]}`), unitColumns([{ header: w.month, width: 16 }]));
      const blanks = (n: number) => Array.from({ length: n }, () => '');
      for (const row of detail.months.rows) sheet.row([row.key, row.activities, row.leaflets, row.audience, ...blanks(3 + (data.approval ? 1 : 0))]);
      sheet.row([w.total, ...totalCells(detail.months.totals)], true);
      sheet.row([]);
      sheet.row([w.level[level], ...sixFigures, ...(data.approval ? [w.townshipsCounted] : [])], true);
      for (const row of detail.units) sheet.row([`${data.names.name(row.unit)}${notCounted(row.unit)}`, ...unitCells(row)]);
      sheet.row([w.total, ...totalCells(detail.months.totals)], true);
      sheet.done();
    }
  } else {
    const ledger = addSheet(
      workbook,
      w.ledger,
      title(w.ledger),
      LEDGER_COLUMNS.map((c) => ({ header: c[lang], width: c.width, numeric: c.numeric })),
    );
    let index = 0;
    const totalRow: (string | number)[] = LEDGER_COLUMNS.map((c, i) => (i === 0 ? w.total : c.totalled ? 0 : ''));
    // Approved figures only: the ledger lists the counted townships' events.
    const ledgerActor = data.approval ? { ...actor, townshipIds: data.approval.approvedIds } : actor;
    for await (const batch of events.iterate(ledgerActor, data.ledgerFilter)) {
      if (signal?.aborted) return; // the client has gone: stop reading the ledger
      for (const event of batch) {
        const values = ledgerRow(event, data.names, index);
        LEDGER_COLUMNS.forEach((c, i) => {
          if (c.totalled) (totalRow[i] as number) += values[i] as number;
        });
        ledger.row(values);
        index += 1;
      }
    }
    ledger.row(totalRow, true);
    ledger.done();
  }
  await workbook.commit();
}
