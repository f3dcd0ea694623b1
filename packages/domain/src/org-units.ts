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
