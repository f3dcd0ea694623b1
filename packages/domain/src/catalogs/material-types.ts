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

/**
 * What clerks also call the built-in material types, and the initials of their pinyin (typed on a
 * keyboard without a Chinese input method): the form's material search finds 宣传资料/传单 by
 * 宣传单, 传单, 折页 or xczl. Entries an office adds are found by their names.
 */
export const MATERIAL_TYPE_SEARCH_WORDS: Readonly<Record<string, readonly string[]>> = {
  leaflet: ['宣传单', '传单', '宣传页', '折页', '单页', '资料', 'xczl', 'cd', 'xcd'],
  booklet: ['手册', '小册子', '法律读本', '读本', 'flsc', 'sc'],
  'wall-chart': ['挂画', '宣传画', 'gt'],
  banner: ['条幅', 'hf', 'tf'],
  'display-board': ['宣传展板', '展架', 'zb'],
  giveaway: ['纪念品', '小礼品', '礼品', '环保袋', '围裙', 'xcp', 'jnp'],
  newspaper: ['报纸', '报刊', '法治报', '杂志', 'fzbk', 'bz'],
};

const searchable = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Whether what was typed into a material search finds the entry: its names, its other names, its pinyin initials. */
export function materialTypeMatches(typed: string, entry: { code: string; name: string; nameEn: string }): boolean {
  const words = searchable(typed);
  if (words === '') return true;
  return [entry.name, entry.nameEn, ...(MATERIAL_TYPE_SEARCH_WORDS[entry.code] ?? [])].some((w) => searchable(w).includes(words));
}
