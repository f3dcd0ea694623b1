import type { CatalogSeed } from './types.ts';

export interface MaterialTypeSeed extends CatalogSeed {
  unit: string;
  unitEn: string;
  /** Counted in the report's "发放宣传资料 N 份" total (see docs/counting-rules.md). */
  countsAsLeaflet: boolean;
}

export const MATERIAL_TYPES: readonly MaterialTypeSeed[] = [
  { code: 'leaflet', name: '宣传资料/传单', nameEn: 'Leaflets', unit: '份', unitEn: 'copies', countsAsLeaflet: true },
  { code: 'booklet', name: '法律手册', nameEn: 'Law booklets', unit: '册', unitEn: 'booklets', countsAsLeaflet: true },
  { code: 'wall-chart', name: '挂图', nameEn: 'Wall charts', unit: '张', unitEn: 'sheets', countsAsLeaflet: false },
  { code: 'banner', name: '横幅', nameEn: 'Banners', unit: '条', unitEn: 'banners', countsAsLeaflet: false },
  { code: 'display-board', name: '展板', nameEn: 'Display boards', unit: '块', unitEn: 'boards', countsAsLeaflet: false },
  { code: 'giveaway', name: '宣传品', nameEn: 'Promotional items', unit: '件', unitEn: 'items', countsAsLeaflet: false },
  { code: 'newspaper', name: '法治报刊', nameEn: 'Legal newspapers', unit: '份', unitEn: 'copies', countsAsLeaflet: true },
];

/**
 * What a report's prose calls the built-in kinds whose catalog label is a picker's label rather
 * than a name (宣传资料/传单): published accounts write 发放宣传单60000余份. Used while the office keeps
 * the catalog's label (materialReportName in report.ts).
 */
export const MATERIAL_REPORT_NAMES: Readonly<Record<string, string>> = { leaflet: '宣传单' };
