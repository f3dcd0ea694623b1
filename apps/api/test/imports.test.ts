// Ledger import end to end through the API, on a real database: messy files
// from other writers become exactly the expected events and /api/stats totals;
// re-import creates nothing; undo restores the totals; scope and roles hold;
// every bad file answers 4xx with a message.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { seedTownship } from '@pufa/db';
import type { Event, EventListResponse, ImportBatch, ImportCommitResult, StatsResponse } from '@pufa/domain';
import { useTestApp, type TestUser } from './helper.ts';
import { convertWithLibreOffice, gbkCsv, longWorkbook, messyWorkbook, messyWorkbookEvents, multipartBody, TUSHI_VILLAGES, zipBomb } from './import-fixtures.ts';

const ctx = useTestApp();
let tushi: { townshipId: number; villageIds: number[]; departmentIds: number[] };
let ids: Parameters<typeof messyWorkbookEvents>[0];

beforeAll(async () => {
  const prisma = ctx.db.prisma;
  tushi = await seedTownship(prisma, {
    countyId: ctx.fixture.countyId, code: 'tushi', name: '涂市镇', nameEn: 'Tushi',
    villages: TUSHI_VILLAGES.map((name, i) => ({ code: `tushi-${i}`, name, nameEn: `Village ${i}` })),
  });
  const villages = await prisma.orgUnit.findMany({ where: { parentId: tushi.townshipId } });
  const departments = await prisma.department.findMany({ where: { townshipId: tushi.townshipId } });
  const byName = <T extends { id: number; name: string }>(rows: T[]) => (name: string) => rows.find((r) => r.name === name)!.id;
  ids = { village: byName(villages), department: byName(departments), leaflet: ctx.fixture.material('leaflet'), banner: ctx.fixture.material('banner'), campaign: ctx.fixture.campaign };
});

async function upload(file: { bytes: Buffer; name: string } | null, fields: Record<string, string> = {}, as: TestUser = 'countyAdmin') {
  const body = await multipartBody(file, fields);
  return ctx.inject({ method: 'POST', url: '/api/imports', as, ...body });
}

async function uploadOk(bytes: Buffer, name: string, fields: Record<string, string> = {}) {
  const res = await upload({ bytes, name }, { townshipId: String(tushi.townshipId), ...fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<ImportBatch>();
}

async function tushiEvents(from: string, to: string) {
  const res = await ctx.inject({ method: 'GET', url: '/api/events', query: { townshipId: String(tushi.townshipId), from, to, pageSize: '200', sort: 'startDate' } });
  return res.json<EventListResponse>().items;
}

async function tushiTotals(from: string, to: string) {
  const res = await ctx.inject({ method: 'GET', url: '/api/stats', query: { from, to, orgUnitId: String(tushi.townshipId), groupBy: 'month' } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<StatsResponse>().totals;
}

const comparable = (e: Event) => ({
  startDate: e.startDate, endDate: e.endDate, title: e.title, location: e.location, villageIds: e.villageIds, departmentIds: e.departmentIds,
  audience: e.audience, consultations: e.consultations, materials: e.materials, notes: e.notes, campaignId: e.campaignId,
});

const patch = (id: number, payload: object, as: TestUser = 'countyAdmin') => ctx.inject({ method: 'PATCH', url: `/api/imports/${id}`, payload, as });
const commit = (id: number, as: TestUser = 'countyAdmin') => ctx.inject({ method: 'POST', url: `/api/imports/${id}/commit`, as });
const undo = (id: number, as: TestUser = 'countyAdmin') => ctx.inject({ method: 'POST', url: `/api/imports/${id}/undo`, as });

describe('a messy .xlsx (ExcelJS) from upload to the dashboard, again, and undone', () => {
  let bytes: Buffer;
  let batch: ImportBatch;
  beforeAll(async () => {
    bytes = await messyWorkbook();
  });

  it('finds both sheets, their headers and years, and previews every row with its problems', async () => {
    batch = await uploadOk(bytes, '涂市镇台账.xlsx');
    expect(batch).toMatchObject({ status: 'preview', format: 'xlsx', fileName: '涂市镇台账.xlsx', townshipId: tushi.townshipId });
    expect(batch.sheets.map((s) => [s.name, s.headerRow, s.year, s.yearSource])).toEqual([['2021年台账', 2, 2021, 'title'], ['2022年', 1, 2022, 'sheetName']]);
    expect(batch.sheets[1]!.columns.map((c) => c.field)).toEqual(['date', 'title', 'location', 'villages', 'departments', 'audience', `material:${ids.leaflet}`, 'consultations']);
    expect(batch.summary).toEqual({ rows: 7, valid: 5, invalid: 1, duplicates: 1, excluded: 0, skipped: 2, locked: 0 });
    const unknown = batch.rows.find((r) => r.rowNumber === 6 && r.sheet === '2021年台账')!;
    expect(unknown.status).toBe('invalid');
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'villages', text: '银兴村', candidates: [{ id: ids.village('银杏村'), name: '银杏村' }] })]);
    const first = batch.rows.find((r) => r.rowNumber === 3)!;
    expect(first.interpretations.find((i) => i.field === 'audience')).toMatchObject({ from: '300余', message: expect.stringContaining('300') });
    const formula = batch.rows.find((r) => r.sheet === '2022年' && r.rowNumber === 3)!;
    // The saved result (120), not what 40+40 computes: nothing from the file is evaluated.
    expect(formula.event.audience).toBe(120);
    expect(formula.interpretations.some((i) => i.message.includes('公式'))).toBe(true);
    expect(batch.rows.filter((r) => r.status === 'skipped').map((r) => r.reason?.message)).toEqual([expect.stringContaining('合计'), expect.stringContaining('说明')]);
  });

  it('takes the clerk\'s pick for the unknown village, then commits exactly the expected events and totals', async () => {
    const before = await tushiTotals('2021-01-01', '2022-12-31');
    expect(before.activities).toBe(0);
    const fixed = await patch(batch.id, { aliases: { villages: { 银兴村: ids.village('银杏村') } } });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json<ImportBatch>().summary).toMatchObject({ valid: 6, invalid: 0, duplicates: 1 });

    const res = await commit(batch.id);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<ImportCommitResult>();
    expect(result.created).toBe(6);
    expect(result.eventIds).toHaveLength(6);
    const events = await tushiEvents('2021-01-01', '2022-12-31');
    expect(events.map(comparable)).toEqual(messyWorkbookEvents(ids));
    expect(await tushiTotals('2021-01-01', '2022-12-31')).toEqual({
      activities: 6, leaflets: 500 + 1200 + 300 + 800 + 100 + 150, audience: 300 + 200 + 20 + 500 + 80 + 120, consultations: 32, villagesReached: 5, villagesTotal: 5,
    });
    // One audit row per event, and one for the batch.
    const audit = await ctx.db.prisma.auditLog.findMany({ where: { entity: 'event', action: 'create', entityId: { in: result.eventIds.map(String) } }, orderBy: { entityId: 'asc' } });
    expect(audit).toHaveLength(6);
    // The batch path writes the audit trail from the events it built: they must be the events as stored.
    for (const row of audit) {
      const stored = await ctx.inject({ method: 'GET', url: `/api/events/${row.entityId}` });
      expect(row.after).toEqual(stored.json());
    }
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'importBatch', entityId: String(batch.id) } })).toBe(1);
  });

  it('creates nothing on a second commit or a second upload of the same file', async () => {
    const again = await commit(batch.id);
    expect(again.json<ImportCommitResult>()).toMatchObject({ created: 0, eventIds: expect.any(Array) });
    const second = await uploadOk(bytes, '涂市镇台账(1).xlsx');
    expect(second.sameFileAs).toMatchObject({ id: batch.id, status: 'committed' });
    expect(second.summary).toMatchObject({ valid: 0, duplicates: 7 });
    // The village picked by hand is remembered for the office: no problem this time.
    expect(second.summary.invalid).toBe(0);
    expect((await commit(second.id)).json<ImportCommitResult>().created).toBe(0);
    expect((await tushiTotals('2021-01-01', '2022-12-31')).activities).toBe(6);
  });

  it('refuses changes to a committed batch', async () => {
    const res = await patch(batch.id, { year: 2020 });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已导入');
  });

  it('lists the batch with who imported it and when', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/imports' });
    const listed = res.json<ImportBatch[]>().find((b) => b.id === batch.id)!;
    expect(listed).toMatchObject({ status: 'committed', eventCount: 6, createdBy: { displayName: 'countyAdmin' }, committedBy: { displayName: 'countyAdmin' } });
    expect(Date.parse(listed.undoUntil!) - Date.parse(listed.committedAt!)).toBe(30 * 86_400_000);
  });

  it('is undone by an administrator (a clerk of another township does not even see it), restoring the totals; the events stay restorable', async () => {
    expect((await undo(batch.id, 'eastClerk')).statusCode).toBe(404);
    const res = await undo(batch.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deletedEventIds).toHaveLength(6);
    expect(await tushiTotals('2021-01-01', '2022-12-31')).toMatchObject({ activities: 0, leaflets: 0, audience: 0, consultations: 0, villagesReached: 0 });
    expect(await tushiEvents('2021-01-01', '2022-12-31')).toEqual([]);
    expect((await undo(batch.id)).statusCode).toBe(409);
    const deleted = await ctx.inject({ method: 'GET', url: '/api/events/deleted' });
    expect(deleted.json<Event[]>().filter((e) => e.townshipId === tushi.townshipId)).toHaveLength(6);
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'event', action: 'delete', entityId: { in: res.json().deletedEventIds.map(String) } } })).toBe(6);
  });
});

describe('other formats', () => {
  it('reads the same workbook saved as .xls (Excel 97-2003, by LibreOffice)', async () => {
    const xls = await convertWithLibreOffice(await messyWorkbook(), 'xlsx', 'xls');
    expect(xls.subarray(0, 4).toString('hex')).toBe('d0cf11e0');
    const batch = await uploadOk(xls, '台账.xls');
    expect(batch.format).toBe('xls');
    expect(batch.sheets.map((s) => [s.name, s.headerRow, s.year])).toEqual([['2021年台账', 2, 2021], ['2022年', 1, 2022]]);
    const previews = batch.rows.filter((r) => r.status === 'valid').map((r) => ({ startDate: r.event.startDate, title: r.event.title, audience: r.event.audience, materials: r.event.materials }));
    // 银兴村 was matched by hand in the first import: the office's choice is remembered.
    const expected = messyWorkbookEvents(ids);
    expect(previews).toEqual(expected.map((e) => ({ startDate: e.startDate, title: e.title, audience: e.audience, materials: e.materials })));
  });

  it('reads a GBK CSV: commits its rows, marks "10个村" for the clerk to name', async () => {
    const batch = await uploadOk(gbkCsv(), '2023台账.csv');
    expect(batch).toMatchObject({ format: 'csv', sheets: [{ headerRow: 2, year: 2023, yearSource: 'title' }] });
    expect(batch.summary).toEqual({ rows: 3, valid: 2, invalid: 1, duplicates: 0, excluded: 0, skipped: 1, locked: 0 });
    const bad = batch.rows.find((r) => r.rowNumber === 5)!;
    expect(bad.errors).toEqual([expect.objectContaining({ field: 'villages', message: expect.stringContaining('哪些村') })]);
    // The clerk names the villages in the cell instead.
    const fixed = (await patch(batch.id, { cellEdits: { [bad.id]: { villages: '银杏村、石桥村' } } })).json<ImportBatch>();
    expect(fixed.summary.valid).toBe(3);
    expect((await commit(batch.id)).json<ImportCommitResult>().created).toBe(3);
    const events = await tushiEvents('2023-01-01', '2023-12-31');
    expect(events.map((e) => [e.startDate, e.title, e.villageIds.length, e.audience, e.materials[0]?.quantity])).toEqual([
      ['2023-03-15', '消费者权益保护法宣传', 5, 150, 1000],
      ['2023-04-15', '国家安全教育日宣传', 2, 300, 400],
      ['2023-04-20', '法律进村', 2, 50, undefined],
    ]);
    expect(await tushiTotals('2023-01-01', '2023-12-31')).toMatchObject({ activities: 3, leaflets: 1400, audience: 500, villagesReached: 5 });
  });

  it('reads a UTF-8 CSV with a BOM, and takes the year from the request when the file has none', async () => {
    const text = '\uFEFF日期,活动主题,参与人数\n6月26日,禁毒宣传,120\n';
    const batch = await uploadOk(Buffer.from(text, 'utf8'), 'x.csv', { year: '2024' });
    expect(batch.rows[0]).toMatchObject({ status: 'valid', event: { startDate: '2024-06-26', title: '禁毒宣传', audience: 120 } });
    expect(batch.sheets[0]!.yearSource).toBe('request');
  });

  it('gives a template that imports without any mapping step', async () => {
    const res = await ctx.inject({ method: 'GET', url: '/api/imports/template.xlsx', query: { townshipId: String(tushi.townshipId) } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('导入模板.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('台账')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    // The villages column offers the township's villages as a drop-down.
    const villageColumn = headers.indexOf('覆盖村（社区）') + 1;
    const validation = sheet.getCell(2, villageColumn).dataValidation;
    expect(validation).toMatchObject({ type: 'list', formulae: [expect.stringContaining('选项!')] });
    const lists = workbook.getWorksheet('选项')!;
    const listColumn = lists.getRow(1).values as unknown[];
    const villageList = lists.getColumn(listColumn.indexOf('覆盖村（社区）')).values.slice(2);
    expect(villageList).toEqual(['全镇各村', ...TUSHI_VILLAGES]);
    // A clerk fills two rows in it and uploads it.
    const row = (values: Record<string, unknown>) => headers.map((h) => values[h] ?? null);
    sheet.addRow(row({ 活动日期: new Date(Date.UTC(2025, 11, 4)), 活动主题: '宪法宣传', 宣传节点: '12·4国家宪法日', '覆盖村（社区）': '银杏村', 参与单位: '司法所', 受众人次: 100, '宣传资料/传单（份）': 200 }));
    sheet.addRow(row({ 活动日期: new Date(Date.UTC(2025, 5, 26)), 活动主题: '禁毒宣传', '覆盖村（社区）': '全镇各村', 受众人次: 50, '横幅（条）': 2 }));
    const batch = await uploadOk(Buffer.from(await workbook.xlsx.writeBuffer()), '导入模板.xlsx');
    const columns = batch.sheets.find((s) => s.name === '台账')!.columns;
    expect(columns.filter((c) => c.field === 'ignore')).toEqual([]);
    expect(batch.summary, JSON.stringify(batch.rows.map((r) => r.errors))).toMatchObject({ valid: 2, invalid: 0 });
    expect(batch.rows[0]!.event).toMatchObject({ startDate: '2025-12-04', campaignId: ids.campaign('constitution-day'), villageIds: [ids.village('银杏村')], materials: [{ materialTypeId: ids.leaflet, quantity: 200 }] });
  });
});

describe('the mapping is the clerk\'s, and remembered per office', () => {
  it('remaps a column, and the next file of the office starts from that mapping', async () => {
    const csv = Buffer.from('时间,活动主题,经费（元）\n2019-05-12,防灾减灾宣传,300\n', 'utf8');
    const batch = await uploadOk(csv, 'a.csv');
    const cost = batch.sheets[0]!.columns.find((c) => c.header.startsWith('经费'))!;
    expect(cost).toMatchObject({ field: 'ignore', guessed: true });
    const remapped = (await patch(batch.id, { mapping: { [cost.key]: 'notes' } })).json<ImportBatch>();
    expect(remapped.rows[0]!.event.notes).toBe('300');
    expect((await commit(batch.id)).json<ImportCommitResult>().created).toBe(1);
    const next = await uploadOk(Buffer.from('时间,活动主题,经费（元）\n2019-06-01,儿童节宣传,50\n', 'utf8'), 'b.csv');
    expect(next.sheets[0]!.columns.find((c) => c.header.startsWith('经费'))).toMatchObject({ field: 'notes', guessed: false });
  });

  it('rejects a village of another township as a picked name, changing nothing', async () => {
    const batch = await uploadOk(Buffer.from('日期,活动主题,覆盖村\n2019-07-01,测试,某某村\n', 'utf8'), 'c.csv');
    const res = await patch(batch.id, { aliases: { villages: { 某某村: ctx.fixture.east.villageIds[0]! } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('aliases.villages');
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}` })).json<ImportBatch>().summary.invalid).toBe(1);
  });
});

describe('scope and roles', () => {
  const csv = { bytes: Buffer.from('日期,活动主题\n2020-01-02,测试\n', 'utf8'), name: 'x.csv' };
  it('a clerk cannot import into another township', async () => {
    const res = await upload(csv, { townshipId: String(ctx.fixture.east.townshipId) }, 'westClerk');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('townshipId');
  });
  it('a clerk imports into their own township without naming it; others cannot see the batch', async () => {
    const res = await upload(csv, {}, 'eastClerk');
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json<ImportBatch>();
    expect(batch.townshipId).toBe(ctx.fixture.east.townshipId);
    expect((await ctx.inject({ method: 'GET', url: `/api/imports/${batch.id}`, as: 'westClerk' })).statusCode).toBe(404);
    expect((await commit(batch.id, 'westClerk')).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'GET', url: '/api/imports', as: 'westClerk' })).json<unknown[]>()).toEqual([]);
  });
  it('a leader cannot import; an administrator of a county must name the township', async () => {
    expect((await upload(csv, {}, 'eastLeader')).statusCode).toBe(403);
    const res = await upload(csv, {}, 'countyAdmin');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('townshipId');
  });
});

describe('bad files answer 4xx with a message, never a 500', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pufa-import-bad-'));
    return () => rm(dir, { recursive: true, force: true });
  });

  async function refused(file: { bytes: Buffer; name: string } | null, status: number, words: string) {
    const res = await upload(file, { townshipId: String(tushi.townshipId) });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().message).toContain(words);
    expect(res.json().messageEn).toBeTruthy();
  }

  it('not a spreadsheet', async () => {
    await refused({ bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), name: '台账.pdf' }, 415, '不是电子表格');
    await refused({ bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), name: 'photo.xlsx' }, 415, '不是电子表格');
    await refused({ bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), name: 'broken.xlsx' }, 400, '损坏');
  });

  it('password-protected (an encrypted workbook is a CFB container holding EncryptionInfo and EncryptedPackage)', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.concat([Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]), Buffer.alloc(200)]));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(8192, 7));
    await refused({ bytes: Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array), name: 'locked.xlsx' }, 400, '密码');
  });

  it('empty, no file, no header, no rows', async () => {
    await refused({ bytes: Buffer.alloc(0), name: 'empty.xlsx' }, 400, '空');
    await refused(null, 400, '文件');
    const numbers = new ExcelJS.Workbook();
    numbers.addWorksheet('Sheet1').addRows([[1, 2, 3], [4, 5, 6]]);
    await refused({ bytes: Buffer.from(await numbers.xlsx.writeBuffer()), name: 'numbers.xlsx' }, 400, '表头');
    await refused({ bytes: Buffer.from('日期,活动主题,地点\n', 'utf8'), name: 'header-only.csv' }, 400, '没有数据');
  });

  it('50 MB', async () => {
    await refused({ bytes: Buffer.alloc(50 * 1024 * 1024, 0x41), name: 'big.csv' }, 413, '过大');
  });

  it('a zip bomb', async () => {
    const bomb = await zipBomb(210);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused({ bytes: bomb, name: 'bomb.xlsx' }, 413, '解压后过大');
  });

  it('100,000 rows, as CSV and as .xlsx', async () => {
    const lines = ['日期,活动主题', ...Array.from({ length: 100_000 }, (_, i) => `2021-01-01,活动${i}`)];
    await refused({ bytes: Buffer.from(lines.join('\n'), 'utf8'), name: 'long.csv' }, 413, '行数过多');
    const file = path.join(dir, 'long.xlsx');
    await longWorkbook(100_000, file);
    await refused({ bytes: await readFile(file), name: 'long.xlsx' }, 413, '行数过多');
  });

  it('formulas are never evaluated: a formula with no saved result imports nothing from it', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('台账').addRows([['日期', '活动主题', '参与人数'], ['2021-05-12', '防灾宣传', { formula: 'WEBSERVICE("http://example.invalid")' }]]);
    const batch = await uploadOk(Buffer.from(await workbook.xlsx.writeBuffer()), 'formula.xlsx');
    expect(batch.rows[0]!.event.audience).toBeNull();
  });

  it('not multipart, or the file in another field', async () => {
    const json = await ctx.inject({ method: 'POST', url: '/api/imports', payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toContain('multipart');
    const form = new FormData();
    form.append('attachment', new Blob([Buffer.from('a,b')]), 'x.csv');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const res = await ctx.inject({ method: 'POST', url: '/api/imports', payload: Buffer.from(await request.arrayBuffer()), headers: { 'content-type': request.headers.get('content-type')! } });
    expect(res.statusCode).toBe(400);
  });
});

describe('the commit is all or nothing', () => {
  it('writes no event when one of the batch names a village of another township', async () => {
    const { createEventsInTransaction, SYSTEM_ACTOR } = await import('@pufa/db');
    const count = () => ctx.db.prisma.event.count({ where: { townshipId: tushi.townshipId, deletedAt: null } });
    const before = await count();
    const good = { startDate: '2018-01-02', title: '好的一行', townshipId: tushi.townshipId };
    const bad = { ...good, title: '坏的一行', villageIds: [ctx.fixture.east.villageIds[0]!] };
    await expect(ctx.db.prisma.$transaction((tx) => createEventsInTransaction(tx, SYSTEM_ACTOR, [good, bad]))).rejects.toThrow(/villageIds|unknown/);
    expect(await count()).toBe(before);
  });
});

const csvFile = (text: string) => Buffer.from(text, 'utf8');

describe('rows in a submitted month', () => {
  // The demo township's clerk submits (a county user may not); the import is what is tested here.
  const submittedByTushi = (period: string) =>
    ctx.db.prisma.submission.create({ data: { townshipId: tushi.townshipId, period, status: 'submitted', submittedAt: new Date() } });

  it('are marked with the lock\'s words in the preview, and the rest of the file commits', async () => {
    await submittedByTushi('2017-03');
    const batch = await uploadOk(csvFile('日期,活动主题\n2017-03-15,三月的活动\n2017-04-02,四月的活动\n'), 'locked.csv');
    expect(batch.summary).toMatchObject({ rows: 2, valid: 1, locked: 1 });
    const [march, april] = batch.rows;
    expect(march).toMatchObject({ status: 'locked', reason: { message: '2017年3月已上报，需县级退回后才能修改', messageEn: expect.stringContaining('March 2017 has been submitted') } });
    expect(april!.status).toBe('valid');
    const res = await commit(batch.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportCommitResult>()).toMatchObject({ created: 1, summary: { locked: 1 } });
    expect((await tushiEvents('2017-01-01', '2017-12-31')).map((e) => e.title)).toEqual(['四月的活动']);
  });

  it('a kept duplicate in a locked year is locked too', async () => {
    await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate: '2016-05-05', title: '重复的活动', townshipId: tushi.townshipId } });
    await submittedByTushi('2016');
    // The lock is the stronger reason: the row cannot be imported whatever is chosen about the duplicate.
    const batch = await uploadOk(csvFile('日期,活动主题\n2016-05-05,重复的活动\n'), 'locked-year.csv');
    expect(batch.rows[0]).toMatchObject({ status: 'locked', reason: { message: expect.stringContaining('2016年已上报') } });
    const kept = (await patch(batch.id, { keepDuplicateRows: [batch.rows[0]!.id] })).json<ImportBatch>();
    expect(kept.rows[0]).toMatchObject({ status: 'locked', reason: { message: expect.stringContaining('2016年已上报') } });
    expect((await commit(batch.id)).json<ImportCommitResult>().created).toBe(0);
  });
});

describe('duplicates', () => {
  it('"keep anyway" for a row equal to an existing event creates it', async () => {
    const existing = await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate: '2015-06-26', title: '禁毒宣传', townshipId: tushi.townshipId } });
    expect(existing.statusCode).toBe(201);
    const batch = await uploadOk(csvFile('日期,活动主题\n2015-06-26,禁毒宣传\n'), 'dup.csv');
    expect(batch.rows[0]).toMatchObject({ status: 'duplicate', reason: { message: expect.stringContaining('已登记') } });
    const kept = (await patch(batch.id, { keepDuplicateRows: [batch.rows[0]!.id] })).json<ImportBatch>();
    expect(kept.rows[0]!.status).toBe('valid');
    expect((await commit(batch.id)).json<ImportCommitResult>().created).toBe(1);
    expect((await tushiEvents('2015-06-26', '2015-06-26')).map((e) => e.title)).toEqual(['禁毒宣传', '禁毒宣传']);
  });
});

describe('an unknown department', () => {
  const file = (day: string) => csvFile(`日期,活动主题,参与单位\n2014-03-${day},市场宣传,市场监管所、司法所\n`);
  let department: (name: string) => number;
  beforeAll(async () => {
    const rows = await ctx.db.prisma.department.findMany({ where: { townshipId: tushi.townshipId } });
    department = (name) => rows.find((r) => r.name === name)!.id;
  });

  it('can be left out (不计入部门), shown in the preview, remembered, listed and forgotten', async () => {
    const batch = await uploadOk(file('01'), 'dept.csv');
    expect(batch.rows[0]!.errors).toEqual([expect.objectContaining({ field: 'departments', text: '市场监管所' })]);
    const left = await patch(batch.id, { aliases: { departments: { 市场监管所: null } } });
    expect(left.statusCode, left.body).toBe(200);
    const row = left.json<ImportBatch>().rows[0]!;
    expect(row).toMatchObject({ status: 'valid', event: { departmentIds: [department('司法所')] } });
    expect(row.interpretations).toEqual([expect.objectContaining({ field: 'departments', message: expect.stringContaining('不计入：市场监管所') })]);
    expect((await commit(batch.id)).json<ImportCommitResult>().created).toBe(1);

    // The next file gets the choice, and says so on the cell.
    const next = await uploadOk(file('02'), 'dept2.csv');
    expect(next.rows[0]!.status).toBe('valid');
    expect(next.rows[0]!.interpretations[0]!.message).toContain('不计入：市场监管所');
    const remembered = await ctx.inject({ method: 'GET', url: '/api/imports/remembered', query: { townshipId: String(tushi.townshipId) } });
    expect(remembered.statusCode, remembered.body).toBe(200);
    expect(remembered.json().departments).toContainEqual({ text: '市场监管所', id: null, name: null });

    // Forgotten: gone from the list, from the open preview and from the next file.
    const forgot = await ctx.inject({ method: 'DELETE', url: '/api/imports/remembered', query: { townshipId: String(tushi.townshipId), kind: 'departments', key: '市场监管所' } });
    expect(forgot.statusCode, forgot.body).toBe(200);
    expect(forgot.json().departments.map((d: { text: string }) => d.text)).not.toContain('市场监管所');
    const reopened = (await ctx.inject({ method: 'GET', url: `/api/imports/${next.id}` })).json<ImportBatch>();
    expect(reopened.rows[0]!.status).toBe('invalid');
    expect((await uploadOk(file('03'), 'dept3.csv')).rows[0]!.status).toBe('invalid');
    expect(await ctx.db.prisma.auditLog.count({ where: { entity: 'importProfile', entityId: String(tushi.townshipId), action: 'delete' } })).toBe(1);
    const again = await ctx.inject({ method: 'DELETE', url: '/api/imports/remembered', query: { townshipId: String(tushi.townshipId), kind: 'departments', key: '市场监管所' } });
    expect(again.statusCode).toBe(404);
  });

  it('matched by hand to a department: the cell says so; a leader may not read or forget remembered names', async () => {
    const batch = await uploadOk(file('04'), 'dept4.csv');
    const matched = (await patch(batch.id, { aliases: { departments: { 市场监管所: department('派出所') } } })).json<ImportBatch>();
    expect(matched.rows[0]!.event.departmentIds).toEqual([department('派出所'), department('司法所')]);
    expect(matched.rows[0]!.interpretations[0]!.message).toContain('按已选的对应：市场监管所→派出所');
    expect((await ctx.inject({ method: 'GET', url: '/api/imports/remembered', as: 'eastLeader' })).statusCode).toBe(403);
    expect((await ctx.inject({ method: 'DELETE', url: '/api/imports/remembered', query: { kind: 'columns', key: 'x' }, as: 'eastLeader' })).statusCode).toBe(403);
    // Another township's memory is not there for a clerk.
    const other = await ctx.inject({ method: 'GET', url: '/api/imports/remembered', query: { townshipId: String(tushi.townshipId) }, as: 'eastClerk' });
    expect(other.statusCode).toBe(404);
  });
});

describe('undo', () => {
  const east = () => String(ctx.fixture.east.townshipId);
  async function committedBy(as: TestUser, day: string) {
    const res = await upload({ bytes: csvFile(`日期,活动主题\n2013-01-${day},撤销测试${day}\n`), name: 'u.csv' }, { townshipId: east() }, as);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<ImportBatch>().id;
    expect((await commit(id, as)).statusCode).toBe(200);
    return id;
  }

  it('a clerk undoes an import they committed; another\'s import they are told who can undo', async () => {
    const own = await committedBy('eastClerk', '01');
    const res = await undo(own, 'eastClerk');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deletedEventIds).toHaveLength(1);
    const admins = await committedBy('eastAdmin', '02');
    const refused = await undo(admins, 'eastClerk');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ message: '只有导入者本人或管理员可以撤销这次导入', messageEn: expect.stringContaining('administrator') });
    expect((await undo(admins, 'eastLeader')).statusCode).toBe(403);
    expect((await undo(admins, 'eastAdmin')).statusCode).toBe(200);
  });

  it('is refused 30 days and a minute after the commit, and done just inside the 30 days', async () => {
    const day = 86_400_000;
    const late = await committedBy('eastAdmin', '03');
    await ctx.db.prisma.importBatch.update({ where: { id: late }, data: { committedAt: new Date(Date.now() - 30 * day - 60_000) } });
    const refused = await undo(late, 'eastAdmin');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('30 天');
    const inside = await committedBy('eastAdmin', '04');
    await ctx.db.prisma.importBatch.update({ where: { id: inside }, data: { committedAt: new Date(Date.now() - 30 * day + 60_000) } });
    expect((await undo(inside, 'eastAdmin')).statusCode).toBe(200);
  });
});
