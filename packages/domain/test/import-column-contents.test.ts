// How the import judges a column by its cells (column-contents.ts): one cell's
// likeness to the township's villages or departments, a column's shares, and
// when a column's header guess is overruled or only questioned. analyzeImport's
// tests cover the same rules through a whole sheet; these pin each decision.
import { describe, expect, it } from 'vitest';
import { checkColumnContents, columnLikeness, departmentLikeness, villageLikeness, type ContentColumn } from '../src/import/column-contents.ts';

const villages = [
  { id: 1, name: '银杏村' }, { id: 2, name: '红岩村' }, { id: 3, name: '石桥村' },
  { id: 4, name: '桂花村' }, { id: 5, name: '新华村' }, { id: 6, name: '新华社区' },
];
const departments = [{ id: 21, name: '司法所' }, { id: 22, name: '派出所' }, { id: 23, name: '妇联' }];

describe('villageLikeness: how surely one cell names villages', () => {
  it.each([
    ['银杏村、红岩', 'sure'],
    // One character off a village (a typo): still sure.
    ['桂花材', 'sure'],
    ['全镇各村', 'sure'],
    // A bare count is about villages, but names none.
    ['2个村', 'close'],
    // A known village beside a place that is none.
    ['银杏村、镇政府', 'close'],
    // A place in a village: near a village's name, not one.
    ['银杏村文化礼堂', 'close'],
    ['银杏村文化礼堂、镇政府', 'close'],
    ['镇政府', 'none'],
    ['', 'none'],
  ] as const)('%j is %s', (text, expected) => {
    expect(villageLikeness(text, villages)).toBe(expected);
  });
  it('uses the names the clerk matched before', () => {
    expect(villageLikeness('老街', villages, { 老街: 2 })).toBe('sure');
    expect(villageLikeness('老街', villages)).toBe('none');
  });
});

describe('departmentLikeness: how surely one cell names departments', () => {
  it.each([
    ['司法所、派出所', 'sure'],
    // A name that contains exactly one department's is that department.
    ['县司法所办公室', 'sure'],
    // A homophone typed for one character (所 → 锁): still sure.
    ['司法锁', 'sure'],
    ['司法所、财政局', 'close'],
    // Two characters from two departments: near both, neither.
    ['财政所', 'close'],
    ['财政所、财政局', 'close'],
    ['财政局', 'none'],
    ['', 'none'],
  ] as const)('%j is %s', (text, expected) => {
    expect(departmentLikeness(text, departments)).toBe(expected);
  });
  it('uses the names the clerk matched before', () => {
    expect(departmentLikeness('综治办', departments, { 综治办: 21 })).toBe('sure');
    expect(departmentLikeness('综治办', departments)).toBe('none');
  });
});

describe('columnLikeness: shares of the filled cells', () => {
  const judge = (text: string) => villageLikeness(text, villages);
  it('leaves blank cells out of the shares', () => {
    expect(columnLikeness(['银杏村', '', '镇政府', '桂花材', '银杏村文化礼堂'], judge)).toEqual({ sure: 0.5, close: 0.75 });
  });
  it('is nothing for a column of blanks', () => {
    expect(columnLikeness(['', ''], judge)).toEqual({ sure: 0, close: 0 });
    expect(columnLikeness([], judge)).toEqual({ sure: 0, close: 0 });
  });
});

describe('checkColumnContents', () => {
  const column = (field: ContentColumn['field'], header: string, texts: string[], guessed = true): ContentColumn => ({ field, header, guessed, texts });
  const lists = { villages, departments };
  const villageTexts = ['银杏村', '红岩村、石桥村', '桂花材', '镇政府'];

  it('takes a guessed 地点 column of villages as the villages, and says so in both languages', () => {
    expect(checkColumnContents([column('location', '地点', villageTexts)], lists)).toEqual([
      {
        field: 'villages',
        hint: {
          field: 'villages',
          applied: true,
          message: '此列内容像村名，已作为“覆盖村”导入（表头为“地点”）；如不对请改回',
          messageEn: 'This column holds village names, so it is imported as “villages reached” (its header is “地点”); change it back if that is wrong',
        },
      },
    ]);
  });

  it('takes a second such column as a question only, once the first feeds the villages', () => {
    const [first, second] = checkColumnContents([column('location', '地点', villageTexts), column('notes', '备注', villageTexts)], lists);
    expect(first).toMatchObject({ field: 'villages', hint: { applied: true } });
    expect(second).toEqual({
      field: 'notes',
      hint: { field: 'villages', applied: false, message: '此列内容像村名，是否作为“覆盖村”？', messageEn: 'This column looks like village names: import it as “villages reached”?' },
    });
  });

  it('asks about departments in their own words', () => {
    expect(checkColumnContents([column('ignore', '主办', ['司法所', '派出所', '财政所'], false)], lists)).toEqual([
      { field: 'ignore', hint: { field: 'departments', applied: false, message: '此列内容像单位名，是否作为“参与单位”？', messageEn: 'This column looks like department names: import it as “departments”?' } },
    ]);
  });

  it('never rereads a column whose header says what it is (a title, a date)', () => {
    expect(checkColumnContents([column('title', '活动主题', villageTexts), column('date', '日期', villageTexts)], lists)).toEqual([{ field: 'title' }, { field: 'date' }]);
  });

  it('reads the lists without remembered names', () => {
    expect(checkColumnContents([column('location', '地点', ['老街', '老街'])], lists)).toEqual([{ field: 'location' }]);
    expect(checkColumnContents([column('location', '地点', ['老街', '老街'])], { ...lists, aliases: { villages: { 老街: 2 } } })[0]).toMatchObject({ field: 'villages' });
  });
});
