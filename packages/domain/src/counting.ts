// The counting rules, written once (docs/counting-rules.md explains them for
// people). The API's SQL totals implement the same rules and a test checks that
// they agree with these functions on the same events.
import type { IsoDate } from './dates.ts';

/** An event counts once, in the month of its start date ('YYYY-MM'), whatever its end date. */
export function countingMonth(startDate: IsoDate): string {
  return startDate.slice(0, 7);
}

export interface MaterialLine {
  materialTypeId: number;
  quantity: number;
}

export interface LeafletRule {
  id: number;
  countsAsLeaflet: boolean;
}

/** "宣传资料" (leaflets): the sum of quantities of material types that count as leaflets. */
export function leafletTotal(materials: readonly MaterialLine[], materialTypes: ReadonlyMap<number, LeafletRule>): number {
  let total = 0;
  for (const line of materials) {
    if (materialTypes.get(line.materialTypeId)?.countsAsLeaflet) total += line.quantity;
  }
  return total;
}

export interface CountableEvent {
  startDate: IsoDate;
  villageIds: readonly number[];
  audience: number;
  consultations: number;
  materials: readonly MaterialLine[];
}

export interface Totals {
  /** Number of events. */
  activities: number;
  leaflets: number;
  /** People reached, in 人次 (person-times): summed, never deduplicated. */
  audience: number;
  consultations: number;
  /** Distinct villages reached by at least one event. */
  villagesReached: number;
}

export function summarize(events: readonly CountableEvent[], materialTypes: ReadonlyMap<number, LeafletRule>): Totals {
  const villages = new Set<number>();
  const totals: Totals = { activities: 0, leaflets: 0, audience: 0, consultations: 0, villagesReached: 0 };
  for (const event of events) {
    totals.activities += 1;
    totals.leaflets += leafletTotal(event.materials, materialTypes);
    totals.audience += event.audience;
    totals.consultations += event.consultations;
    for (const id of event.villageIds) villages.add(id);
  }
  totals.villagesReached = villages.size;
  return totals;
}
