import { describe, expect, it } from 'vitest';
import { choosableOrgUnits, flattenOrgUnits, type OrgUnitNode } from '../src/index.ts';

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
