// Breakdowns of the counting rules (docs/counting-rules.md): what one event
// adds to each row of /api/stats. The database keeps a monthly roll-up of
// exactly these contributions, updated in the transaction that changes the event.
import { countingMonth, leafletTotal, type CountableEvent, type LeafletRule } from './counting.ts';

/** What /api/stats can group by. */
/** 'city' and 'county': the units of that level in scope, each the roll-up of its townships (a province by city, a city by county). */
export const STATS_GROUPS = ['month', 'city', 'county', 'township', 'campaign', 'village', 'sixInto', 'department', 'form', 'law', 'materialType'] as const;
export type StatsGroup = (typeof STATS_GROUPS)[number];

/** The roll-up's dimensions: the totals row, and one per breakdown other than the month (the month is the roll-up's own key). */
export const ROLLUP_DIMENSIONS = ['total', 'campaign', 'village', 'sixInto', 'department', 'form', 'law', 'materialType'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** The campaign key of an event with no campaign: a row of its own, so campaign rows add up to the total. */
export const NO_CAMPAIGN_KEY = 'none';

export interface BreakdownEvent extends CountableEvent {
  campaignId: number | null;
  sixInto: readonly string[];
  departmentIds: readonly number[];
  formIds: readonly number[];
  lawIds: readonly number[];
}

export interface StatContribution {
  dimension: RollupDimension;
  key: string;
  activities: number;
  leaflets: number;
  audience: number;
  consultations: number;
  /** Material-type rows only: the quantity handed out, whatever its unit. */
  quantity: number;
}

/**
 * The rows one event counts in. An event counts once in the total and in its
 * campaign row, and once in each village, 六进 place, department, form, law and
 * material type it names, so those breakdowns may add up to more than the
 * total (an event in three villages is one activity in each village's row).
 * A material-type row carries that type's quantity, and its leaflets only if
 * the type counts as 宣传资料.
 */
export function statContributions(event: BreakdownEvent, materialTypes: ReadonlyMap<number, LeafletRule>): StatContribution[] {
  const whole = { activities: 1, leaflets: leafletTotal(event.materials, materialTypes), audience: event.audience, consultations: event.consultations, quantity: 0 };
  const rows = (dimension: RollupDimension, keys: readonly (string | number)[]) =>
    [...new Set(keys.map(String))].map((key): StatContribution => ({ dimension, key, ...whole }));
  return [
    ...rows('total', ['']),
    ...rows('campaign', [event.campaignId ?? NO_CAMPAIGN_KEY]),
    ...rows('village', event.villageIds),
    ...rows('sixInto', event.sixInto),
    ...rows('department', event.departmentIds),
    ...rows('form', event.formIds),
    ...rows('law', event.lawIds),
    ...event.materials.map((line): StatContribution => ({
      dimension: 'materialType',
      key: String(line.materialTypeId),
      ...whole,
      leaflets: materialTypes.get(line.materialTypeId)?.countsAsLeaflet ? line.quantity : 0,
      quantity: line.quantity,
    })),
  ];
}

/** The first day of the month an event counts in, as the roll-up keys it. */
export const rollupMonth = (startDate: string) => `${countingMonth(startDate)}-01`;

/** Every month from `from` to `to` inclusive, as 'YYYY-MM'. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = countingMonth(to);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}
