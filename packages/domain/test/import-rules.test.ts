// The rules that read a ledger's cells: every form of date, quantity and name
// the issue lists, and what must never be guessed.
import { describe, expect, it } from 'vitest';
import { chineseNumeral, parseQuantity } from '../src/import/numbers.ts';
import { parseLedgerDate } from '../src/import/dates.ts';
import { matchName, matchNameList, matchVillages, VILLAGE_SUFFIXES } from '../src/import/matching.ts';
import { guessColumn, guessMapping, headerScore } from '../src/import/columns.ts';
import { guessCampaign } from '../src/import/campaign-guess.ts';
import { normalizeText, splitNames } from '../src/import/text.ts';

describe('chineseNumeral', () => {
  it.each([
    ['十', 10], ['二十', 20], ['十五', 15], ['一百二十五', 125], ['三千零五', 3005], ['两万', 20000], ['二〇二一', 2021], ['一万二千', 12000],
  ])('%s → %i', (text, value) => expect(chineseNumeral(text)).toBe(value));
  it('is null for other text', () => expect(chineseNumeral('若干')).toBeNull());
});

describe('parseQuantity', () => {
  it('reads plain numbers without an interpretation', () => {
    expect(parseQuantity(300)).toEqual({ kind: 'value', value: 300 });
    expect(parseQuantity('300')).toEqual({ kind: 'value', value: 300 });
    expect(parseQuantity('1,200')).toEqual({ kind: 'value', value: 1200 });
    expect(parseQuantity('１２００')).toEqual({ kind: 'value', value: 1200 });
  });
  it.each([
    ['300余份', 300], ['约200', 200], ['二十余', 20], ['1.2万', 12000], ['200人次左右', 200], ['50多条', 50], ['近千', 1000], ['200-300', 200], ['500人', 500],
  ])('reads %s as %i and says so', (text, value) => {
    const result = parseQuantity(text);
    expect(result).toMatchObject({ kind: 'value', value });
    expect(result.kind === 'value' && result.interpreted?.zh).toContain(String(value));
  });
  it('treats blanks and dashes as blank, 无 as 0', () => {
    expect(parseQuantity('')).toEqual({ kind: 'blank' });
    expect(parseQuantity(null)).toEqual({ kind: 'blank' });
    expect(parseQuantity('/')).toEqual({ kind: 'blank' });
    expect(parseQuantity('无')).toMatchObject({ kind: 'value', value: 0 });
  });
  it('never invents a number', () => {
    expect(parseQuantity('若干')).toMatchObject({ kind: 'error' });
    expect(parseQuantity('很多人')).toMatchObject({ kind: 'error' });
    expect(parseQuantity(-5)).toMatchObject({ kind: 'error' });
  });
});

describe('parseLedgerDate', () => {
  it.each([
    ['2021-03-15', '2021-03-15'], ['2021.3.15', '2021-03-15'], ['2021/3/15', '2021-03-15'], ['2021年3月15日', '2021-03-15'], ['2021-3-15', '2021-03-15'],
  ])('reads %s with its own year, no interpretation', (text, iso) => {
    expect(parseLedgerDate(text, { year: 1999 })).toEqual({ kind: 'date', startDate: iso, endDate: null });
  });
  it.each([
    ['3月15日', '2021-03-15'], ['3.15', '2021-03-15'], ['三月十五日', '2021-03-15'], ['3月15号', '2021-03-15'], ['2021.3.15 上午', '2021-03-15'],
    ['20210315', '2021-03-15'], ['21.3.15', '2021-03-15'], ['3月15日（周一）', '2021-03-15'],
  ])('reads %s as %s, marked as an interpretation', (text, iso) => {
    const result = parseLedgerDate(text, { year: 2021 });
    expect(result).toMatchObject({ kind: 'date', startDate: iso, endDate: null });
    expect(result.kind === 'date' && result.interpreted).toBeTruthy();
  });
  it.each([
    ['11月29日-12月5日', '2021-11-29', '2021-12-05'], ['2021.11.29—12.5', '2021-11-29', '2021-12-05'], ['3.15-16', '2021-03-15', '2021-03-16'],
    ['12月28日至1月3日', '2021-12-28', '2022-01-03'], ['2021年3月', '2021-03-01', '2021-03-31'], ['3月15日~3月20日', '2021-03-15', '2021-03-20'],
  ])('reads the range %s', (text, start, end) => {
    expect(parseLedgerDate(text, { year: 2021 })).toMatchObject({ kind: 'date', startDate: start, endDate: end });
  });
  it('reads numbers: Excel day numbers, 20210315, and 3.15 typed as a number', () => {
    expect(parseLedgerDate(44270)).toMatchObject({ kind: 'date', startDate: '2021-03-15' });
    expect(parseLedgerDate(20210315)).toMatchObject({ kind: 'date', startDate: '2021-03-15' });
    expect(parseLedgerDate(3.15, { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-03-15' });
    expect(parseLedgerDate(11.29, { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-11-29' });
  });
  it('asks for the year rather than guessing it', () => {
    expect(parseLedgerDate('3月15日')).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining('年份') } });
  });
  it('refuses days that do not exist and text that is no date', () => {
    expect(parseLedgerDate('2021.2.30')).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate('三月中旬', { year: 2021 })).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate('待定', { year: 2021 })).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate('', { year: 2021 })).toEqual({ kind: 'blank' });
  });
});

const villages = [
  { id: 1, name: '银杏村' }, { id: 2, name: '红岩村' }, { id: 3, name: '石桥村' }, { id: 4, name: '新华社区' },
];

describe('matchVillages', () => {
  it('matches with and without suffixes, full-width punctuation and spaces', () => {
    expect(matchVillages('银杏村、红岩村', villages)).toEqual({ ids: [1, 2], unknown: [] });
    expect(matchVillages('银杏村委会，石桥', villages)).toEqual({ ids: [1, 3], unknown: [] });
    expect(matchVillages('新华社区居委会', villages)).toEqual({ ids: [4], unknown: [] });
    expect(matchVillages('新华 ; 红岩', villages)).toEqual({ ids: [4, 2], unknown: [] });
  });
  it('reads 全镇各村 and 全镇 as every village, with an interpretation', () => {
    for (const text of ['全镇各村', '全镇', '各村', '全镇各村（社区）']) {
      const result = matchVillages(text, villages);
      expect(result.ids, text).toEqual([1, 2, 3, 4]);
      expect(result.interpreted?.zh).toContain('4');
    }
  });
  it('reads "N个村" as every village only when N is all of them', () => {
    expect(matchVillages('4个村', villages).ids).toEqual([1, 2, 3, 4]);
    expect(matchVillages('十个村', villages)).toMatchObject({ ids: [], error: { zh: expect.stringContaining('哪些村') } });
  });
  it('offers the closest villages for an unknown name instead of guessing', () => {
    const result = matchVillages('银兴村', villages);
    expect(result.ids).toEqual([]);
    expect(result.unknown[0]).toMatchObject({ text: '银兴村', candidates: [{ id: 1, name: '银杏村' }] });
  });
  it('uses a name the clerk matched before', () => {
    // Matched, and said so: a choice remembered from an earlier file is never applied silently.
    expect(matchVillages('银兴村', villages, { 银兴村: 1 })).toEqual({ ids: [1], unknown: [], interpreted: { zh: '按已选的对应：银兴村→银杏村', en: 'as matched by hand: 银兴村→银杏村' } });
  });
  it('leaves out a name the clerk chose not to count, and says so', () => {
    const departments = [{ id: 1, name: '司法所' }, { id: 2, name: '派出所' }];
    expect(matchNameList('市场监管所、司法所', departments, { aliases: { 市场监管所: null } })).toEqual({
      ids: [1], unknown: [], interpreted: { zh: '按已选的对应不计入：市场监管所', en: 'not counted, as chosen: 市场监管所' },
    });
    expect(matchNameList('市场监管所', departments).unknown).toHaveLength(1);
  });
  it('strips suffixes only when something is left', () => {
    expect(matchName('村', [{ id: 9, name: '村' }], { suffixes: VILLAGE_SUFFIXES })).toMatchObject({ kind: 'match', id: 9 });
  });
});

describe('matchNameList (departments)', () => {
  const departments = [{ id: 1, name: '司法所' }, { id: 2, name: '派出所' }, { id: 3, name: '妇联' }];
  it('matches a list, and a name that contains exactly one department as an interpretation', () => {
    expect(matchNameList('司法所、派出所', departments)).toEqual({ ids: [1, 2], unknown: [] });
    const result = matchNameList('镇司法所，镇妇联', departments, { acceptContained: true });
    expect(result.ids).toEqual([1, 3]);
    expect(result.interpreted?.zh).toContain('镇司法所→司法所');
  });
  it('leaves unknown departments unknown', () => {
    expect(matchNameList('财政所', departments, { acceptContained: true }).unknown[0]?.text).toBe('财政所');
  });
});

const materialTypes = [
  { id: 11, name: '宣传资料/传单', unit: '份', countsAsLeaflet: true },
  { id: 12, name: '法律手册', unit: '册', countsAsLeaflet: true },
  { id: 14, name: '横幅', unit: '条', countsAsLeaflet: false },
];

describe('guessColumn', () => {
  it.each([
    ['活动时间', 'date'], ['时间', 'date'], ['日期', 'date'], ['活动主题', 'title'], ['活动名称', 'title'], ['内容', 'title'],
    ['地点', 'location'], ['活动地点', 'location'], ['涉及村（社区）', 'villages'], ['覆盖村', 'villages'], ['参与单位', 'departments'],
    ['组织单位', 'departments'], ['参与人数', 'audience'], ['受众（人次）', 'audience'], ['参与人数（人次）', 'audience'], ['咨询人次', 'consultations'],
    ['备注', 'notes'], ['序号', 'serial'], ['发放资料（份）', 'material:11'], ['资料数量', 'material:11'], ['横幅（条）', 'material:14'],
    ['法律手册（册）', 'material:12'], ['宣传节点', 'campaign'], ['  活动 时间 ', 'date'],
  ])('%s → %s', (header, field) => expect(guessColumn(header, materialTypes).field).toBe(field));
  it('leaves unknown headers out', () => expect(guessColumn('经费（元）', materialTypes).field).toBe('ignore'));
});

describe('guessMapping and headerScore', () => {
  it('keeps one column for a single-column field and prefers remembered choices', () => {
    const headers = ['序号', '活动时间', '日期', '活动主题', '经费'];
    expect(guessMapping(headers, materialTypes).map((m) => m.field)).toEqual(['serial', 'date', 'ignore', 'title', 'ignore']);
    expect(guessMapping(headers, materialTypes, { 经费: 'notes' }).map((m) => m.field)).toEqual(['serial', 'date', 'ignore', 'title', 'notes']);
  });
  it('scores a header row above a title row', () => {
    expect(headerScore(['涂市镇2021年普法宣传活动台账'], materialTypes)).toBe(0);
    expect(headerScore(['序号', '活动时间', '活动主题', '地点'], materialTypes)).toBeGreaterThanOrEqual(4);
  });
});

describe('guessCampaign', () => {
  const campaigns = [
    { id: 1, code: 'constitution-day', name: '12·4国家宪法日', rule: { startMonth: 12, startDay: 4 }, periods: [] },
    { id: 2, code: 'constitution-week', name: '宪法宣传周', rule: { startMonth: 12, startDay: 1, endMonth: 12, endDay: 7 }, periods: [{ year: 2021, startDate: '2021-11-29', endDate: '2021-12-05' }] },
    { id: 3, code: 'anti-drug-day', name: '6·26国际禁毒日', rule: { startMonth: 6, startDay: 26 }, periods: [] },
    { id: 4, code: 'law-at-the-market', name: '法治赶大集', rule: null, periods: [] },
  ];
  it('takes the title and date together', () => {
    expect(guessCampaign('2021-12-04', '宪法进万家', campaigns)?.campaignId).toBe(1);
    expect(guessCampaign('2021-11-30', '宪法宣传周启动仪式', campaigns)?.campaignId).toBe(2);
    expect(guessCampaign('2021-06-20', '禁毒知识讲座', campaigns)?.campaignId).toBe(3);
    expect(guessCampaign('2021-08-08', '法治赶大集', campaigns)?.campaignId).toBe(4);
  });
  it('takes the date alone only on the named day', () => {
    expect(guessCampaign('2021-12-04', '法律进村', campaigns)?.campaignId).toBe(1);
    expect(guessCampaign('2021-08-08', '法律进村', campaigns)).toBeNull();
    // "宪法" in August: no campaign is near, none is guessed.
    expect(guessCampaign('2021-08-08', '宪法学习', campaigns)).toBeNull();
  });
});

// Issue 23: cases a plausible bug would get wrong.
describe('parseLedgerDate at the edges', () => {
  it('reads Excel day numbers from 2000-01-01 (36526) to 2100-12-31 (73415) and nothing outside', () => {
    expect(parseLedgerDate(36526)).toMatchObject({ kind: 'date', startDate: '2000-01-01', endDate: null, interpreted: { zh: expect.stringContaining('Excel') } });
    expect(parseLedgerDate(36525)).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate(73415)).toMatchObject({ kind: 'date', startDate: '2100-12-31' });
    expect(parseLedgerDate(73416)).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate(46000)).toMatchObject({ kind: 'date', startDate: '2025-12-09' });
  });
  it('reads a date written with 〇 (二〇二一年三月十五日) with its own year', () => {
    expect(parseLedgerDate('二〇二一年三月十五日', { year: 1999 })).toMatchObject({ kind: 'date', startDate: '2021-03-15', endDate: null });
    expect(parseLedgerDate('二〇二一年十二月三日')).toMatchObject({ kind: 'date', startDate: '2021-12-03' });
  });
  it('marks a month alone as a whole month, so no day is taken for real', () => {
    expect(parseLedgerDate('9月', { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-09-01', endDate: '2021-09-30', wholeMonth: true });
    expect(parseLedgerDate('9月1日', { year: 2021 })).not.toHaveProperty('wholeMonth');
  });
  it('refuses an 8-digit date, a number cell or a year column outside 2000..2100 instead of reading 1900-01-01', () => {
    expect(parseLedgerDate('19000101')).toMatchObject({ kind: 'error', words: { zh: '日期超出允许范围：“19000101”读作 1900-01-01，年份应在 2000 至 2100 之间' } });
    expect(parseLedgerDate(19000101)).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining('“19000101”读作 1900-01-01') } });
    expect(parseLedgerDate('3月15日', { year: 1999 })).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining('1999-03-15') } });
    expect(parseLedgerDate('1900-01-01')).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate(20000101)).toMatchObject({ kind: 'date', startDate: '2000-01-01' });
  });
});

describe('parseQuantity: decimals and malformed thousands', () => {
  it('counts a decimal number cell down to a whole number and says so', () => {
    expect(parseQuantity(2.5)).toEqual({ kind: 'value', value: 2, interpreted: { zh: '小数 2.5 按 2 计', en: 'the decimal 2.5 is counted as 2' } });
    expect(parseQuantity('2.5')).toMatchObject({ kind: 'value', value: 2, interpreted: { zh: expect.stringContaining('按 2 计') } });
  });
  it.each(['3,50', '1,20', '1,2000', ',200'])('refuses %s: a comma that is no thousands separator', (text) => {
    expect(parseQuantity(text)).toMatchObject({ kind: 'error', words: { zh: expect.stringContaining(text) } });
  });
  it('reads well-formed thousands separators, several of them', () => {
    expect(parseQuantity('1,234,567')).toEqual({ kind: 'value', value: 1234567 });
  });
});

describe('matchVillages: ambiguous names and bare counts', () => {
  const four = [{ id: 1, name: '银杏村' }, { id: 2, name: '新华村' }, { id: 3, name: '新华社区' }, { id: 4, name: '石桥村' }];
  it('offers both villages that share a core name instead of picking one', () => {
    const result = matchVillages('新华', four);
    expect(result.ids).toEqual([]);
    expect(result.unknown).toHaveLength(1);
    expect(result.unknown[0]!.candidates.map((c) => c.id).sort()).toEqual([2, 3]);
    // Written in full, each is its own village.
    expect(matchVillages('新华村、新华社区', four)).toEqual({ ids: [2, 3], unknown: [] });
  });
  it('asks which villages "2个村" are when the township has 4', () => {
    for (const text of ['2个村', '两个村', '3个村(社区)']) {
      const result = matchVillages(text, four);
      expect(result.ids, text).toEqual([]);
      expect(result.error?.zh, text).toContain('哪些村');
    }
  });
});

describe('parseLedgerDate: what the clerk is told, word for word', () => {
  const read = (start: string, end: string | null, zh: string, en: string) => ({ kind: 'date', startDate: start, endDate: end, interpreted: { zh, en } });
  it.each([
    ['21.3.15', 2021, read('2021-03-15', null, '“21.3.15”读作 2021-03-15（两位年份按 2021 年）', '“21.3.15” read as 2021-03-15 (two-digit year read as 2021)')],
    ['21/3/15', null, read('2021-03-15', null, '“21/3/15”读作 2021-03-15（两位年份按 2021 年）', '“21/3/15” read as 2021-03-15 (two-digit year read as 2021)')],
    ['3月15日', 2021, read('2021-03-15', null, '“3月15日”读作 2021-03-15（年份按 2021 年）', '“3月15日” read as 2021-03-15 (year taken as 2021)')],
    ['20210315', null, read('2021-03-15', null, '“20210315”读作 2021-03-15', '“20210315” read as 2021-03-15')],
    ['3.15-16', 2021, read('2021-03-15', '2021-03-16', '“3.15-16”读作 2021-03-15 至 2021-03-16（年份按 2021 年）', '“3.15-16” read as 2021-03-15 to 2021-03-16 (year taken as 2021)')],
    ['12月28日至1月3日', 2021, read('2021-12-28', '2022-01-03', '“12月28日至1月3日”读作 2021-12-28 至 2022-01-03（年份按 2021 年）', '“12月28日至1月3日” read as 2021-12-28 to 2022-01-03 (year taken as 2021)')],
    ['2021.11.29—12.5', null, read('2021-11-29', '2021-12-05', '“2021.11.29—12.5”读作 2021-11-29 至 2021-12-05', '“2021.11.29—12.5” read as 2021-11-29 to 2021-12-05')],
    ['2021年3月15日至2021年3月20日', null, read('2021-03-15', '2021-03-20', '“2021年3月15日至2021年3月20日”读作 2021-03-15 至 2021-03-20', '“2021年3月15日至2021年3月20日” read as 2021-03-15 to 2021-03-20')],
    ['3月15日 - 20日', 2021, read('2021-03-15', '2021-03-20', '“3月15日 - 20日”读作 2021-03-15 至 2021-03-20（年份按 2021 年）', '“3月15日 - 20日” read as 2021-03-15 to 2021-03-20 (year taken as 2021)')],
    ['3/15~3/20', 2021, read('2021-03-15', '2021-03-20', '“3/15~3/20”读作 2021-03-15 至 2021-03-20（年份按 2021 年）', '“3/15~3/20” read as 2021-03-15 to 2021-03-20 (year taken as 2021)')],
    ['3.15到3.20', 2021, read('2021-03-15', '2021-03-20', '“3.15到3.20”读作 2021-03-15 至 2021-03-20（年份按 2021 年）', '“3.15到3.20” read as 2021-03-15 to 2021-03-20 (year taken as 2021)')],
    ['3.15–20', 2021, read('2021-03-15', '2021-03-20', '“3.15–20”读作 2021-03-15 至 2021-03-20（年份按 2021 年）', '“3.15–20” read as 2021-03-15 to 2021-03-20 (year taken as 2021)')],
    ['3月15日——3月20日', 2021, read('2021-03-15', '2021-03-20', '“3月15日——3月20日”读作 2021-03-15 至 2021-03-20（年份按 2021 年）', '“3月15日——3月20日” read as 2021-03-15 to 2021-03-20 (year taken as 2021)')],
    ['3月15日 14:30', 2021, read('2021-03-15', null, '“3月15日 14:30”读作 2021-03-15（年份按 2021 年）', '“3月15日 14:30” read as 2021-03-15 (year taken as 2021)')],
    ['3月15日 星期一', 2021, read('2021-03-15', null, '“3月15日 星期一”读作 2021-03-15（年份按 2021 年）', '“3月15日 星期一” read as 2021-03-15 (year taken as 2021)')],
    ['3月15日 下午', 2021, read('2021-03-15', null, '“3月15日 下午”读作 2021-03-15（年份按 2021 年）', '“3月15日 下午” read as 2021-03-15 (year taken as 2021)')],
    ['3月15日（下午）', 2021, read('2021-03-15', null, '“3月15日(下午)”读作 2021-03-15（年份按 2021 年）', '“3月15日(下午)” read as 2021-03-15 (year taken as 2021)')],
    [3.1, 2021, read('2021-03-01', null, '数字 3.1 读作 2021-03-01（月.日）', 'the number 3.1 read as 2021-03-01 (month.day)')],
    [20210315, null, read('2021-03-15', null, '“20210315”读作 2021-03-15', '“20210315” read as 2021-03-15')],
    ['2021年3月', null, { ...read('2021-03-01', '2021-03-31', '“2021年3月”只写了月份，按整月 2021-03-01 至 2021-03-31 计', '“2021年3月” names only a month: read as 2021-03-01 to 2021-03-31'), wholeMonth: true }],
    ['2月份', 2024, { ...read('2024-02-01', '2024-02-29', '“2月份”只写了月份，按整月 2024-02-01 至 2024-02-29 计', '“2月份” names only a month: read as 2024-02-01 to 2024-02-29'), wholeMonth: true }],
  ] as const)('%s (year %s)', (value, year, expected) => {
    expect(parseLedgerDate(value, { year })).toEqual(expected);
  });
  it.each([
    ['13月', 2021, '读不出日期：“13月”', 'cannot read a date in “13月”'],
    ['0月', 2021, '读不出日期：“0月”', 'cannot read a date in “0月”'],
    ['3月', null, '日期没有年份，请在上方填写年度', 'the date has no year; set the year above'],
    ['2021.2.29', null, '日历上没有这一天：“2021.2.29”', 'no such day in the calendar: “2021.2.29”'],
    ['3.15-3.40', 2021, '日历上没有这一天：“3.15-3.40”', 'no such day in the calendar: “3.15-3.40”'],
    ['3月15日xx', 2021, '读不出日期：“3月15日xx”', 'cannot read a date in “3月15日xx”'],
    ['3月15日-', 2021, '读不出日期：“3月15日-”', 'cannot read a date in “3月15日-”'],
    ['3月15日至下旬', 2021, '读不出日期：“3月15日至下旬”', 'cannot read a date in “3月15日至下旬”'],
    ['2021-02-30', null, '读不出日期：“2021-02-30”', 'cannot read a date in “2021-02-30”'],
    [3.1, null, '日期没有年份，请在上方填写年度', 'the date has no year; set the year above'],
    [13.4, 2021, '日历上没有这一天：“13月4日”', 'no such day in the calendar: “13月4日”'],
    [18991231, null, '读不出日期：“18991231”', 'cannot read a date in “18991231”'],
    [44270.5, null, '读不出日期：“44270.5”', 'cannot read a date in “44270.5”'],
  ] as const)('refuses %s (year %s) and says why', (value, year, zh, en) => {
    expect(parseLedgerDate(value, { year })).toEqual({ kind: 'error', words: { zh, en } });
  });
  it('reads blanks as blank', () => {
    expect(parseLedgerDate('  ', { year: 2021 })).toEqual({ kind: 'blank' });
    expect(parseLedgerDate(null, { year: 2021 })).toEqual({ kind: 'blank' });
    expect(parseLedgerDate(undefined)).toEqual({ kind: 'blank' });
  });
});

describe('parseLedgerDate: the patterns hold the whole cell', () => {
  it.each([
    '2021031512', '120210315', '21.3.15x', 'x21.3.15', '3.15-16x', '3.15-x16', '3.15x-16', 'x3月', '2021x年3月', '2021年x3月', '3x月',
    '3月(x)15日', '下午3月15日', '3月15日x下午', '3月15日x周一', '3.15-16x日',
  ])('refuses %s', (text) => {
    expect(parseLedgerDate(text, { year: 2021 })).toMatchObject({ kind: 'error' });
  });
  it.each([
    ['21.11.5', '2021-11-05', null], ['12月', '2021-12-01', '2021-12-31'], ['2021 年 3 月', '2021-03-01', '2021-03-31'], ['3.15-16日', '2021-03-15', '2021-03-16'],
    ['3月15日下午', '2021-03-15', null], ['3月15日 上午9:30', '2021-03-15', null], ['3月15日 9:30:15', '2021-03-15', null], ['3月15日周一', '2021-03-15', null],
    ['2021 年 3 月 15 日', '2021-03-15', null], ['2021 .3.15', '2021-03-15', null],
  ])('reads %s', (text, start, end) => {
    expect(parseLedgerDate(text, { year: 2021 })).toMatchObject({ kind: 'date', startDate: start, endDate: end });
  });
});

describe('text: normalizeText and splitNames', () => {
  it('compares case-blind, width-blind and space-blind', () => {
    expect(normalizeText(' Ａｂ　C d ')).toBe('abcd');
  });
  it('drops a trailing 等 from the last name and says the list is incomplete', () => {
    expect(splitNames('银杏村、红岩村、石桥村等')).toEqual({ names: ['银杏村', '红岩村', '石桥村'], trailingEtc: true });
    expect(splitNames('银杏村、 红岩村')).toEqual({ names: ['银杏村', '红岩村'], trailingEtc: false });
    // 等 alone, or not at the end, is a name like any other.
    expect(splitNames('银杏村、等')).toEqual({ names: ['银杏村', '等'], trailingEtc: false });
    expect(splitNames('等级村、红岩村')).toEqual({ names: ['等级村', '红岩村'], trailingEtc: false });
    expect(splitNames('')).toEqual({ names: [], trailingEtc: false });
  });
  it('reports names hidden behind 等 in the match', () => {
    expect(matchVillages('银杏村、红岩村等', villages)).toEqual({ ids: [1, 2], unknown: [], interpreted: { zh: '“等”之外的未记录', en: 'names hidden behind “等” (etc.) are not recorded' } });
  });
});

// Issue 23, Stryker's survivors in dates.ts (docs/testing.md): each case is a cell a ledger may hold.
describe('parseLedgerDate: months, number cells and decorations at the edges', () => {
  it('reads January alone as the whole of January', () => {
    expect(parseLedgerDate('1月', { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-01-01', endDate: '2021-01-31', wholeMonth: true });
  });
  it('reads a range only when its end is a whole date', () => {
    for (const text of ['3.15-3.16x', '3月15日至3月20日左右', '3.15-3.16.2']) expect(parseLedgerDate(text, { year: 2021 }), text).toMatchObject({ kind: 'error' });
  });
  it('reads 8-digit number cells from 20000101 to 21001231 as YYYYMMDD, says why one just before is refused, and reads nothing past them', () => {
    expect(parseLedgerDate(20000101)).toMatchObject({ kind: 'date', startDate: '2000-01-01' });
    expect(parseLedgerDate(21001231)).toMatchObject({ kind: 'date', startDate: '2100-12-31' });
    expect(parseLedgerDate(19991231)).toEqual({
      kind: 'error',
      words: { zh: '日期超出允许范围：“19991231”读作 1999-12-31，年份应在 2000 至 2100 之间', en: 'date out of the allowed range: “19991231” reads as 1999-12-31; the year must be between 2000 and 2100' },
    });
    expect(parseLedgerDate(30000101)).toEqual({ kind: 'error', words: { zh: '读不出日期：“30000101”', en: 'cannot read a date in “30000101”' } });
    expect(parseLedgerDate(21001232)).toEqual({ kind: 'error', words: { zh: '读不出日期：“21001232”', en: 'cannot read a date in “21001232”' } });
  });
  it('says in both languages that a number was read as an Excel date', () => {
    expect(parseLedgerDate(44270)).toEqual({
      kind: 'date', startDate: '2021-03-15', endDate: null,
      interpreted: { zh: '数字 44270 按 Excel 日期读作 2021-03-15', en: 'the number 44270 read as an Excel date: 2021-03-15' },
    });
  });
  it('refuses a number with more than two decimals rather than reading month.day from its start', () => {
    expect(parseLedgerDate(3.155, { year: 2021 })).toMatchObject({ kind: 'error' });
    expect(parseLedgerDate(3.1234, { year: 2021 })).toMatchObject({ kind: 'error' });
  });
  it('reads Chinese numerals with spaces before 年, 月 and 日', () => {
    expect(parseLedgerDate('三 月 十五 日', { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-03-15', endDate: null });
    expect(parseLedgerDate('十二 月', { year: 2021 })).toMatchObject({ kind: 'date', startDate: '2021-12-01', endDate: '2021-12-31' });
  });
  it('drops a weekday or a note in brackets after a space', () => {
    expect(parseLedgerDate('21.3.15 （周一）')).toMatchObject({ kind: 'date', startDate: '2021-03-15', endDate: null });
    expect(parseLedgerDate('2021年3月 （全月）')).toMatchObject({ kind: 'date', startDate: '2021-03-01', endDate: '2021-03-31', wholeMonth: true });
  });
  it('refuses text after a time or a weekday (only what ends the cell is dropped)', () => {
    for (const text of ['3月15日 上午x', '3月15日 9:30开始', '3月15日 周一x']) expect(parseLedgerDate(text, { year: 2021 }), text).toMatchObject({ kind: 'error' });
  });
  it('reads 2021-03-15 with a time after it, and says it read it', () => {
    expect(parseLedgerDate('2021-03-15 14:30')).toMatchObject({ kind: 'date', startDate: '2021-03-15', endDate: null, interpreted: { zh: '“2021-03-15 14:30”读作 2021-03-15' } });
  });
  it('tells only a date with something more than the date itself (two-digit months too)', () => {
    for (const text of ['2021.12.15', '2021/12/5', '2021年12月15日']) {
      expect(parseLedgerDate(text, { year: 1999 }), text).toEqual({ kind: 'date', startDate: text.includes('/') ? '2021-12-05' : '2021-12-15', endDate: null });
    }
    expect(parseLedgerDate('2021年3月15日 上午')).toMatchObject({ kind: 'date', startDate: '2021-03-15', interpreted: { zh: '“2021年3月15日 上午”读作 2021-03-15' } });
  });
});

// Issue 23, Stryker's survivors in numbers.ts: what the clerk is told, and what must stay refused.
describe('parseQuantity: what the clerk is told, word for word', () => {
  const read = (original: string, value: number, approximate: boolean) => ({
    kind: 'value', value,
    interpreted: approximate
      ? { zh: `“${original}”约数，按 ${value} 计`, en: `“${original}”: an approximate figure, counted as ${value}` }
      : { zh: `“${original}”按 ${value} 计`, en: `“${original}”: counted as ${value}` },
  });
  it.each([
    ['约200', read('约200', 200, true)],
    ['300余', read('300余', 300, true)],
    ['200人次左右', read('200人次左右', 200, true)],
    ['200-300', read('200-300', 200, true)],
    ['300份', read('300份', 300, false)],
    ['1.2万', read('1.2万', 12000, false)],
    ['12万', read('12万', 120000, false)],
    ['2万', read('2万', 20000, false)],
    ['1.25万', read('1.25万', 12500, false)],
    ['12.5', read('12.5', 12, false)],
    ['2.55', read('2.55', 2, false)],
    ['无', { kind: 'value', value: 0, interpreted: { zh: '“无”按 0 计', en: '“无” is counted as 0' } }],
    ['0', { kind: 'value', value: 0 }],
    // Digits with spaces or thousands separators are plain digits.
    ['1 200', { kind: 'value', value: 1200 }],
  ] as const)('%s', (text, expected) => {
    expect(parseQuantity(text)).toEqual(expected);
  });
  it.each([-1, -0.5, Number.POSITIVE_INFINITY, Number.NaN])('refuses the number %s', (value) => {
    expect(parseQuantity(value)).toEqual({ kind: 'error', words: { zh: '应为不小于 0 的数', en: 'must be a number of at least 0' } });
  });
  it.each(['-1万', '+1万', '-2.5', 'A组200-300', '200-300x', '9'.repeat(400)])('refuses %s: no count of at least 0 is written there', (text) => {
    expect(parseQuantity(text)).toEqual({ kind: 'error', words: { zh: `读不出数字：“${text}”`, en: `cannot read a number in “${text}”` } });
  });
});
