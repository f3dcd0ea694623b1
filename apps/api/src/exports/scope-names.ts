// Names the exports need from the reference data: org units, catalogs, in either language.
import { flattenOrgUnits, type CatalogEntry, type ExportLanguage, type Reference } from '@pufa/domain';

export function createNames(reference: Reference, lang: ExportLanguage) {
  const units = flattenOrgUnits(reference.orgUnits);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const name = (entry: Pick<CatalogEntry, 'name' | 'nameEn'> | undefined) => (entry ? (lang === 'en' ? entry.nameEn : entry.name) : '');
  const byId = <T extends { id: number }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));
  const maps = {
    campaign: byId(reference.campaigns),
    department: byId(reference.departments),
    form: byId(reference.forms),
    law: byId(reference.laws),
    targetGroup: byId(reference.targetGroups),
    materialType: byId(reference.materialTypes),
    sixInto: new Map(reference.sixInto.map((c) => [c.code, c])),
  };
  return {
    lang,
    name,
    units,
    unit: (id: number | null | undefined) => (id ? unitById.get(id) : undefined),
    /** Names of ids of one catalog, joined the way a ledger cell lists them. */
    list: (catalog: keyof typeof maps, keys: readonly (number | string)[]) =>
      keys.map((k) => name((maps[catalog] as Map<number | string, CatalogEntry>).get(k))).join(lang === 'en' ? ', ' : '、'),
    materialType: (id: number) => maps.materialType.get(id),
    leafletRules: maps.materialType,
  };
}

export type Names = ReturnType<typeof createNames>;
