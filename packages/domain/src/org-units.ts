// The org-unit tree (province → city → county → township → village) as pages walk
// it; free of the validation schemas, so a page that only shows the tree needs no zod.
import type { CatalogEntry } from './schemas/reference.ts';

/** Top first: a tree may start at any level above the township (a county alone, as before issue 20). */
export const ORG_UNIT_LEVELS = ['province', 'city', 'county', 'township', 'village'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_LEVELS)[number];
/** The levels that hold townships rather than events: their figures are roll-ups of the townships below. */
export type UpperOrgUnitLevel = Extract<OrgUnitLevel, 'province' | 'city' | 'county'>;

export const isUpperLevel = (level: OrgUnitLevel): level is UpperOrgUnitLevel => level === 'province' || level === 'city' || level === 'county';

/** The level of a unit's children (null under a village). */
export function childLevel(level: OrgUnitLevel): OrgUnitLevel | null {
  return ORG_UNIT_LEVELS[ORG_UNIT_LEVELS.indexOf(level) + 1] ?? null;
}

/**
 * What a level is called, as in 「全市共开展…」: the short word of the report paragraph and the
 * name of the level in lists. A 街道 works like a 乡镇 and a 社区 like a 村, so both names are shown.
 */
export const LEVEL_WORDS: Record<OrgUnitLevel, { short: string; name: string; en: string; enPlural: string }> = {
  province: { short: '省', name: '省', en: 'province', enPlural: 'provinces' },
  city: { short: '市', name: '市', en: 'city', enPlural: 'cities' },
  county: { short: '县', name: '县（区）', en: 'county', enPlural: 'counties' },
  township: { short: '镇', name: '乡镇（街道）', en: 'township', enPlural: 'townships' },
  village: { short: '村', name: '村（社区）', en: 'village', enPlural: 'villages' },
};

export interface OrgUnitNode extends Omit<CatalogEntry, 'isActive'> {
  level: OrgUnitLevel;
  parentId: number | null;
  children: OrgUnitNode[];
}

/** Every unit of a tree, parents before their children. */
export function flattenOrgUnits(nodes: readonly OrgUnitNode[]): OrgUnitNode[] {
  return nodes.flatMap((node) => [node, ...flattenOrgUnits(node.children)]);
}

/**
 * The part of a user's tree they may choose as a scope (the dashboard's and exports' 范围): the
 * user's own unit with everything below it (what the API's stats scope accepts). A unit above the
 * user's own (a township clerk's county, a county leader's city) gives way to its children; the
 * tree is pruned to the user's scope already, so only the path down to the user's unit is there.
 */
export function choosableOrgUnits(nodes: readonly OrgUnitNode[], ownOrgUnitId: number): OrgUnitNode[] {
  return nodes.flatMap((node) => (isUpperLevel(node.level) && node.id !== ownOrgUnitId ? choosableOrgUnits(node.children, ownOrgUnitId) : [node]));
}
