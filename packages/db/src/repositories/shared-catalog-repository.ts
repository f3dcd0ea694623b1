// The catalogs every township shares (material types, target groups, forms,
// laws, 六进 categories): listed with inactive entries for the editor, added,
// renamed, switched off. Only an administrator at the top of the tree edits
// them, since a change reaches every township.
import {
  ACTIVITY_FORMS,
  fieldError,
  LAWS,
  MATERIAL_TYPES,
  SIX_INTO_CATEGORIES,
  TARGET_GROUPS,
  type CatalogEntryAdmin,
  type CatalogEntryCreate,
  type CatalogEntryPatch,
  type SharedCatalog,
} from '@pufa/domain';
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/actor.ts';
import { rebuildRollup } from '../stats/rollup.ts';
import { writeAudit } from '../auth/audit.ts';
import { InvalidReferencesError, NotPermittedError } from './errors.ts';

const MODELS = {
  materialTypes: 'materialType',
  targetGroups: 'targetGroup',
  forms: 'activityForm',
  laws: 'law',
  sixInto: 'sixIntoCategory',
} as const satisfies Record<SharedCatalog, string>;

const BUILTIN_CODES: Record<SharedCatalog, ReadonlySet<string>> = {
  materialTypes: new Set(MATERIAL_TYPES.map((e) => e.code)),
  targetGroups: new Set(TARGET_GROUPS.map((e) => e.code)),
  forms: new Set(ACTIVITY_FORMS.map((e) => e.code)),
  laws: new Set(LAWS.map((e) => e.code)),
  sixInto: new Set(SIX_INTO_CATEGORIES.map((e) => e.code)),
};

interface CatalogRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  isActive?: boolean;
  unit?: string;
  unitEn?: string;
  countsAsLeaflet?: boolean;
}

/** The part of a Prisma delegate the five catalog tables have in common. */
interface CatalogDelegate {
  findMany(args: { orderBy: object[] }): Promise<CatalogRow[]>;
  findUnique(args: { where: { id: number } }): Promise<CatalogRow | null>;
  create(args: { data: object }): Promise<CatalogRow>;
  update(args: { where: { id: number }; data: object }): Promise<CatalogRow>;
  aggregate(args: { _max: { sortOrder: true } }): Promise<{ _max: { sortOrder: number | null } }>;
}

const delegate = (db: PrismaClient | Prisma.TransactionClient, catalog: SharedCatalog) => db[MODELS[catalog]] as unknown as CatalogDelegate;

const ONLY_MATERIALS = { zh: '只适用于资料种类', en: 'applies to material types only' };
const SHARED_ONLY_AT_TOP = { zh: '共用目录只能由县级管理员修改', en: 'Shared catalogs are edited by an administrator at the county level' };

export function createSharedCatalogRepository(prisma: PrismaClient) {
  const toJson = (catalog: SharedCatalog, row: CatalogRow): CatalogEntryAdmin => ({
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    isActive: row.isActive ?? true,
    isBuiltin: BUILTIN_CODES[catalog].has(row.code),
    ...(catalog === 'materialTypes' ? { unit: row.unit, unitEn: row.unitEn, countsAsLeaflet: row.countsAsLeaflet } : {}),
  });

  function checkFields(catalog: SharedCatalog, input: CatalogEntryCreate | CatalogEntryPatch, { isCreate }: { isCreate: boolean }) {
    const errors = [];
    if (catalog === 'materialTypes') {
      if (isCreate && !input.unit) errors.push(fieldError(['unit'], { zh: '必填', en: 'required' }));
    } else {
      for (const field of ['unit', 'unitEn', 'countsAsLeaflet'] as const) {
        if (input[field] !== undefined) errors.push(fieldError([field], ONLY_MATERIALS));
      }
    }
    if (catalog === 'sixInto' && 'isActive' in input && input.isActive !== undefined) {
      errors.push(fieldError(['isActive'], { zh: '六进类别不能停用', en: 'six-into categories cannot be switched off' }));
    }
    if (errors.length) throw new InvalidReferencesError(errors);
  }

  return {
    async list(catalog: SharedCatalog): Promise<CatalogEntryAdmin[]> {
      const rows = await delegate(prisma, catalog).findMany({ orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
      return rows.map((row) => toJson(catalog, row));
    },

    async create(actor: Actor, catalog: SharedCatalog, input: CatalogEntryCreate): Promise<CatalogEntryAdmin> {
      if (!actor.isTopLevel) throw new NotPermittedError(SHARED_ONLY_AT_TOP);
      checkFields(catalog, input, { isCreate: true });
      return prisma.$transaction(async (tx) => {
        const table = delegate(tx, catalog);
        const last = await table.aggregate({ _max: { sortOrder: true } });
        const row = await table.create({
          data: {
            ...input,
            nameEn: input.nameEn || input.name,
            code: `own-${randomUUID().slice(0, 8)}`,
            sortOrder: (last._max.sortOrder ?? 0) + 10,
            ...(catalog === 'materialTypes' ? { unitEn: input.unitEn || input.unit, countsAsLeaflet: input.countsAsLeaflet ?? false } : {}),
          },
        });
        const entry = toJson(catalog, row);
        await writeAudit(tx, actor, { action: 'create', entity: 'catalogEntry', entityId: `${catalog}/${row.id}`, after: entry });
        return entry;
      });
    },

    /** Returns null when there is no such entry. */
    async update(actor: Actor, catalog: SharedCatalog, id: number, patch: CatalogEntryPatch): Promise<CatalogEntryAdmin | null> {
      if (!actor.isTopLevel) throw new NotPermittedError(SHARED_ONLY_AT_TOP);
      checkFields(catalog, patch, { isCreate: false });
      return prisma.$transaction(async (tx) => {
        const table = delegate(tx, catalog);
        const current = await table.findUnique({ where: { id } });
        if (!current) return null;
        if (catalog === 'sixInto' && BUILTIN_CODES.sixInto.has(current.code)) {
          throw new InvalidReferencesError([fieldError(['name'], { zh: '法律“六进”的六个基本类别固定不变', en: 'the six built-in categories are fixed' })]);
        }
        const row = await table.update({ where: { id }, data: patch });
        const [before, after] = [toJson(catalog, current), toJson(catalog, row)];
        // Every stored leaflet total depends on this rule: recount them all, in this transaction.
        if (before.countsAsLeaflet !== after.countsAsLeaflet) await rebuildRollup(tx);
        await writeAudit(tx, actor, { action: 'update', entity: 'catalogEntry', entityId: `${catalog}/${id}`, before, after });
        return after;
      }, { timeout: 10 * 60_000 });
    },
  };
}

export type SharedCatalogRepository = ReturnType<typeof createSharedCatalogRepository>;
