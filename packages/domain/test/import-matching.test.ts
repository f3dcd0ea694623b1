// Matching the names in a ledger's cells (matching.ts): what is matched, what is
// offered instead, and every note the clerk reads, word for word.
import { describe, expect, it } from 'vitest';
import { coreName, matchName, matchNameList, matchVillages, VILLAGE_SUFFIXES } from '../src/import/matching.ts';

const villages = [{ id: 1, name: '银杏村' }, { id: 2, name: '红岩村' }, { id: 3, name: '石桥村' }, { id: 4, name: '新华社区' }];
const departments = [{ id: 1, name: '司法所' }, { id: 2, name: '派出所' }, { id: 3, name: '妇联' }];

describe('matchVillages: every village, and only when the cell says so', () => {
  it.each(['全乡各村', '辖区内各村', '辖区各村居', '所有行政村', '全部社区', '全镇所有村', '全街道', '全乡', '各村(社区)', '全镇各村（社区）'])('%s is every village', (text) => {
    expect(matchVillages(text, villages)).toEqual({
      ids: [1, 2, 3, 4], unknown: [],
      interpreted: { zh: `“${text}”按全部 4 个村（社区）计`, en: `“${text}” counted as all 4 villages` },
    });
  });
  it.each(['全镇各村以外', '除银杏村外全镇各村'])('%s is not every village', (text) => {
    expect(matchVillages(text, villages).ids).not.toEqual([1, 2, 3, 4]);
  });
  it.each(['4个行政村', '四个社区', '4个村(社区)'])('%s is every village when the township has 4', (text) => {
    expect(matchVillages(text, villages)).toEqual({ ids: [1, 2, 3, 4], unknown: [], interpreted: { zh: `“${text}”即全部 4 个村（社区）`, en: `“${text}” is all 4 villages` } });
  });
  it('asks which villages a smaller count names, in both languages', () => {
    expect(matchVillages('3个村', villages)).toEqual({ ids: [], unknown: [], error: { zh: '只写了村的个数（3个村），请写明是哪些村', en: 'only the number of villages is given (3个村); name them' } });
  });
  it('is nothing for a blank cell', () => {
    expect(matchVillages(' ', villages)).toEqual({ ids: [], unknown: [] });
  });
  it('counts a village named twice once', () => {
    expect(matchVillages('银杏村、银杏村委会', villages)).toEqual({ ids: [1], unknown: [] });
  });
});

describe('matchName: the closest names offered', () => {
  it('offers at most three, the closest first, then in name order', () => {
    const list = [{ id: 1, name: '石桥村' }, { id: 2, name: '石坝村' }, { id: 3, name: '石门村' }, { id: 4, name: '石岭村' }, { id: 5, name: '红岩村' }];
    expect(matchName('石桥湾', list, { suffixes: VILLAGE_SUFFIXES })).toEqual({ kind: 'unknown', candidates: [{ id: 1, name: '石桥村' }, { id: 2, name: '石坝村' }, { id: 4, name: '石岭村' }] });
  });
  it('takes a remembered choice only for an entry that still exists', () => {
    expect(matchName('综治办', departments, { aliases: { 综治办: 99 } })).toMatchObject({ kind: 'unknown' });
    expect(matchName('综治办', departments, { aliases: { 综治办: 3 } })).toEqual({ kind: 'match', id: 3, how: 'alias' });
  });
  it('strips punctuation and the longest suffix first', () => {
    expect(coreName('“新华”社区居委会', VILLAGE_SUFFIXES)).toBe('新华');
    expect(coreName('银杏村。')).toBe('银杏村');
  });
});

describe('matchNameList: the notes on a cell, word for word', () => {
  it('says each choice made by hand, each name left out, each similar name and the 等', () => {
    const result = matchNameList('综治办、综治中心、市场监管所、镇司法所、派出所等', departments, { acceptContained: true, aliases: { 综治办: 3, 综治中心: 3, 市场监管所: null } });
    expect(result).toEqual({
      ids: [3, 1, 2],
      unknown: [],
      interpreted: {
        zh: '按已选的对应：综治办→妇联，综治中心→妇联；按已选的对应不计入：市场监管所；按相近名称：镇司法所→司法所；“等”之外的未记录',
        en: 'as matched by hand: 综治办→妇联, 综治中心→妇联; not counted, as chosen: 市场监管所; matched by a similar name: 镇司法所→司法所; names hidden behind “等” (etc.) are not recorded',
      },
    });
  });
  it('lists several names left out and several similar names', () => {
    expect(matchNameList('市场监管所、财政所、镇司法所、县妇联', departments, { acceptContained: true, aliases: { 市场监管所: null, 财政所: null } }).interpreted).toEqual({
      zh: '按已选的对应不计入：市场监管所，财政所；按相近名称：镇司法所→司法所，县妇联→妇联',
      en: 'not counted, as chosen: 市场监管所, 财政所; matched by a similar name: 镇司法所→司法所, 县妇联→妇联',
    });
  });
  it('needs no note for a remembered name that is the department\'s own', () => {
    expect(matchNameList('司法所', departments, { aliases: { 司法所: 1 } })).toEqual({ ids: [1], unknown: [] });
  });
});

// Stryker's survivors in matching.ts (issue 23).
describe('matchName and matchVillages: the edges', () => {
  it('says how a name was matched', () => {
    expect(matchName('司法所', departments)).toEqual({ kind: 'match', id: 1, how: 'exact' });
    expect(matchName('镇司法所', departments, { acceptContained: true })).toEqual({ kind: 'match', id: 1, how: 'contained' });
  });
  it('takes no department from a cell of punctuation alone, even where the township lists one', () => {
    expect(matchNameList('——', [{ id: 1, name: '司法所' }], { acceptContained: true }).ids).toEqual([]);
  });
  it('never finds a one-character name inside a longer one', () => {
    expect(matchName('镇政府', [{ id: 1, name: '司法所' }, { id: 2, name: '镇' }], { acceptContained: true })).toMatchObject({ kind: 'unknown' });
  });
  it('offers the village a place is in before a village merely one character away', () => {
    const list = [{ id: 1, name: '柏树村' }, { id: 2, name: '安树湾村' }];
    expect(matchVillages('柏树湾', list).unknown[0]!.candidates).toEqual([{ id: 1, name: '柏树村' }, { id: 2, name: '安树湾村' }]);
  });
  it('keeps a name that is only a suffix whole', () => {
    expect(coreName('村委会', VILLAGE_SUFFIXES)).toBe('村委会');
    expect(coreName('社区居委会', VILLAGE_SUFFIXES)).toBe('社区');
  });
  it('reads a count of ten or more villages', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `第${i + 1}村` }));
    expect(matchVillages('12个村', twelve).ids).toHaveLength(12);
    expect(matchVillages('十二个村', twelve).ids).toHaveLength(12);
  });
});
