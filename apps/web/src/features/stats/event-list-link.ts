// Where a click on the dashboard leads: the event list filtered to exactly the
// events a figure counts (same period, same org unit, same breakdown key).
import type { StatsGroup } from '@pufa/domain';
import { NO_CAMPAIGN_KEY } from '@pufa/domain';
import { paths } from '../../config/paths.ts';
import type { Lookups } from '../reference/use-lookups.ts';

const FILTER_OF: Record<Exclude<StatsGroup, 'month' | 'city' | 'county'>, string> = {
  township: 'townshipId',
  campaign: 'campaignId',
  village: 'villageId',
  sixInto: 'sixInto',
  department: 'departmentId',
  form: 'formId',
  law: 'lawId',
  materialType: 'materialTypeId',
};

export function eventListLink(
  lookups: Lookups,
  { from, to, orgUnitId }: { from: string; to: string; orgUnitId?: number },
  breakdown?: { groupBy: Exclude<StatsGroup, 'month'>; key: string },
): string | null {
  if (breakdown?.groupBy === 'campaign' && breakdown.key === NO_CAMPAIGN_KEY) return null; // the list has no "no campaign" filter
  if (breakdown?.groupBy === 'city' || breakdown?.groupBy === 'county') return null; // a unit above the township opens its own dashboard instead
  const query = new URLSearchParams({ from, to });
  const unit = orgUnitId ? lookups.orgUnitById.get(orgUnitId) : undefined;
  if (unit?.level === 'township') query.set('townshipId', String(unit.id));
  if (unit?.level === 'village') query.set('villageId', String(unit.id));
  if (breakdown) query.set(FILTER_OF[breakdown.groupBy], breakdown.key);
  return `${paths.events}?${query}`;
}
