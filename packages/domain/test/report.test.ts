import { describe, expect, it } from 'vitest';
import { REPORT_LIST_LENGTH, reportParagraphs, roundedChinese, type ReportFigures } from '../src/report.ts';

describe('roundedChinese: two significant figures, rounded down (docs/counting-rules.md)', () => {
  it.each([
    // The examples of issue 14 and the counting rules.
    [2912, '2900余'], [4830, '4800余'], [16350, '1.6万余'], [132, '130余'], [16, '10余'], [25, '20余'],
    [7, '7'], [0, '0'], [10, '10'], [99, '90余'], [100, '100'], [105, '100余'], [3240, '3200余'], [4000, '4000'],
    [10000, '1万'], [18000, '1.8万'], [60321, '6万余'], [123456, '12万余'], [1234567, '120万余'], [250000000, '2.5亿'],
  ])('%i -> %s', (n, words) => expect(roundedChinese(n)).toBe(words));

  it('never writes more than the exact figure, and says 余 exactly when something was cut', () => {
    const value = (words: string) => Number.parseFloat(words) * (words.includes('亿') ? 1e8 : words.includes('万') ? 1e4 : 1);
    for (let n = 0; n < 200_000; n += n < 1000 ? 1 : 997) {
      const words = roundedChinese(n);
      expect(value(words)).toBeLessThanOrEqual(n);
      expect(words.endsWith('余')).toBe(value(words) !== n);
      // Two significant figures keep at least nine tenths of the figure (from 100 on).
      if (n >= 100) expect(value(words) / n).toBeGreaterThan(0.9);
    }
  });
});

const figures: ReportFigures = {
  unitName: '涂市镇', unitNameEn: 'Tushi Town', from: '2026-01-01', to: '2026-12-31',
  activities: 16, leaflets: 3612, audience: 4018, consultations: 120, villagesReached: 9, villagesTotal: 10,
  materials: [
    { code: 'leaflet', name: '宣传资料', nameEn: 'Leaflets', unit: '份', unitEn: 'copies', quantity: 3000 },
    { code: 'booklet', name: '法律手册', nameEn: 'Law booklets', unit: '册', unitEn: 'booklets', quantity: 612 },
    { code: 'giveaway', name: '宣传品', nameEn: 'Promotional items', unit: '件', unitEn: 'items', quantity: 0 },
  ],
  campaigns: [{ name: '12·4国家宪法日', nameEn: 'Constitution Day (12.4)' }, { name: '6·26国际禁毒日', nameEn: 'International Anti-Drug Day (6.26)' }],
  sixInto: [{ name: '乡村', nameEn: 'Villages' }, { name: '学校', nameEn: 'Schools' }],
  laws: [{ name: '宪法', nameEn: 'the Constitution' }],
};

describe('reportParagraphs', () => {
  it('words the year as the seed report does, exactly and rounded', () => {
    const p = reportParagraphs(figures);
    expect(p.exact).toBe(
      '2026年，涂市镇共开展法治宣传活动16次，发放宣传资料3000份、法律手册612册，受众4018人次，解答法律咨询120人次，活动覆盖9个村（社区）（共10个）。' +
        '围绕12·4国家宪法日、6·26国际禁毒日宣传节点开展集中宣传；推动法律进乡村、进学校；重点宣传了宪法法律法规。',
    );
    expect(p.rounded).toContain('开展法治宣传活动10余次，发放宣传资料3000份、法律手册610余册，受众4000余人次，解答法律咨询120人次');
    expect(p.english).toContain('In 2026, Tushi Town held 16 legal-publicity activities, handed out leaflets (3,000 copies) and law booklets (612 booklets) and reached 4,018 person-times');
    expect(p.english).toContain('villages and schools');
  });

  it('names every material kind with its own unit and verb, in the order given, rounded in the rounded paragraph', () => {
    const p = reportParagraphs({
      ...figures,
      consultations: 1234,
      materials: [
        { code: 'banner', name: '横幅', nameEn: 'Banners', unit: '条', unitEn: 'banners', quantity: 23 },
        { code: 'display-board', name: '展板', nameEn: 'Display boards', unit: '块', unitEn: 'boards', quantity: 41 },
        { code: 'leaflet', name: '宣传资料', nameEn: 'Leaflets', unit: '份', unitEn: 'copies', quantity: 60321 },
        { code: 'booklet', name: '宣传手册', nameEn: 'Booklets', unit: '册', unitEn: 'booklets', quantity: 18004 },
      ],
    });
    // The wording of the seed report.
    expect(p.rounded).toContain('悬挂横幅20余条，摆放展板40余块，发放宣传资料6万余份、宣传手册1.8万余册，受众4000余人次，解答法律咨询1200余人次');
    expect(p.exact).toContain('悬挂横幅23条，摆放展板41块，发放宣传资料60321份、宣传手册18004册');
    expect(p.english).toContain('put up banners (23 banners), set up display boards (41 boards), handed out leaflets (60,321 copies) and booklets (18,004 booklets)');
  });

  it('says nothing of materials when none were handed out, and "1 activity" in English', () => {
    const p = reportParagraphs({ ...figures, activities: 1, materials: [] });
    expect(p.exact).toContain('共开展法治宣传活动1次，受众4018人次');
    expect(p.english).toContain('held 1 legal-publicity activity and reached 4,018 person-times');
  });

  it('says "all" when every village was reached', () => {
    const all = reportParagraphs({ ...figures, villagesReached: 10 });
    expect(all.exact).toContain('活动覆盖全部10个村（社区）。');
    expect(all.english).toContain('activities reached all 10 villages (communities).');
  });

  it('names a part of a year by its days, and says so when nothing was logged', () => {
    const p = reportParagraphs({ ...figures, from: '2026-03-01', to: '2026-06-30', activities: 0 });
    expect(p.exact).toBe('2026年3月1日至2026年6月30日，涂市镇尚未登记法治宣传活动。');
    expect(p.english).toContain('From 2026-03-01 to 2026-06-30');
  });
});

// Each clause of the paragraph on its own, so a change to one (the 余 rounding, the materials named)
// leaves the others' tests standing.
describe('reportParagraphs, clause by clause', () => {
  const named = (n: number, what: string) => Array.from({ length: n }, (_, i) => ({ name: `${what}${i + 1}`, nameEn: `${what} ${i + 1}` }));

  it('in English: audience, consultations, the villages reached of all, the campaigns, 六进 places and laws', () => {
    const { english } = reportParagraphs(figures);
    expect(english).toContain('and reached 4,018 person-times, giving 120 legal consultations; activities reached 9 of 10 villages (communities).');
    expect(english).toContain(' Campaigns were held around Constitution Day (12.4) and International Anti-Drug Day (6.26).');
    expect(english).toContain(' The law was brought into villages and schools.');
    expect(english).toMatch(/ The main laws publicised were the Constitution\.$/);
  });

  it('lists three or more as "a, b and c", and one without "and"', () => {
    const { english } = reportParagraphs({ ...figures, campaigns: named(3, 'C'), laws: named(1, 'L') });
    expect(english).toContain(' Campaigns were held around C 1, C 2 and C 3.');
    expect(english).toContain(' The main laws publicised were L 1.');
  });

  it(`names at most ${REPORT_LIST_LENGTH} campaigns and laws, then 等 (and not 等 at exactly ${REPORT_LIST_LENGTH})`, () => {
    const many = reportParagraphs({ ...figures, campaigns: named(REPORT_LIST_LENGTH + 1, '节点'), laws: named(REPORT_LIST_LENGTH + 1, '法') });
    expect(many.exact).toContain('围绕节点1、节点2、节点3、节点4、节点5等宣传节点开展集中宣传');
    expect(many.exact).toContain('重点宣传了法1、法2、法3、法4、法5等法律法规。');
    expect(many.english).toContain('around 节点 1, 节点 2, 节点 3, 节点 4 and 节点 5.');
    expect(many.english).toContain('were 法 1, 法 2, 法 3, 法 4 and 法 5.');
    const five = reportParagraphs({ ...figures, campaigns: named(REPORT_LIST_LENGTH, '节点'), laws: named(REPORT_LIST_LENGTH, '法') });
    expect(five.exact).toContain('围绕节点1、节点2、节点3、节点4、节点5宣传节点开展集中宣传');
    expect(five.exact).toContain('重点宣传了法1、法2、法3、法4、法5法律法规。');
  });

  it('leaves out what did not happen: no consultations, no campaigns, no 六进 places, no laws', () => {
    const bare = reportParagraphs({ ...figures, consultations: 0, campaigns: [], sixInto: [], laws: [] });
    expect(bare.exact).toBe('2026年，涂市镇共开展法治宣传活动16次，发放宣传资料3612份，受众4018人次，活动覆盖9个村（社区）（共10个）。');
    expect(bare.rounded).toMatch(/受众4\d*余人次，活动覆盖9个村（社区）（共10个）。$/);
    expect(bare.english).toMatch(/ person-times; activities reached 9 of 10 villages \(communities\)\.$/);
    // Only the 六进 places: the tail is that one clause.
    const sixIntoOnly = reportParagraphs({ ...figures, campaigns: [], laws: [] });
    expect(sixIntoOnly.exact).toMatch(/（共10个）。推动法律进乡村、进学校。$/);
  });

  it('says 0, not a rounded figure, for a year of activities without leaflets', () => {
    expect(roundedChinese(0)).toBe('0');
    expect(reportParagraphs({ ...figures, leaflets: 0 }).rounded).toContain('发放宣传资料0份');
  });

  it('says in English too when nothing was logged', () => {
    expect(reportParagraphs({ ...figures, activities: 0 }).english).toBe('In 2026, no legal-publicity activity was recorded for Tushi Town.');
  });
});
