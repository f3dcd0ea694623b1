import type { CatalogSeed } from './types.ts';

/**
 * A campaign's yearly timing rule. A day (startDay set, no end) is one day; a
 * month (no startDay) is the whole month; an explicit end makes a period.
 * Periods that move from year to year keep per-year overrides (see calendar.ts).
 */
export interface CampaignRule {
  startMonth: number;
  startDay?: number;
  endMonth?: number;
  endDay?: number;
}

export interface CampaignSeed extends CatalogSeed {
  /** null: no fixed time of year (market days, an office's own themes). */
  rule: CampaignRule | null;
  description: string;
  /** Periods known for given years, overriding the rule. */
  periods?: readonly { year: number; startDate: string; endDate: string }[];
}

/** The built-in legal-publicity calendar (docs: ../shared/domain.md). */
export const BUILTIN_CAMPAIGNS: readonly CampaignSeed[] = [
  { code: 'legal-publicity-month', name: '三月法治宣传月', nameEn: 'March legal-publicity month',
    rule: { startMonth: 3 }, description: '地方惯例 (local practice)' },
  { code: 'womens-rights-week', name: '三八维权周', nameEn: "Women's rights week (3.8)",
    rule: { startMonth: 3, startDay: 1, endMonth: 3, endDay: 8 }, description: '妇联惯例, 反家庭暴力法、妇女权益保障法' },
  { code: 'consumer-rights-day', name: '3·15消费者权益日', nameEn: 'Consumer Rights Day (3.15)',
    rule: { startMonth: 3, startDay: 15 }, description: '消费者权益保护法' },
  { code: 'national-security-day', name: '4·15全民国家安全教育日', nameEn: 'National Security Education Day (4.15)',
    rule: { startMonth: 4, startDay: 15 }, description: '国家安全法' },
  { code: 'civil-code-month', name: '民法典宣传月', nameEn: 'Civil Code month (May)',
    rule: { startMonth: 5 }, description: '每年五月, 2021年起' },
  { code: 'disaster-prevention-day', name: '5·12防灾减灾日', nameEn: 'Disaster Prevention Day (5.12)',
    rule: { startMonth: 5, startDay: 12 }, description: '突发事件应对法' },
  { code: 'childrens-day', name: '6·1儿童节', nameEn: "Children's Day (6.1)",
    rule: { startMonth: 6, startDay: 1 }, description: '未成年人保护法' },
  { code: 'anti-drug-day', name: '6·26国际禁毒日', nameEn: 'International Anti-Drug Day (6.26)',
    rule: { startMonth: 6, startDay: 26 }, description: '禁毒法, 常贯穿六月' },
  { code: 'first-law-lesson', name: '开学法治第一课', nameEn: 'First law lesson of the term',
    rule: { startMonth: 9, startDay: 1 }, description: '学校, 秋季开学' },
  { code: 'cybersecurity-week', name: '国家网络安全宣传周', nameEn: 'National Cybersecurity Week',
    rule: { startMonth: 9 }, description: '九月中的一周, 日期每年公布',
    periods: [
      { year: 2024, startDate: '2024-09-09', endDate: '2024-09-15' },
      { year: 2025, startDate: '2025-09-15', endDate: '2025-09-21' },
    ] },
  { code: 'traffic-safety-day', name: '12·2全国交通安全日', nameEn: 'National Traffic Safety Day (12.2)',
    rule: { startMonth: 12, startDay: 2 }, description: '道路交通安全法' },
  { code: 'constitution-day', name: '12·4国家宪法日', nameEn: 'National Constitution Day (12.4)',
    rule: { startMonth: 12, startDay: 4 }, description: '宪法' },
  { code: 'constitution-week', name: '宪法宣传周', nameEn: 'Constitution week',
    rule: { startMonth: 12, startDay: 1, endMonth: 12, endDay: 7 }, description: '日期每年公布',
    periods: [
      { year: 2018, startDate: '2018-12-02', endDate: '2018-12-08' },
      { year: 2019, startDate: '2019-12-01', endDate: '2019-12-07' },
      { year: 2021, startDate: '2021-11-29', endDate: '2021-12-05' },
      { year: 2022, startDate: '2022-12-04', endDate: '2022-12-10' },
      { year: 2025, startDate: '2025-12-01', endDate: '2025-12-07' },
    ] },
  { code: 'law-at-the-market', name: '法治赶大集', nameEn: 'Law at the market',
    rule: null, description: '逢场天、庙会, 全年' },
];
