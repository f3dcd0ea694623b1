// The org-unit tree (county → township → village) as pages walk it; free of
// the validation schemas, so a page that only shows the tree needs no zod.
import type { CatalogEntry } from './schemas/reference.ts';

export const ORG_UNIT_LEVELS = ['county', 'township', 'village'] as const;
export type OrgUnitLevel = (typeof ORG_UNIT_LEVELS)[number];

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
 * The part of a user's tree they may choose as a scope (the dashboard's and exports' 范围): a
 * county only when it is the user's own unit (what the API's stats scope accepts), and every
 * township and village the tree holds (it is pruned to the user's scope already). A county the
 * user only sits under (a township clerk's) gives way to its townships.
 */
export function choosableOrgUnits(nodes: readonly OrgUnitNode[], ownOrgUnitId: number): OrgUnitNode[] {
  return nodes.flatMap((node) => (node.level === 'county' && node.id !== ownOrgUnitId ? choosableOrgUnits(node.children, ownOrgUnitId) : [node]));
}
