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
    { id: 11, name: '宣传资料/传单', nameEn: 'Leaflets', unit: '份', countsAsLeaflet: true },
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

describe('analyzeImport: header repeated further down (two months pasted together)', () => {
  const header = ['序号', '活动时间', '活动主题', '涉及村（社区）', '受众（人次）'];
  const pasted: ImportSheet = {
    name: '2021年',
    rows: [
      { number: 1, cells: header },
      { number: 2, cells: [1, '3月5日', '三月法治宣传月启动', '银杏村', 100] },
      { number: 3, cells: [2, '3月15日', '消费者权益日宣传', '红岩村', 80] },
      { number: 4, cells: [...header] },
      { number: 5, cells: [1, '4月15日', '国家安全教育日', '石桥村', 60] },
      { number: 6, cells: [2, '4月20日', '民法典进村', '银杏村', 40] },
    ],
  };
  it('keeps the first header and reads the rows of both blocks, not the repeated header', () => {
    const result = analyzeImport([pasted], EMPTY_IMPORT_SETTINGS, catalogs, new Set());
    expect(result.sheets[0]).toMatchObject({ headerRow: 1, dataRows: 4 });
    expect(result.rows.map((r) => r.rowNumber)).toEqual([2, 3, 5, 6]);
    expect(result.rows.map((r) => r.status)).toEqual(['valid', 'valid', 'valid', 'valid']);
    expect(result.rows.map((r) => r.event.startDate)).toEqual(['2021-03-05', '2021-03-15', '2021-04-15', '2021-04-20']);
  });
});

describe('analyzeImport: a date with only a month', () => {
  const withLesson: ImportCatalogs = {
    ...catalogs,
    campaigns: [...catalogs.campaigns, { id: 32, code: 'first-law-lesson', name: '开学法治第一课', rule: { startMonth: 9, startDay: 1 }, periods: [] }],
  };
  const sheet9: ImportSheet = {
    name: '2021',
    rows: [
      { number: 1, cells: ['活动时间', '活动主题', '受众（人次）'] },
      { number: 2, cells: ['9月', '扫黑除恶专项斗争宣传', 100] },
      { number: 3, cells: ['9月1日', '法律进校园', 50] },
    ],
  };
  it('guesses no campaign from the invented first day, and says so on the campaign', () => {
    const rows = analyzeImport([sheet9], EMPTY_IMPORT_SETTINGS, withLesson, new Set()).rows;
    expect(rows[0]).toMatchObject({ status: 'valid', event: { startDate: '2021-09-01', endDate: '2021-09-30', campaignId: null } });
    expect(rows[0]!.interpretations.find((i) => i.field === 'campaign')?.message).toContain('只写了月份');
    // A real 1 September still suggests the campaign of that day.
    expect(rows[1]!.event.campaignId).toBe(32);
  });
});

// The demo township's ten villages (packages/db/src/seed/demo.ts) and some of its departments.
const demoCatalogs: ImportCatalogs = {
  ...catalogs,
  villages: ['银杏村', '红岩村', '石桥村', '青山村', '龙泉村', '桂花村', '新华社区', '松林村', '大坪村', '柏树村'].map((name, i) => ({ id: 101 + i, name })),
  departments: [{ id: 21, name: '司法所' }, { id: 22, name: '派出所' }, { id: 23, name: '妇联' }],
};
const ledger2021 = (header: string, cells: string[]): ImportSheet => ({
  name: '2021年',
  rows: [
    { number: 1, cells: ['活动时间', '活动主题', header, '受众（人次）'] },
    ...cells.map((cell, i) => ({ number: i + 2, cells: [`3月${i + 1}日`, `普法宣传${i + 1}`, cell, 50] })),
  ],
});

describe('analyzeImport: a column whose cells say more than its header', () => {
  const villageCells = ['银杏村', '松林 大坪', '桂花材', '红岩'];

  it('takes a 地点 column full of the township\'s villages as the villages, and flags the typo', () => {
    const result = analyzeImport([ledger2021('地点', villageCells)], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    const column = result.sheets[0]!.columns.find((c) => c.header === '地点')!;
    expect(column).toMatchObject({ field: 'villages', guessed: true, hint: { field: 'villages', applied: true, message: expect.stringContaining('此列内容像村名') } });
    expect(result.rows.map((r) => r.event.villageIds)).toEqual([[101], [108, 109], [], [102]]);
    expect(result.rows.map((r) => r.event.location)).toEqual(['', '', '', '']);
    expect(result.rows[2]!.errors[0]).toMatchObject({ field: 'villages', text: '桂花材', candidates: [{ id: 106, name: '桂花村' }] });
    expect(result.summary).toMatchObject({ valid: 3, invalid: 1 });
  });

  it('leaves a 地点 column of places as the location', () => {
    const result = analyzeImport([ledger2021('地点', ['镇文化广场', '镇中心学校', '银杏村', '农贸市场'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    const column = result.sheets[0]!.columns.find((c) => c.header === '地点')!;
    expect(column.field).toBe('location');
    expect(column.hint).toBeUndefined();
    expect(result.rows[0]!.event.location).toBe('镇文化广场');
  });

  it('only asks when the cells merely look like villages (places in villages)', () => {
    const result = analyzeImport([ledger2021('地点', ['银杏村文化礼堂', '松林村广场', '大坪村小学', '镇政府'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    expect(result.sheets[0]!.columns.find((c) => c.header === '地点')).toMatchObject({
      field: 'location', hint: { field: 'villages', applied: false, message: '此列内容像村名，是否作为“覆盖村”？' },
    });
  });

  it('never overrules a column the clerk mapped, nor takes a second villages column: it asks', () => {
    const chosen = analyzeImport([ledger2021('地点', villageCells)], { ...EMPTY_IMPORT_SETTINGS, mapping: { 地点: 'location' } }, demoCatalogs, new Set());
    expect(chosen.sheets[0]!.columns.find((c) => c.header === '地点')).toMatchObject({ field: 'location', guessed: false, hint: { applied: false } });
    expect(chosen.rows[0]!.event).toMatchObject({ location: '银杏村', villageIds: [] });

    const both: ImportSheet = {
      name: '2021年',
      rows: [
        { number: 1, cells: ['活动时间', '活动主题', '涉及村', '地点'] },
        { number: 2, cells: ['3月1日', '宣传一', '红岩村', '银杏村'] },
        { number: 3, cells: ['3月2日', '宣传二', '石桥村', '松林村'] },
      ],
    };
    const columns = analyzeImport([both], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set()).sheets[0]!.columns;
    expect(columns.map((c) => c.field)).toEqual(['date', 'title', 'villages', 'location']);
    expect(columns[3]!.hint).toMatchObject({ field: 'villages', applied: false });
  });

  it('takes an unrecognised column of departments as the departments', () => {
    const result = analyzeImport([ledger2021('主办', ['司法所', '司法所、派出所', '镇妇联', '派出所'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    expect(result.sheets[0]!.columns.find((c) => c.header === '主办')).toMatchObject({ field: 'departments', hint: { field: 'departments', applied: true, message: expect.stringContaining('单位名') } });
    expect(result.rows.map((r) => r.event.departmentIds)).toEqual([[21], [21, 22], [23], [22]]);
  });

  it('needs more than half of the filled cells', () => {
    const half = analyzeImport([ledger2021('地点', ['银杏村', '松林村', '镇文化广场', '农贸市场'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    expect(half.sheets[0]!.columns.find((c) => c.header === '地点')).toMatchObject({ field: 'location' });
    expect(half.sheets[0]!.columns.find((c) => c.header === '地点')!.hint).toBeUndefined();
    const halfSure = analyzeImport([ledger2021('地点', ['银杏村', '松林村', '银杏村广场', '镇文化广场'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    expect(halfSure.sheets[0]!.columns.find((c) => c.header === '地点')).toMatchObject({ field: 'location', hint: { applied: false } });
    const blanksAside = analyzeImport([ledger2021('地点', ['银杏村', '', '松林村', '镇文化广场'])], EMPTY_IMPORT_SETTINGS, demoCatalogs, new Set());
    expect(blanksAside.sheets[0]!.columns.find((c) => c.header === '地点')!.field).toBe('villages');
  });
});

describe('analyzeImport: the file\'s own 合计 row', () => {
  const totalsSheet = (total: [number | string | null, number | null], extra: ImportSheet['rows'] = []): ImportSheet => ({
    name: '2021年',
    rows: [
      { number: 1, cells: ['序号', '活动时间', '活动主题', '发放资料（份）', '受众（人次）'] },
      { number: 2, cells: [1, '3月5日', '法治宣传月启动', 500, 100] },
      { number: 3, cells: [2, '3月15日', '消费者权益日宣传', 350, 50] },
      { number: 4, cells: [3, '4月15日', '国家安全教育日', '300余份', 60] },
      { number: 5, cells: [4, '5月20日', '民法典进村', 300, 40] },
      ...extra,
      { number: 9, cells: ['合计', null, null, total[0], total[1]] },
    ],
  });

  it('says where the import differs from the paper total: text Excel did not sum', () => {
    const result = analyzeImport([totalsSheet([1150, 250])], EMPTY_IMPORT_SETTINGS, catalogs, new Set());
    expect(result.sheets[0]!.totals).toEqual([
      {
        rowNumber: 9, field: 'material:11', fileTotal: 1150, importedTotal: 1450, matches: false,
        message: '宣传资料/传单：文件合计 1150 份，导入 1450 份：第 4 行 “300余份” 按 300 计入，Excel 求和时未计入文本',
        messageEn: 'Leaflets: the file\'s total is 1150, the import counts 1450: row 4 “300余份” is counted as 300; Excel\'s sum leaves text out',
      },
      { rowNumber: 9, field: 'audience', fileTotal: 250, importedTotal: 250, matches: true, message: '受众人次：文件合计 250 人次，导入 250 人次，一致', messageEn: 'Audience (person-times): the file\'s total is 250, the import counts 250: they agree' },
    ]);
  });

  it('names rows left out, decimals counted down, and a total that is not the sum of its rows', () => {
    const extra = [
      { number: 6, cells: [5, '6月1日', '六一儿童节', 2.5, 10] },
      { number: 7, cells: [6, '待定', '日期不明的活动', 40, 5] },
      { number: 8, cells: ['小计', null, null, 42, 15] },
    ];
    const result = analyzeImport([totalsSheet([1200, 300], extra)], { ...EMPTY_IMPORT_SETTINGS, excludedRows: ['0:3'] }, catalogs, new Set());
    const [leaflets, audience] = result.sheets[0]!.totals;
    // Imported: 500 + 300 (text) + 300 + 2 = 1102; Excel's sum of the numbers: 500 + 350 + 300 + 2.5 + 40 = 1192.5.
    expect(leaflets).toMatchObject({ fileTotal: 1200, importedTotal: 1102, matches: false });
    expect(leaflets!.message).toBe(
      '宣传资料/传单：文件合计 1200 份，导入 1102 份：第 3 行不导入（已排除），其 350 份未计入；第 4 行 “300余份” 按 300 计入，Excel 求和时未计入文本；'
      + '第 6 行文件中为 2.5，按 2 计入；第 7 行不导入（有问题），其 40 份未计入；文件合计与各行数字之和 1192.5 份相差 7.5 份，请核对文件的合计',
    );
    expect(leaflets!.messageEn).toContain('row 3 is not imported (excluded): its 350 is left out');
    // 100 + 60 + 40 + 10 imported; 50 and 5 left out; the 小计 row is not summed.
    expect(audience).toMatchObject({ fileTotal: 300, importedTotal: 210, matches: false });
  });

  it('counts a duplicate as not imported, and an edited cell by its new value', () => {
    const dup = totalsSheet([1150, 250], [{ number: 6, cells: [5, '3月5日', '法治宣传月启动', 20, 0] }]);
    const result = analyzeImport([dup], { ...EMPTY_IMPORT_SETTINGS, cellEdits: { '0:2': { 'material:11': '450' } } }, catalogs, new Set());
    expect(result.sheets[0]!.totals[0]!.message).toContain('第 2 行文件中为 500，按 450 计入');
    expect(result.sheets[0]!.totals[0]!.message).toContain('第 6 行不导入（重复），其 20 份未计入');
  });

  it('checks each 合计 against the rows since the one before, and lists no totals for a sheet without one', () => {
    const twoBlocks: ImportSheet = {
      name: '2021年',
      rows: [
        { number: 1, cells: ['活动时间', '活动主题', '受众（人次）'] },
        { number: 2, cells: ['3月5日', '一', 100] },
        { number: 3, cells: ['合计', null, 100] },
        { number: 4, cells: ['4月5日', '二', 70] },
        { number: 5, cells: ['总计', null, 70] },
      ],
    };
    expect(analyzeImport([twoBlocks], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals.map((t) => [t.rowNumber, t.matches])).toEqual([[3, true], [5, true]]);
    expect(analyzeImport([totalsSheet([null, null])], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals).toEqual([]);
  });

  it('reads a CSV (all text) as a spreadsheet would: "300" is summed, "300余份" is not', () => {
    const csv = totalsSheet([1150, 250]);
    const asText: ImportSheet = { ...csv, textOnly: true, rows: csv.rows.map((r) => ({ ...r, cells: r.cells.map((c) => (typeof c === 'number' ? (c === 500 ? '500' : String(c)) : c)) })) };
    const check = analyzeImport([asText], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals[0]!;
    expect(check.message).toBe('宣传资料/传单：文件合计 1150 份，导入 1450 份：第 4 行 “300余份” 按 300 计入，Excel 求和时未计入文本');
    const withCommas: ImportSheet = { ...asText, rows: asText.rows.map((r) => (r.number === 2 ? { ...r, cells: r.cells.map((c) => (c === '500' ? '1,500' : c)) } : r)) };
    expect(analyzeImport([withCommas], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals[0]!.message).toContain('各行数字之和 2150 份');
    // In an Excel file the same text "500" is a number stored as text: Excel's sum leaves it out.
    const stored: ImportSheet = { ...asText, textOnly: false };
    expect(analyzeImport([stored], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals[0]!.message).toContain('第 2 行 “500” 按 500 计入，Excel 求和时未计入文本');
  });

  it('lists at most eight differences', () => {
    const many: ImportSheet = {
      name: '2021年',
      rows: [
        { number: 1, cells: ['活动时间', '活动主题', '受众（人次）'] },
        ...Array.from({ length: 10 }, (_, i) => ({ number: i + 2, cells: [`3月${i + 1}日`, `活动${i}`, `${i + 1}0余人`] })),
        { number: 12, cells: ['合计', null, 0] },
      ],
    };
    const check = analyzeImport([many], EMPTY_IMPORT_SETTINGS, catalogs, new Set()).sheets[0]!.totals[0]!;
    expect(check.message.match(/Excel 求和时未计入文本/g)).toHaveLength(8);
    expect(check.message).toMatch(/；等另 2 处$/);
    expect(check.messageEn).toMatch(/; and 2 more$/);
  });
});
