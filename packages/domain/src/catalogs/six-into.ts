import type { CatalogSeed } from './types.ts';

/** 法律"六进": the fixed six places law is taken into. Offices may add their own beside these. */
export const SIX_INTO_CATEGORIES = [
  { code: 'organs', name: '机关', nameEn: 'Government organs' },
  { code: 'villages', name: '乡村', nameEn: 'Villages' },
  { code: 'communities', name: '社区', nameEn: 'Communities' },
  { code: 'schools', name: '学校', nameEn: 'Schools' },
  { code: 'enterprises', name: '企业', nameEn: 'Enterprises' },
  { code: 'units', name: '单位', nameEn: 'Work units' },
] as const satisfies readonly CatalogSeed[];

export type SixIntoCode = (typeof SIX_INTO_CATEGORIES)[number]['code'];
