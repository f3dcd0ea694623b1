// The event form's material search: names, the names clerks use, pinyin initials.
import { describe, expect, it } from 'vitest';
import { MATERIAL_TYPES, materialTypeMatches } from '../src/index.ts';

const leaflet = { ...MATERIAL_TYPES.find((m) => m.code === 'leaflet')! };
const banner = { ...MATERIAL_TYPES.find((m) => m.code === 'banner')! };
const found = (typed: string) => MATERIAL_TYPES.filter((m) => materialTypeMatches(typed, m)).map((m) => m.code);

describe('materialTypeMatches', () => {
  it('finds 宣传资料/传单 by what clerks call it', () => {
    for (const typed of ['宣传单', '传单', '折页', '宣传资料', 'xczl', 'XCZL', 'Leaflets', 'leaf']) expect(materialTypeMatches(typed, leaflet), typed).toBe(true);
  });

  it('finds only the entries that match', () => {
    expect(found('宣传单')).toEqual(['leaflet']);
    expect(found('条幅')).toEqual(['banner']);
    expect(found('hf')).toEqual(['banner']);
    expect(materialTypeMatches('传单', banner)).toBe(false);
  });

  it('finds an office\'s own entry by its name, and everything by nothing', () => {
    expect(materialTypeMatches('环保', { code: 'custom-1', name: '环保袋', nameEn: '' })).toBe(true);
    expect(materialTypeMatches('hbd', { code: 'custom-1', name: '环保袋', nameEn: '' })).toBe(false);
    expect(materialTypeMatches(' ', banner)).toBe(true);
  });
});
