import { describe, expect, it } from 'vitest';
import { reportParagraphs, roundedChinese, type ReportFigures } from '../src/report.ts';

describe('roundedChinese', () => {
  it.each([
    [7, '7'], [10, '10'], [16, '10余'], [99, '90余'], [3240, '3000余'], [3612, '3000余'], [4000, '4000'], [12500, '10000余'],
  ])('%i -> %s', (n, words) => expect(roundedChinese(n)).toBe(words));
});

const figures: ReportFigures = {
  unitName: '涂市镇', unitNameEn: 'Tushi Town', from: '2026-01-01', to: '2026-12-31',
  activities: 16, leaflets: 3612, audience: 4018, consultations: 120, villagesReached: 9, villagesTotal: 10,
  campaigns: [{ name: '12·4国家宪法日', nameEn: 'Constitution Day (12.4)' }, { name: '6·26国际禁毒日', nameEn: 'International Anti-Drug Day (6.26)' }],
  sixInto: [{ name: '乡村', nameEn: 'Villages' }, { name: '学校', nameEn: 'Schools' }],
  laws: [{ name: '宪法', nameEn: 'the Constitution' }],
};

describe('reportParagraphs', () => {
  it('words the year as the seed report does, exactly and rounded', () => {
    const p = reportParagraphs(figures);
    expect(p.exact).toBe(
      '2026年，涂市镇共开展法治宣传活动16次，发放宣传资料3612份，受众4018人次，提供法律咨询120人次，活动覆盖9个村（社区）（共10个）。' +
        '围绕12·4国家宪法日、6·26国际禁毒日宣传节点开展集中宣传；推动法律进乡村、进学校；重点宣传了宪法法律法规。',
    );
    expect(p.rounded).toContain('开展法治宣传活动10余次，发放宣传资料3000余份，受众4000余人次，提供法律咨询100余人次');
    expect(p.english).toContain('In 2026, Tushi Town held 16 legal-publicity activities, handed out 3,612 leaflets');
    expect(p.english).toContain('villages and schools');
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
