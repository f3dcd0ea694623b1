import { describe, expect, it } from 'vitest';
import { MATERIAL_TYPES } from '../src/catalogs/material-types.ts';
import { REPORT_LIST_LENGTH, materialReportName, reportParagraphs, roundedChinese, wholeOf, type ReportFigures, type ReportMaterial } from '../src/report.ts';

describe('roundedChinese: two significant figures, rounded down (docs/counting-rules.md)', () => {
  it.each([
    // The examples of issue 14 and the counting rules.
    [2912, '2900余'], [4830, '4800余'], [16350, '1.6万余'], [132, '130余'], [3240, '3200余'], [4000, '4000'],
    // Under 100, two significant figures are the figure itself: published accounts write 展板42个, 挂图50张.
    [7, '7'], [0, '0'], [10, '10'], [16, '16'], [42, '42'], [99, '99'], [100, '100'], [105, '100余'], [109, '100余'], [110, '110'],
    [9999, '9900余'], [10000, '1万'], [10999, '1万余'], [18000, '1.8万'], [60321, '6万余'], [123456, '12万余'], [1234567, '120万余'],
    [99_999_999, '9900万余'], [100_000_000, '1亿'], [100_000_001, '1亿余'], [250_000_000, '2.5亿'],
  ])('%i -> %s', (n, words) => expect(roundedChinese(n)).toBe(words));

  it('never writes more than the exact figure, and says 余 exactly when something was cut', () => {
    const value = (words: string) => Number.parseFloat(words) * (words.includes('亿') ? 1e8 : words.includes('万') ? 1e4 : 1);
    for (let n = 0; n < 200_000; n += n < 1000 ? 1 : 997) {
      const words = roundedChinese(n);
      expect(value(words)).toBeLessThanOrEqual(n);
      expect(words.endsWith('余')).toBe(value(words) !== n);
      // Two significant figures keep at least nine tenths of the figure; under 100, all of it.
      if (n > 0) expect(value(words) / n).toBeGreaterThan(n < 100 ? 0.999 : 0.9);
    }
  });
});

const kind = (code: string, quantity: number, name?: string): ReportMaterial => {
  const seed = MATERIAL_TYPES.find((t) => t.code === code);
  return { code, name: name ?? seed?.name ?? code, nameEn: seed?.nameEn ?? code, unit: seed?.unit ?? '件', unitEn: seed?.unitEn ?? 'items', quantity };
};

const figures: ReportFigures = {
  unitName: '涂市镇', unitNameEn: 'Tushi Town', from: '2026-01-01', to: '2026-12-31',
  activities: 17, leaflets: 3612, audience: 4018, consultations: 120, villagesReached: 9, villagesTotal: 10,
  materials: [kind('leaflet', 3000), kind('booklet', 612), kind('giveaway', 0)],
  campaigns: [{ name: '12·4国家宪法日', nameEn: 'Constitution Day (12.4)' }, { name: '6·26国际禁毒日', nameEn: 'International Anti-Drug Day (6.26)' }],
  sixInto: [{ name: '乡村', nameEn: 'Villages' }, { name: '学校', nameEn: 'Schools' }],
  laws: [{ name: '宪法', nameEn: 'the Constitution' }],
};

describe('reportParagraphs', () => {
  it('leads with the seed report\'s sentence, then the materials kind by kind, exactly and rounded', () => {
    const p = reportParagraphs(figures);
    expect(p.exact).toBe(
      '2026年，全镇开展普法宣传17次，发放宣传资料3612份，受教育群众4018人次。活动中发放宣传单3000份、法律手册612册，解答法律咨询120人次。活动覆盖9个村（社区）（共10个）。' +
        '围绕12·4国家宪法日、6·26国际禁毒日宣传节点开展集中宣传；推动法律进乡村、进学校；重点宣传了宪法法律法规。',
    );
    expect(p.rounded).toMatch(/^2026年，全镇开展普法宣传17次，发放宣传资料3600余份，受教育群众4000余人次。活动中发放宣传单3000份、法律手册610余册，解答法律咨询120人次。/);
    expect(p.english).toMatch(
      /^In 2026, Tushi Town held 17 legal-publicity activities, handed out 3,612 copies of publicity materials and reached 4,018 person-times\. By kind: handed out leaflets \(3,000 copies\) and law booklets \(612 booklets\)\. 120 legal consultations were answered\./,
    );
    expect(p.english).toContain('villages and schools');
  });

  it('writes a city\'s and a province\'s figures as their sum (全市共开展, 全省共开展); a county and a township as before', () => {
    const city = reportParagraphs({ ...figures, unitName: '示范市' }, 'city');
    expect(city.exact).toMatch(/^2026年，全市共开展普法宣传17次，发放宣传资料3612份，受教育群众4018人次。/);
    expect(city.rounded).toMatch(/^2026年，全市共开展普法宣传17次，发放宣传资料3600余份，/);
    expect(reportParagraphs({ ...figures, unitName: '示范省' }, 'province').exact).toMatch(/^2026年，全省共开展普法宣传17次，/);
    expect(reportParagraphs({ ...figures, unitName: '示范县' }, 'county').exact).toMatch(/^2026年，全县开展普法宣传17次，/);
    expect(reportParagraphs(figures, 'township').exact).toMatch(/^2026年，全镇开展普法宣传17次，/);
  });

  it('says 发放宣传资料 with the 宣传资料 total it is given (the kinds counted as 宣传资料), not the sum of every kind', () => {
    // 23 banners and 50 wall charts are not 宣传资料 (docs/counting-rules.md): the headline stays 4234.
    const p = reportParagraphs({ ...figures, leaflets: 4234, materials: [kind('leaflet', 3991), kind('booklet', 243), kind('banner', 23), kind('wall-chart', 50)] });
    expect(p.exact).toContain('，发放宣传资料4234份，');
    expect(p.rounded).toContain('全镇开展普法宣传17次，发放宣传资料4200余份，受教育群众4000余人次。');
    expect(p.english).toContain(', handed out 4,234 copies of publicity materials and');
  });

  it('names every material kind with its own name, unit and verb, in the order given: 悬挂横幅…条, 摆放展板…块, 张贴挂图…张, 发放…', () => {
    const p = reportParagraphs({
      ...figures,
      consultations: 1234,
      materials: [kind('banner', 23), kind('display-board', 42), kind('wall-chart', 50), kind('leaflet', 60321), kind('booklet', 18004, '宣传手册')],
    });
    expect(p.rounded).toContain('活动中悬挂横幅23条，摆放展板42块，张贴挂图50张，发放宣传单6万余份、宣传手册1.8万余册，解答法律咨询1200余人次。');
    expect(p.exact).toContain('活动中悬挂横幅23条，摆放展板42块，张贴挂图50张，发放宣传单60321份、宣传手册18004册，解答法律咨询1234人次。');
    expect(p.english).toContain('By kind: put up banners (23 banners); set up display boards (42 boards); put up wall charts (50 sheets); handed out leaflets (60,321 copies) and law booklets (18,004 booklets). 1,234 legal consultations were answered.');
    expect(`${p.exact}${p.rounded}`).not.toMatch(/[/／]/);
  });

  it('says nothing of materials when none were handed out, and "1 activity" in English', () => {
    const p = reportParagraphs({ ...figures, activities: 1, leaflets: 0, consultations: 0, materials: [] });
    expect(p.exact).toMatch(/^2026年，全镇开展普法宣传1次，受教育群众4018人次。活动覆盖/);
    expect(p.english).toContain('held 1 legal-publicity activity and reached 4,018 person-times. Activities reached');
    expect(reportParagraphs({ ...figures, consultations: 1 }).english).toContain(' 1 legal consultation was answered.');
  });

  it('says "all" when every village was reached', () => {
    const all = reportParagraphs({ ...figures, villagesReached: 10 });
    expect(all.exact).toContain('活动覆盖全部10个村（社区）。');
    expect(all.english).toContain(' Activities reached all 10 villages (communities).');
  });

  it('names a part of a year by its days, and says so when nothing was logged', () => {
    const p = reportParagraphs({ ...figures, from: '2026-03-01', to: '2026-06-30', activities: 0 });
    expect(p.exact).toBe('2026年3月1日至2026年6月30日，涂市镇尚未登记法治宣传活动。');
    expect(p.english).toContain('From 2026-03-01 to 2026-06-30');
    expect(reportParagraphs({ ...figures, from: '2026-03-01', to: '2026-06-30' }).exact).toMatch(/^2026年3月1日至2026年6月30日，全镇开展普法宣传17次，/);
  });

  it('says the approval note after the rounded paragraph too, and which townships were left out', () => {
    const p = reportParagraphs({ ...figures, unitName: '示范县', notApproved: [{ name: '西镇', nameEn: 'West Town' }, { name: '北镇', nameEn: 'North Town' }] });
    for (const text of [p.exact, p.rounded]) expect(text).toMatch(/^2026年，全县开展普法宣传17次，.*。（以上为已通过县级审核的数据，未含未通过审核的西镇、北镇。）$/);
    expect(p.english).toMatch(/ \(Approved figures only; not included, not approved: West Town and North Town\.\)$/);
    const all = reportParagraphs({ ...figures, notApproved: [] });
    expect(all.rounded).toMatch(/。（以上数据均已通过县级审核。）$/);
    expect(all.english).toMatch(/\. \(All figures approved by the county\.\)$/);
    const none = reportParagraphs({ ...figures, activities: 0, notApproved: [{ name: '西镇', nameEn: 'West Town' }] });
    expect(none.rounded).toBe('2026年，涂市镇尚无已通过县级审核的法治宣传数据。（以上为已通过县级审核的数据，未含未通过审核的西镇。）');
    expect(none.english).toBe('In 2026, Tushi Town has no legal-publicity figures approved by the county yet. (Approved figures only; not included, not approved: West Town.)');
  });
});

describe('the names a report gives', () => {
  it('a material kind: the catalog\'s report name while the office keeps the built-in label, else its own name, never a slash', () => {
    expect(materialReportName(kind('leaflet', 1))).toBe('宣传单');
    // Renamed by the office: its own name.
    expect(materialReportName(kind('leaflet', 1, '传单'))).toBe('传单');
    expect(materialReportName(kind('leaflet', 1, '宣传资料／折页'))).toBe('宣传资料、折页');
    // A built-in kind without a report name, and an office's own kind.
    expect(materialReportName(kind('booklet', 1))).toBe('法律手册');
    expect(materialReportName({ code: 'office-7', name: '手册 / 折页' })).toBe('手册、折页');
    expect(materialReportName({ code: 'office-9', name: '手册/' })).toBe('手册');
    // The report name belongs to its own kind only.
    expect(materialReportName({ code: 'office-8', name: '宣传资料/传单' })).toBe('宣传资料、传单');
    // A leaflet kind the office renamed to another built-in kind's label keeps the office's name.
    expect(materialReportName({ code: 'leaflet', name: '法律手册' })).toBe('法律手册');
  });

  it('the unit, as the seed report says 全镇: 全县, 全街道, 全社区; a scope of several units keeps its name', () => {
    expect(['涂市镇', '示范县', '城关街道', '港口社区', '银杏村', '某乡', '开发区', '全部辖区', '镇', 'Tushi'].map(wholeOf)).toEqual([
      '全镇', '全县', '全街道', '全社区', '全村', '全乡', '全区', '全部辖区', '镇', 'Tushi',
    ]);
  });

  it('above the county, in the wording of that level: 全市, 全省', () => {
    expect(['示范市', '江北市', '示范省', '省'].map(wholeOf)).toEqual(['全市', '全市', '全省', '省']);
  });
});

// Published accounts of legal-publicity work, and how they write each figure: ours must say the
// same figure (same value, 余 where they say 余 or 多), or the figure itself where they give it whole.
describe('figures written as published accounts write them', () => {
  const value = (words: string) => {
    const m = /^([\d.]+)(万|亿)?(余|多)?$/.exec(words);
    if (!m) throw new Error(words);
    return { value: Number(m[1]) * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1), more: Boolean(m[3]) };
  };
  it.each([
    // 盱眙县 12·4 (2017): 悬挂横幅20多条，摆放展板42个，挂图50张，发放宣传单…60000余份，…宣传手册…18000余册，现场解答法律咨询1200余人次.
    ['盱眙 展板', 42, '42'], ['盱眙 挂图', 50, '50'], ['盱眙 宣传单', 60321, '60000余'], ['盱眙 宣传手册', 18004, '18000余'], ['盱眙 法律咨询', 1234, '1200余'],
    // 米脂县公安局 (3月): 散发宣传图册800本、宣传资料2000余份，悬挂横幅4条，摆放展板8块.
    ['米脂 图册', 800, '800'], ['米脂 宣传资料', 2046, '2000余'], ['米脂 横幅', 4, '4'], ['米脂 展板', 8, '8'],
    // 回龙坝镇: 散发宣传资料8500多份、展出展板16块，接待群众480人次.
    ['回龙坝 宣传资料', 8537, '8500多'], ['回龙坝 展板', 16, '16'], ['回龙坝 群众', 480, '480'],
    // 汝州市: 普法宣传资料9700余份，…展出宣传版面210块，解答法律咨询650余人次.
    ['汝州 宣传资料', 9712, '9700余'], ['汝州 版面', 210, '210'], ['汝州 法律咨询', 655, '650余'],
  ] as const)('%s: %i is written %s', (_, n, published) => {
    expect(value(roundedChinese(n))).toEqual(value(published));
  });

  it('a whole paragraph in the words of the 盱眙 account', () => {
    const p = reportParagraphs({
      ...figures, activities: 1, leaflets: 78325, audience: 5600, consultations: 1234,
      materials: [kind('banner', 23), kind('display-board', 42), kind('wall-chart', 50), kind('leaflet', 60321), kind('booklet', 18004, '宣传手册')],
    });
    expect(p.rounded).toContain('全镇开展普法宣传1次，发放宣传资料7.8万余份，受教育群众5600人次。活动中悬挂横幅23条，摆放展板42块，张贴挂图50张，发放宣传单6万余份、宣传手册1.8万余册，解答法律咨询1200余人次。');
  });
});

// Each clause of the paragraph on its own, so a change to one (the 余 rounding, the materials named)
// leaves the others' tests standing.
describe('reportParagraphs, clause by clause', () => {
  const named = (n: number, what: string) => Array.from({ length: n }, (_, i) => ({ name: `${what}${i + 1}`, nameEn: `${what} ${i + 1}` }));

  it('in English: audience, consultations, the villages reached of all, the campaigns, 六进 places and laws', () => {
    const { english } = reportParagraphs(figures);
    expect(english).toContain('and reached 4,018 person-times. By kind: handed out leaflets (3,000 copies) and law booklets (612 booklets). 120 legal consultations were answered. Activities reached 9 of 10 villages (communities).');
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
    expect(bare.exact).toBe('2026年，全镇开展普法宣传17次，发放宣传资料3612份，受教育群众4018人次。活动中发放宣传单3000份、法律手册612册。活动覆盖9个村（社区）（共10个）。');
    expect(bare.english).toMatch(/ \(612 booklets\)\. Activities reached 9 of 10 villages \(communities\)\.$/);
    // Consultations without materials: the clause is the consultations alone.
    expect(reportParagraphs({ ...figures, leaflets: 0, materials: [] }).exact).toContain('受教育群众4018人次。活动中解答法律咨询120人次。活动覆盖');
    // Only the 六进 places: the tail is that one clause.
    const sixIntoOnly = reportParagraphs({ ...figures, campaigns: [], laws: [] });
    expect(sixIntoOnly.exact).toMatch(/（共10个）。推动法律进乡村、进学校。$/);
  });

  it('says 0, not a rounded figure (it once said NaN余), and leaves out materials for a year without any', () => {
    expect(roundedChinese(0)).toBe('0');
    const none = reportParagraphs({ ...figures, leaflets: 0, consultations: 0, audience: 0, materials: [] });
    expect(none.rounded).toContain('全镇开展普法宣传17次，受教育群众0人次。活动覆盖');
    expect(`${none.exact}${none.rounded}${none.english}`).not.toMatch(/NaN|发放|活动中|handed out|By kind|consultation/);
  });

  it('says in English too when nothing was logged', () => {
    expect(reportParagraphs({ ...figures, activities: 0 }).english).toBe('In 2026, no legal-publicity activity was recorded for Tushi Town.');
  });
});
