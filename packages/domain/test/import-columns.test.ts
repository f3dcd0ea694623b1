// Reading a ledger's header row (columns.ts): a header's words and unit, the
// field it names, which column feeds a one-column field, and how well a row
// reads as a header.
import { describe, expect, it } from 'vitest';
import { guessColumn, guessMapping, headerScore, materialField, materialIdOf, splitHeader } from '../src/import/columns.ts';

const materialTypes = [
  { id: 11, name: '宣传资料/传单', unit: '份', countsAsLeaflet: true },
  { id: 12, name: '法律手册', unit: '册', countsAsLeaflet: true },
  { id: 14, name: '横幅', unit: '条', countsAsLeaflet: false },
];

describe('splitHeader', () => {
  it.each([
    ['参与人数（人次）', { words: '参与人数', unit: '人次' }],
    ['涉及村（社区）', { words: '涉及村(社区)', unit: '' }],
    ['覆盖村（村居）', { words: '覆盖村(村居)', unit: '' }],
    ['*活动时间：', { words: '活动时间', unit: '' }],
    ['＊日期:', { words: '日期', unit: '' }],
    ['（社区）', { words: '', unit: '社区' }],
    ['数量（份）备注', { words: '数量(份)备注', unit: '' }],
  ])('%s', (header, expected) => expect(splitHeader(header)).toEqual(expected));
});

describe('guessColumn: material kinds', () => {
  it.each([
    // A header that contains a kind's name, or a word of it.
    ['法律手册发放数', 'material:12', 2],
    ['手册', 'material:12', 2],
    // The leaflet kind of the header's unit, else the first leaflet kind.
    ['折页（册）', 'material:12', 2],
    ['折页', 'material:11', 2],
    ['折页（张）', 'material:11', 2],
    ['宣传页', 'material:11', 2],
    // One character is too little to be a kind's name.
    ['册', 'ignore', 0],
    ['（份）', 'ignore', 0],
    // A header that merely contains a known header: a weaker guess.
    ['宣传内容说明', 'title', 1],
    ['现场咨询人次', 'consultations', 1],
  ] as const)('%s → %s (score %s)', (header, field, score) => {
    expect(guessColumn(header, materialTypes)).toEqual({ field, score });
  });
});

describe('guessMapping: one column per one-column field', () => {
  it('keeps the best-scoring column, then the leftmost', () => {
    expect(guessMapping(['宣传内容说明', '活动主题'], materialTypes).map((m) => m.field)).toEqual(['ignore', 'title']);
    expect(guessMapping(['活动内容', '活动主题'], materialTypes).map((m) => m.field)).toEqual(['title', 'ignore']);
    expect(guessMapping(['横幅（条）', '横幅'], materialTypes).map((m) => m.field)).toEqual(['material:14', 'ignore']);
  });
  it('keeps every column of a field that takes several', () => {
    expect(guessMapping(['涉及村', '覆盖村', '参与单位', '组织单位'], materialTypes)).toEqual([
      { field: 'villages', guessed: true }, { field: 'villages', guessed: true }, { field: 'departments', guessed: true }, { field: 'departments', guessed: true },
    ]);
  });
  it('marks remembered choices as not guessed, and lets them win over a guess', () => {
    expect(guessMapping(['日期', '填报日期'], materialTypes, { 填报日期: 'date' })).toEqual([{ field: 'ignore', guessed: true }, { field: 'date', guessed: false }]);
  });
});

describe('headerScore', () => {
  it('counts each field once, and only in a row that names a date or a title', () => {
    expect(headerScore(['日期', '时间', '活动主题'], materialTypes)).toBe(4);
    expect(headerScore([2021, '日期', null, '活动主题'], materialTypes)).toBe(4);
    expect(headerScore(['地点', '参与人数', '备注'], materialTypes)).toBe(0);
    expect(headerScore(['活动时间', '经费', '宣传内容说明'], materialTypes)).toBe(3);
    expect(headerScore(['活动主题', '地点'], materialTypes)).toBe(4);
  });
});

describe('material fields', () => {
  it('names a material column by its type id, and reads the id back', () => {
    expect(materialField(12)).toBe('material:12');
    expect(materialIdOf('material:12')).toBe(12);
    expect(materialIdOf('title')).toBeNull();
    expect(materialIdOf('materials')).toBeNull();
  });
});

// Stryker's survivors in columns.ts (issue 23).
describe('guessColumn: the longest known header inside a header, and kinds of several words', () => {
  const withOffice = [...materialTypes, { id: 15, name: '手册/', unit: '册', countsAsLeaflet: false }, { id: 16, name: '展板/宣传栏', unit: '块', countsAsLeaflet: false }];
  it('takes the longest known header it contains: 活动截止时间 is the end date, not the date', () => {
    expect(guessColumn('活动截止时间', materialTypes)).toEqual({ field: 'endDate', score: 1 });
  });
  it('finds a two-character header inside a longer one, never a one-character one', () => {
    expect(guessColumn('具体地点', materialTypes)).toEqual({ field: 'location', score: 1 });
    expect(guessColumn('排序', materialTypes)).toEqual({ field: 'ignore', score: 0 });
  });
  it('finds a kind by any one of its names, and never by the empty name after a slash', () => {
    expect(guessColumn('展板（块）', withOffice)).toEqual({ field: 'material:16', score: 2 });
    expect(guessColumn('经费（元）', withOffice)).toEqual({ field: 'ignore', score: 0 });
  });
});

describe('headerScore: a date column alone is enough to be a header', () => {
  it('scores a row with a date and no title', () => {
    expect(headerScore(['活动时间', '地点', '参与人数'], materialTypes)).toBe(6);
  });
});
