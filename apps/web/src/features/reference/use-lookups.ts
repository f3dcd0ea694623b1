// Lookups over the reference data: names in the UI language, townships and
// their villages, material rules for the leaflet count.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { flattenOrgUnits, type CatalogEntry, type Reference } from '@pufa/domain';
import { isEnglish } from '../../lib/i18n.ts';

export type Named = Pick<CatalogEntry, 'name' | 'nameEn'>;

export function useCatalogName() {
  const { i18n } = useTranslation();
  const english = isEnglish(i18n.language);
  return (entry: Named | undefined) => (entry ? (english ? entry.nameEn : entry.name) : '');
}

export function useLookups(reference: Reference | undefined) {
  return useMemo(() => {
    const units = flattenOrgUnits(reference?.orgUnits ?? []);
    const byId = <T extends { id: number }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));
    return {
      townships: units.filter((u) => u.level === 'township'),
      villagesOf: (townshipId: number | undefined) => units.find((u) => u.id === townshipId)?.children ?? [],
      orgUnitById: byId(units),
      campaignById: byId(reference?.campaigns ?? []),
      materialTypeById: byId(reference?.materialTypes ?? []),
      departmentsOf: (townshipId: number | undefined) => (reference?.departments ?? []).filter((d) => d.townshipId === townshipId),
      sixIntoByCode: new Map((reference?.sixInto ?? []).map((c) => [c.code, c])),
    };
  }, [reference]);
}

export type Lookups = ReturnType<typeof useLookups>;
