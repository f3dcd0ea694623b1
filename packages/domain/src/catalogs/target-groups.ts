import type { CatalogSeed } from './types.ts';

export const TARGET_GROUPS: readonly CatalogSeed[] = [
  { code: 'youth', name: '青少年', nameEn: 'Young people' },
  { code: 'elderly', name: '老年人', nameEn: 'Elderly people' },
  { code: 'women', name: '妇女', nameEn: 'Women' },
  { code: 'migrant-workers', name: '农民工', nameEn: 'Migrant workers' },
  { code: 'employees', name: '企业职工', nameEn: 'Enterprise employees' },
  { code: 'farmers', name: '农民群众', nameEn: 'Farmers' },
  { code: 'village-cadres', name: '村(社区)干部', nameEn: 'Village cadres' },
  { code: 'officials', name: '机关干部', nameEn: 'Government staff' },
  { code: 'legal-understanders', name: '法律明白人', nameEn: 'Village legal understanders' },
];
