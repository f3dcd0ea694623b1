// Ledger files for the import tests, made by other writers than the parser
// (SheetJS): ExcelJS writes .xlsx, LibreOffice converts it to .xls, iconv-lite
// encodes CSV as GBK. Each shape the issue lists appears somewhere below.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Zip, ZipDeflate } from 'fflate';

const run = promisify(execFile);

/** A township like the seed report's: its villages and the default departments. */
export const TUSHI_VILLAGES = ['银杏村', '红岩村', '石桥村', '青山村', '新华社区'];

/** multipart/form-data as a browser sends it. */
export async function multipartBody(file: { bytes: Buffer; name: string } | null, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append('file', new Blob([file.bytes]), file.name);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } };
}

/**
 * Two sheets as two clerks kept them: a merged title with the year, 序号, units
 * in headers, an Excel date and text dates, a range, 全镇各村, an unknown
 * village, "300余" and "二十余", a blank row, a 合计 row of formulas, a merged
 * note; the second sheet names its year only in the sheet name, uses other
 * header variants, a formula whose saved result is not what it would compute,
 * and a row repeating an earlier one.
 */
export async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const first = workbook.addWorksheet('2021年台账');
  first.mergeCells('A1:J1');
  first.getCell('A1').value = '涂市镇2021年普法宣传活动台账';
  first.addRow(['序号', '活动时间', '活动主题', '地点', '涉及村（社区）', '参与单位', '参与人数（人次）', '发放资料（份）', '横幅（条）', '备注']);
  first.addRow([1, new Date(Date.UTC(2021, 2, 15)), '3·15消费者权益日宣传', '镇农贸市场', '银杏村、红岩村', '司法所、派出所', '300余', 500, 2, '']);
  first.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
  first.addRow([2, '2021.6.26', '禁毒宣传进校园', '镇中学', '石桥', '派出所', '约200', '1,200', null, '与学校联合']);
  first.addRow([3, '11月29日-12月5日', '宪法宣传周系列活动', '各村', '全镇各村', '司法所', '二十余', '300余份', 5, null]);
  first.addRow([4, '12月4日', '国家宪法日集中宣传', '镇文化广场', '银兴村', '司法所', 500, 800, 3, null]);
  first.addRow([]);
  first.addRow(['合计', null, null, null, null, null, { formula: 'SUM(G3:G6)', result: 500 }, { formula: 'SUM(H3:H6)', result: 1300 }, { formula: 'SUM(I3:I6)', result: 10 }, null]);
  first.mergeCells('A9:J9');
  first.getCell('A9').value = '注：本表由司法所填报，数量为约数。';

  const second = workbook.addWorksheet('2022年');
  second.addRow(['日期', '内容', '活动地点', '覆盖村', '组织单位', '受众（人次）', '资料数量', '咨询人次']);
  second.addRow(['3.8', '三八维权周反家暴宣传', '妇女之家', '新华社区居委会', '妇联', 80, 100, 12]);
  second.addRow(['2022年5月20日', '民法典进社区', '新华社区', '新华', '司法所', { formula: '40+40', result: 120 }, 150, 20]);
  second.addRow(['2022/3/8', '三八维权周 反家暴宣传', '妇女之家', '新华社区', '妇联', 80, 100, 12]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The events the messy workbook becomes once 银兴村 is matched to 银杏村 (ids by name). */
export function messyWorkbookEvents(ids: { village: (name: string) => number; department: (name: string) => number; leaflet: number; banner: number; campaign: (code: string) => number }) {
  const allVillages = TUSHI_VILLAGES.map(ids.village).sort((a, b) => a - b);
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  return [
    { startDate: '2021-03-15', endDate: null, title: '3·15消费者权益日宣传', location: '镇农贸市场', villageIds: sorted([ids.village('银杏村'), ids.village('红岩村')]), departmentIds: sorted([ids.department('司法所'), ids.department('派出所')]), audience: 300, consultations: 0, materials: [{ materialTypeId: ids.leaflet, quantity: 500 }, { materialTypeId: ids.banner, quantity: 2 }].sort((a, b) => a.materialTypeId - b.materialTypeId), notes: '', campaignId: ids.campaign('consumer-rights-day') },
    { startDate: '2021-06-26', endDate: null, title: '禁毒宣传进校园', location: '镇中学', villageIds: [ids.village('石桥村')], departmentIds: [ids.department('派出所')], audience: 200, consultations: 0, materials: [{ materialTypeId: ids.leaflet, quantity: 1200 }], notes: '与学校联合', campaignId: ids.campaign('anti-drug-day') },
    { startDate: '2021-11-29', endDate: '2021-12-05', title: '宪法宣传周系列活动', location: '各村', villageIds: allVillages, departmentIds: [ids.department('司法所')], audience: 20, consultations: 0, materials: [{ materialTypeId: ids.leaflet, quantity: 300 }, { materialTypeId: ids.banner, quantity: 5 }].sort((a, b) => a.materialTypeId - b.materialTypeId), notes: '', campaignId: ids.campaign('constitution-week') },
    { startDate: '2021-12-04', endDate: null, title: '国家宪法日集中宣传', location: '镇文化广场', villageIds: [ids.village('银杏村')], departmentIds: [ids.department('司法所')], audience: 500, consultations: 0, materials: [{ materialTypeId: ids.leaflet, quantity: 800 }, { materialTypeId: ids.banner, quantity: 3 }].sort((a, b) => a.materialTypeId - b.materialTypeId), notes: '', campaignId: ids.campaign('constitution-day') },
    { startDate: '2022-03-08', endDate: null, title: '三八维权周反家暴宣传', location: '妇女之家', villageIds: [ids.village('新华社区')], departmentIds: [ids.department('妇联')], audience: 80, consultations: 12, materials: [{ materialTypeId: ids.leaflet, quantity: 100 }], notes: '', campaignId: ids.campaign('womens-rights-week') },
    { startDate: '2022-05-20', endDate: null, title: '民法典进社区', location: '新华社区', villageIds: [ids.village('新华社区')], departmentIds: [ids.department('司法所')], audience: 120, consultations: 20, materials: [{ materialTypeId: ids.leaflet, quantity: 150 }], notes: '', campaignId: ids.campaign('civil-code-month') },
  ];
}

/** Converts a file with LibreOffice (e.g. .xlsx → .xls, as Excel 97-2003 saves it). */
export async function convertWithLibreOffice(bytes: Buffer, fromExtension: string, to: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-import-'));
  try {
    await writeFile(path.join(dir, `book.${fromExtension}`), bytes);
    await run('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', to, '--outdir', dir, path.join(dir, `book.${fromExtension}`)], { timeout: 120_000 });
    return await readFile(path.join(dir, `book.${to.split(':')[0]}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A ledger saved as CSV in GBK (as Excel on a Chinese Windows does), with its own shapes. */
export function gbkCsv(): Buffer {
  const text = [
    '涂市镇2023年普法宣传台账,,,,,',
    '序号,时间,活动名称,覆盖村,参与单位,参与人数,发放资料（份）',
    '1,2023/3/15,消费者权益保护法宣传,全镇,司法所,150,"1,000"',
    '2,2023年4月15日,国家安全教育日宣传,"青山村,红岩村委会",派出所,约300,400余',
    '3,4月20日,法律进村,10个村,司法所,50,',
    '合计,,,,,500,1400',
  ].join('\r\n');
  return iconv.encode(text, 'gbk');
}

/** A zip whose one entry inflates to more than the import accepts (written in pieces, never held whole). */
export function zipBomb(megabytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      parts.push(chunk);
      if (final) resolve(Buffer.concat(parts));
    });
    const entry = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
    zip.add(entry);
    const block = new Uint8Array(1024 * 1024).fill(0x20);
    for (let i = 0; i < megabytes; i++) entry.push(block, i === megabytes - 1);
    zip.end();
  });
}

/** An .xlsx of n data rows under a plain header (ExcelJS's streaming writer). */
export async function longWorkbook(rows: number, file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(['日期', '活动主题', '参与人数']).commit();
  for (let i = 0; i < rows; i++) sheet.addRow([`2021-${String((i % 12) + 1).padStart(2, '0')}-01`, `活动${i}`, 10]).commit();
  await workbook.commit();
}
