// analyzeImport over a messy sheet as offices keep it: title rows, header
// variants, a totals row, a note, duplicates, unknown names, interpretations.
import { describe, expect, it } from 'vitest';
import { analyzeImport, EMPTY_IMPORT_SETTINGS, duplicateKey, type ImportCatalogs, type ImportSheet } from '../src/import/analyze.ts';

const catalogs: ImportCatalogs = {
  townshipId: 7,
  villages: [{ id: 1, name: '银杏村' }, { id: 2, name: '红岩村' }, { id: 3, name: '石桥村' }],
  departments: [{ id: 21, name: '司法所' }, { id: 22, name: '派出所' }],
  campaigns: [{ id: 31, code: 'constitution-day', name: '12·4国家宪法日', rule: { startMonth: 12, startDay: 4 }, periods: [] }],
  materialTypes: [
    { id: 11, name: '宣传资料/传单', unit: '份', countsAsLeaflet: true },
    { id: 14, name: '横幅', unit: '条', countsAsLeaflet: false },
  ],
  forms: [], laws: [], targetGroups: [], sixInto: [{ code: 'villages', name: '乡村' }],
};

const sheet: ImportSheet = {
  name: 'Sheet1',
  rows: [
    { number: 1, cells: ['涂市镇2021年普法宣传活动台账', null, null, null, null, null, null] },
    { number: 2, cells: ['序号', '活动时间', '活动主题', '涉及村（社区）', '参与单位', '受众（人次）', '发放资料（份）', '横幅（条）'] },
    { number: 3, cells: [1, '3月15日', '消费者权益日宣传', '银杏村、红岩村', '司法所', '300余', 500, 2] },
    { number: 4, cells: [2, '12月4日', '宪法进万家', '全镇各村', '司法所、派出所', 200, '1,200', null] },
    { number: 5, cells: [3, '五月中旬', '民法典讲座', '银兴村', '司法所', 80, null, null] },
    { number: 6, cells: [4, '3月15日', '消费者权益日 宣传', '银杏村', '司法所', 10, null, null] },
    { number: 7, cells: [null, null, null, null, null, null, null, null] },
    { number: 8, cells: ['合计', null, null, null, null, 590, 1700, 2] },
    { number: 9, cells: ['注：本表由司法所填报', null, null, null, null, null, null, null] },
  ],
};

describe('analyzeImport', () => {
  const analysis = analyzeImport([sheet], EMPTY_IMPORT_SETTINGS, catalogs, new Set());

  it('finds the header under the title and takes the year from the title', () => {
    expect(analysis.sheets[0]).toMatchObject({ headerRow: 2, year: 2021, yearSource: 'title', title: '涂市镇2021年普法宣传活动台账' });
    expect(analysis.sheets[0]!.columns.map((c) => c.field)).toEqual(['serial', 'date', 'title', 'villages', 'departments', 'audience', 'material:11', 'material:14']);
  });

  it('reads a row into the event it becomes, with its interpretations', () => {
    const row = analysis.rows.find((r) => r.rowNumber === 3)!;
    expect(row.status).toBe('valid');
    expect(row.event).toMatchObject({
      startDate: '2021-03-15', title: '消费者权益日宣传', villageIds: [1, 2], departmentIds: [21], audience: 300,
      materials: [{ materialTypeId: 11, quantity: 500 }, { materialTypeId: 14, quantity: 2 }],
    });
    expect(row.interpretations.map((i) => i.field).sort()).toEqual(['audience', 'date']);
  });

  it('reads 全镇各村 as every village and guesses the campaign from date and title', () => {
    const row = analysis.rows.find((r) => r.rowNumber === 4)!;
    expect(row.event).toMatchObject({ villageIds: [1, 2, 3], departmentIds: [21, 22], campaignId: 31, materials: [{ materialTypeId: 11, quantity: 1200 }] });
    expect(row.interpretations.map((i) => i.field)).toEqual(expect.arrayContaining(['villages', 'campaign']));
  });

  it('marks an unreadable date and an unknown village on their cells, with the closest villages', () => {
    const row = analysis.rows.find((r) => r.rowNumber === 5)!;
    expect(row.status).toBe('invalid');
    expect(row.errors.map((e) => e.field).sort()).toEqual(['date', 'villages']);
    expect(row.errors.find((e) => e.field === 'villages')).toMatchObject({ text: '银兴村', candidates: [{ id: 1, name: '银杏村' }] });
  });

  it('flags a row equal to an earlier row (spacing aside) and skips totals and notes', () => {
    expect(analysis.rows.find((r) => r.rowNumber === 6)).toMatchObject({ status: 'duplicate' });
    expect(analysis.rows.find((r) => r.rowNumber === 8)).toMatchObject({ status: 'skipped', reason: { message: expect.stringContaining('合计') } });
    expect(analysis.rows.find((r) => r.rowNumber === 9)).toMatchObject({ status: 'skipped' });
    expect(analysis.rows.some((r) => r.rowNumber === 7)).toBe(false);
    expect(analysis.summary).toEqual({ rows: 4, valid: 2, invalid: 1, duplicates: 1, excluded: 0, skipped: 2, locked: 0 });
    expect(analysis.toCreate.map((c) => c.rowId)).toEqual(['0:3', '0:4']);
  });

  it('applies the clerk\'s fixes: an alias, an edited cell, an excluded row, a kept duplicate', () => {
    const fixed = analyzeImport([sheet], {
      ...EMPTY_IMPORT_SETTINGS,
      aliases: { villages: { 银兴村: 1 } },
      cellEdits: { '0:5': { date: '2021-05-20' } },
      excludedRows: ['0:3'],
      keepDuplicateRows: ['0:6'],
    }, catalogs, new Set());
    expect(fixed.rows.find((r) => r.rowNumber === 5)).toMatchObject({ status: 'valid', event: { startDate: '2021-05-20', villageIds: [1] } });
    expect(fixed.rows.find((r) => r.rowNumber === 3)!.status).toBe('excluded');
    expect(fixed.rows.find((r) => r.rowNumber === 6)!.status).toBe('valid');
    expect(fixed.summary).toMatchObject({ valid: 3, excluded: 1, duplicates: 0 });
  });

  it('skips rows equal to events already logged', () => {
    const again = analyzeImport([sheet], EMPTY_IMPORT_SETTINGS, catalogs, new Set([duplicateKey('2021-03-15', '消费者权益日宣传'), duplicateKey('2021-12-04', '宪法进万家')]));
    expect(again.summary).toMatchObject({ valid: 0, duplicates: 3 });
    expect(again.toCreate).toEqual([]);
  });

  it('applies every rule of the event schema to an imported row', () => {
    const long = { name: 'S', rows: [sheet.rows[1]!, { number: 3, cells: [1, '2021.3.15', 'x'.repeat(201), '', '', 5, null, null] }] };
    const row = analyzeImport([long], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).rows[0]!;
    expect(row.status).toBe('invalid');
    expect(row.errors).toEqual([expect.objectContaining({ field: 'title', message: expect.stringContaining('200') })]);
  });

  it('reports a sheet without a header and asks for a year when none is known', () => {
    const noTitle = { name: 'Sheet2', rows: sheet.rows.slice(1, 3) };
    const result = analyzeImport([noTitle, { name: '说明', rows: [{ number: 1, cells: ['填表说明'] }] }], EMPTY_IMPORT_SETTINGS, catalogs, new Set());
    expect(result.sheets[1]).toMatchObject({ headerRow: null });
    expect(result.rows[0]!.errors[0]).toMatchObject({ field: 'date', message: expect.stringContaining('年份') });
    const withYear = analyzeImport([noTitle], { ...EMPTY_IMPORT_SETTINGS, year: 2022 }, catalogs, new Set());
    expect(withYear.rows[0]!.event.startDate).toBe('2022-03-15');
    expect(withYear.sheets[0]!.yearSource).toBe('request');
  });
});
