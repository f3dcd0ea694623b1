// 导入模板.xlsx: the ledger columns under the headers the importer recognises
// exactly (so it imports with no mapping step), with the office's campaigns,
// villages, departments and catalogs as drop-down lists from a hidden sheet.
import ExcelJS from 'exceljs';
import { IMPORT_FIELD_LABELS, type ImportCatalogs } from '@pufa/domain';

/** Rows of the sheet that carry the drop-downs. */
const TEMPLATE_ROWS = 1000;

interface TemplateColumn {
  header: string;
  width: number;
  /** Column of the hidden list sheet whose values the drop-down offers. */
  list?: string[];
  /** A name list may hold several names ("银杏村、红岩村"): the drop-down helps, typing more is allowed. */
  several?: boolean;
  date?: boolean;
  number?: boolean;
}

function columns(catalogs: ImportCatalogs): TemplateColumn[] {
  const names = (rows: readonly { name: string }[]) => rows.map((r) => r.name);
  const label = (field: keyof typeof IMPORT_FIELD_LABELS) => IMPORT_FIELD_LABELS[field].zh;
  return [
    { header: label('date'), width: 12, date: true },
    { header: label('endDate'), width: 12, date: true },
    { header: label('title'), width: 30 },
    { header: label('campaign'), width: 20, list: names(catalogs.campaigns) },
    { header: label('location'), width: 16 },
    { header: label('villages'), width: 22, list: ['全镇各村', ...names(catalogs.villages)], several: true },
    { header: label('departments'), width: 18, list: names(catalogs.departments), several: true },
    { header: label('sixInto'), width: 12, list: names(catalogs.sixInto), several: true },
    { header: label('forms'), width: 14, list: names(catalogs.forms), several: true },
    { header: label('laws'), width: 16, list: names(catalogs.laws), several: true },
    { header: label('targetGroups'), width: 14, list: names(catalogs.targetGroups), several: true },
    { header: label('audience'), width: 10, number: true },
    { header: label('consultations'), width: 10, number: true },
    ...catalogs.materialTypes.map((t) => ({ header: `${t.name}（${t.unit}）`, width: 12, number: true })),
    { header: label('notes'), width: 24 },
  ];
}

const columnLetter = (index: number) => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

export async function importTemplate(catalogs: ImportCatalogs, townshipName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pufa Tracker';
  const sheet = workbook.addWorksheet('台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = workbook.addWorksheet('选项', { state: 'veryHidden' });
  const help = workbook.addWorksheet('填写说明');
  const cols = columns(catalogs);
  sheet.columns = cols.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  // ExcelJS writes range validations (sqref) but its typings only know the per-cell form.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  let listColumn = 0;
  cols.forEach((column, index) => {
    const letter = columnLetter(index);
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    if (column.list && column.list.length > 0) {
      const listLetter = columnLetter(listColumn++);
      lists.getCell(`${listLetter}1`).value = column.header;
      column.list.forEach((value, i) => (lists.getCell(`${listLetter}${i + 2}`).value = value));
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`选项!$${listLetter}$2:$${listLetter}$${column.list.length + 1}`],
        showErrorMessage: !column.several,
        errorStyle: 'warning',
        ...(column.several ? { showInputMessage: true, promptTitle: column.header, prompt: '可选一项，或输入多项，用顿号“、”分隔' } : {}),
      });
    }
    if (column.date) {
      sheet.getColumn(index + 1).numFmt = 'yyyy-mm-dd';
      validations.add(range, { type: 'date', operator: 'between', allowBlank: true, formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))], showErrorMessage: true, errorStyle: 'warning', error: '请填写日期，如 2026-12-04' });
    }
    if (column.number) {
      validations.add(range, { type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0], showErrorMessage: true, errorStyle: 'warning', error: '请填写整数' });
    }
  });
  help.columns = [{ width: 100 }];
  [
    `${townshipName}普法宣传活动台账导入模板`,
    '1. 在“台账”表中每行登记一次活动；请勿修改第一行的列名。',
    '2. 日期填写如 2026-12-04；一次持续多日的活动填写结束日期。',
    '3. 覆盖村（社区）、参与单位等可从下拉列表选择，多项用顿号“、”分隔；“全镇各村”表示全部村（社区）。',
    '4. 数量填写整数；资料各列按其单位计数。',
    '5. 填好后在“导入台账”页面上传本文件，核对预览后确认导入。',
  ].forEach((line, i) => (help.getCell(`A${i + 1}`).value = line));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
