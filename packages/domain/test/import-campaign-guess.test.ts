// The campaign (宣传节点) an imported row is given when the ledger has no campaign
// column (campaign-guess.ts): from a title that names it, near its date, or from
// a named day alone. What the clerk is told is checked word for word.
import { describe, expect, it } from 'vitest';
import { createCampaignGuesser, guessCampaign, type GuessableCampaign } from '../src/import/campaign-guess.ts';

const campaigns: GuessableCampaign[] = [
  { id: 1, code: 'constitution-day', name: '12·4国家宪法日', rule: { startMonth: 12, startDay: 4 }, periods: [] },
  { id: 2, code: 'constitution-week', name: '宪法宣传周', rule: { startMonth: 12, startDay: 1, endMonth: 12, endDay: 7 }, periods: [{ year: 2021, startDate: '2021-11-29', endDate: '2021-12-05' }] },
  { id: 3, code: 'anti-drug-day', name: '6·26国际禁毒日', rule: { startMonth: 6, startDay: 26 }, periods: [] },
  { id: 4, code: 'law-at-the-market', name: '法治赶大集', rule: null, periods: [] },
  { id: 5, code: 'legal-publicity-month', name: '法治宣传月', rule: { startMonth: 3, startDay: 1, endMonth: 3, endDay: 31 }, periods: [] },
  // An office's own named days: no built-in words, only the name (its date prefix aside).
  { id: 7, code: 'office-7', name: '3·5学雷锋日', rule: { startMonth: 3, startDay: 5 }, periods: [] },
  { id: 8, code: 'office-8', name: '12·9', rule: { startMonth: 12, startDay: 9 }, periods: [] },
  // Digits inside a name are part of it.
  { id: 9, code: 'office-9', name: '第2届普法文化节', rule: { startMonth: 9, startDay: 1, endMonth: 9, endDay: 7 }, periods: [] },
];

describe('guessCampaign: what the clerk is told', () => {
  it('says a campaign was guessed from the title and date', () => {
    expect(guessCampaign('2021-12-04', '宪法进万家', campaigns)).toEqual({
      campaignId: 1,
      interpreted: { zh: '按主题和日期推断为“12·4国家宪法日”', en: 'guessed from the title and date: “12·4国家宪法日”' },
    });
  });
  it('says a campaign was guessed from the date alone', () => {
    expect(guessCampaign('2021-12-04', '法律进村', campaigns)).toEqual({
      campaignId: 1,
      interpreted: { zh: '按日期推断为“12·4国家宪法日”', en: 'guessed from the date: “12·4国家宪法日”' },
    });
  });
});

describe('guessCampaign: which campaign', () => {
  it('takes a title\'s campaign up to a week from its day, not eight days', () => {
    expect(guessCampaign('2021-06-19', '禁毒知识讲座', campaigns)?.campaignId).toBe(3);
    expect(guessCampaign('2021-07-03', '禁毒知识讲座', campaigns)?.campaignId).toBe(3);
    expect(guessCampaign('2021-06-18', '禁毒知识讲座', campaigns)).toBeNull();
    expect(guessCampaign('2021-07-04', '禁毒知识讲座', campaigns)).toBeNull();
  });
  it('finds an office\'s own named day by its name without the date in front', () => {
    expect(guessCampaign('2021-03-08', '学雷锋日普法志愿服务', campaigns)).toMatchObject({ campaignId: 7, interpreted: { zh: '按主题和日期推断为“3·5学雷锋日”' } });
  });
  it('keeps the digits inside an office\'s campaign name', () => {
    expect(guessCampaign('2021-09-03', '第2届普法文化节开幕式', campaigns)).toEqual({
      campaignId: 9,
      interpreted: { zh: '按主题和日期推断为“第2届普法文化节”', en: 'guessed from the title and date: “第2届普法文化节”' },
    });
  });
  it('takes the most specific of two campaigns the title names and the date is on (the day, not its week)', () => {
    expect(guessCampaign('2021-12-04', '宪法宣传周暨国家宪法日活动', campaigns)?.campaignId).toBe(1);
    expect(guessCampaign('2021-12-02', '宪法宣传周暨国家宪法日活动', campaigns)?.campaignId).toBe(2);
  });
  it('never takes a name that is only a date as a word every title contains', () => {
    expect(guessCampaign('2021-08-08', '普法讲座', campaigns)).toBeNull();
  });
  it('prefers a named day the date is on to a campaign without dates the title also names', () => {
    expect(guessCampaign('2021-12-04', '宪法赶大集', campaigns)?.campaignId).toBe(1);
  });
  it('guesses from the date alone only on a day or a week, not inside a month-long campaign', () => {
    expect(guessCampaign('2021-11-30', '法律进村', campaigns)?.campaignId).toBe(2);
    expect(guessCampaign('2021-03-10', '法律进村', campaigns)).toBeNull();
  });
  it('answers the same for many rows as for one', () => {
    const guess = createCampaignGuesser(campaigns);
    for (const [date, title] of [['2021-12-04', '宪法进万家'], ['2021-12-04', '法律进村'], ['2021-06-19', '禁毒知识讲座'], ['2021-08-08', '普法讲座'], ['2021-12-04', '宪法进万家']] as const) {
      expect(guess(date, title), `${date} ${title}`).toEqual(guessCampaign(date, title, campaigns));
    }
  });
});
