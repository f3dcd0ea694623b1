// Names and lists that pages need without the validation schemas: roles, the
// shared catalogs, the ledger's sort orders. Kept free of zod, so that a page
// that only lists events does not download the schema library (the event
// form, which validates, loads it with its own chunk).

import type { OrgUnitLevel } from './org-units.ts';

export const ROLES = ['clerk', 'leader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do (README and docs/security.md say the same in words). */
export const ROLE_CAN = {
  /** Create, edit and delete events of the townships in scope. */
  editEvents: ['clerk', 'admin'],
  /** Users, catalogs, org units, restoring deleted events, the audit log. */
  administer: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** Ledgers are kept at the county and below: a city's or a province's users read them, nobody there writes. */
export const keepsLedgers = (level: OrgUnitLevel) => level !== 'province' && level !== 'city';

export const canEditEvents = (role: Role, level: OrgUnitLevel) => (ROLE_CAN.editEvents as readonly Role[]).includes(role) && keepsLedgers(level);

/** The catalogs every township shares; an administrator at the top of the tree edits them. */
export const SHARED_CATALOGS = ['materialTypes', 'targetGroups', 'forms', 'laws', 'sixInto'] as const;
export type SharedCatalog = (typeof SHARED_CATALOGS)[number];

export const EVENT_SORTS = ['-startDate', 'startDate', 'title', '-title', '-audience', 'audience', '-updatedAt'] as const;
export type EventSort = (typeof EVENT_SORTS)[number];
