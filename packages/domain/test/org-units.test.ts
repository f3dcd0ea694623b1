import { describe, expect, it } from 'vitest';
import { childLevel, choosableOrgUnits, flattenOrgUnits, isUpperLevel, ORG_UNIT_LEVELS, type OrgUnitNode } from '../src/index.ts';

const node = (id: number, level: OrgUnitNode['level'], children: OrgUnitNode[] = [], parentId: number | null = null): OrgUnitNode => ({
  id, level, parentId, children, name: `单位${id}`, nameEn: `Unit ${id}`, code: `u${id}`,
});
// A township clerk's tree as the API sends it: their county, pruned to their township and its villages.
const township = node(2, 'township', [node(3, 'village', [], 2), node(4, 'village', [], 2)], 1);
const county = node(1, 'county', [township]);

describe('choosableOrgUnits', () => {
  it('offers a township user their township and villages, not the county above them', () => {
    const choosable = choosableOrgUnits([county], 2);
    expect(choosable.map((n) => n.id)).toEqual([2]);
    expect(flattenOrgUnits(choosable).map((n) => n.id)).toEqual([2, 3, 4]);
  });

  it('offers a county user their county and everything below it', () => {
    const choosable = choosableOrgUnits([county], 1);
    expect(flattenOrgUnits(choosable).map((n) => n.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('levels above the county', () => {
  // A city leader's tree: the province above them (the path only), their city with its counties.
  const cityTownship = node(13, 'township', [node(14, 'village', [], 13)], 12);
  const city = node(11, 'city', [node(12, 'county', [cityTownship], 11)], 10);
  const province = node(10, 'province', [city]);

  it('offers a city user their city and everything below it, not the province', () => {
    expect(choosableOrgUnits([province], 11).map((n) => n.id)).toEqual([11]);
    expect(flattenOrgUnits(choosableOrgUnits([province], 11)).map((n) => n.id)).toEqual([11, 12, 13, 14]);
  });

  it('offers a township clerk under a city only their township', () => {
    expect(choosableOrgUnits([province], 13).map((n) => n.id)).toEqual([13]);
  });

  it('names the level below each level, top first, nothing under a village', () => {
    expect(ORG_UNIT_LEVELS.map(childLevel)).toEqual(['city', 'county', 'township', 'village', null]);
    expect(ORG_UNIT_LEVELS.filter(isUpperLevel)).toEqual(['province', 'city', 'county']);
  });
});
