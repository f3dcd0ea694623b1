import type { CatalogSeed } from './types.ts';

/** The departments a new township starts with; each office edits its own list. */
export const DEFAULT_DEPARTMENTS: readonly CatalogSeed[] = [
  { code: 'judicial-office', name: '司法所', nameEn: 'Judicial office' },
  { code: 'peace-office', name: '平安办', nameEn: 'Public-security office' },
  { code: 'police-station', name: '派出所', nameEn: 'Police station' },
  { code: 'youth-league', name: '团委', nameEn: 'Youth League committee' },
  { code: 'womens-federation', name: '妇联', nameEn: "Women's federation" },
  { code: 'comprehensive-governance', name: '综治办', nameEn: 'Comprehensive governance office' },
  { code: 'health-centre', name: '卫生院', nameEn: 'Health centre' },
  { code: 'central-primary-school', name: '中心小学', nameEn: 'Central primary school' },
  { code: 'middle-school', name: '中学', nameEn: 'Middle school' },
];
