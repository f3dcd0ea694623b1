// Checks that every id an event names exists, is active where it must be, and
// belongs to the event's township (villages, departments, an office's own campaign).
import { fieldError, REFERENCE_MESSAGES, type FieldError } from '@pufa/domain';
import type { Prisma } from '../generated/prisma/client.ts';

export interface EventReferences {
  townshipId: number;
  campaignId?: number | null | undefined;
  villageIds?: readonly number[] | undefined;
  sixInto?: readonly string[] | undefined;
  formIds?: readonly number[] | undefined;
  lawIds?: readonly number[] | undefined;
  departmentIds?: readonly number[] | undefined;
  targetGroupIds?: readonly number[] | undefined;
  materials?: readonly { materialTypeId: number }[] | undefined;
}

type Tx = Prisma.TransactionClient;

interface FoundReferences {
  is_township: boolean;
  campaigns: number[];
  villages: number[];
  categories: string[];
  forms: number[];
  laws: number[];
  departments: number[];
  groups: number[];
  material_types: number[];
}

function missing<T>(wanted: readonly T[] | undefined, found: readonly T[]): T[] {
  const present = new Set(found);
  return [...new Set(wanted ?? [])].filter((id) => !present.has(id));
}

/** Every id the event names, looked up in one statement (it was nine, one after another). */
export async function findInvalidReferences(tx: Tx, refs: EventReferences): Promise<FieldError[]> {
  const { townshipId } = refs;
  const list = <T>(values: readonly T[] | undefined) => [...(values ?? [])];
  const [found] = await tx.$queryRaw<FoundReferences[]>`
    SELECT EXISTS (SELECT 1 FROM org_unit WHERE id = ${townshipId} AND level = 'township') AS is_township,
           ARRAY(SELECT id FROM campaign WHERE id = ANY(${refs.campaignId ? [refs.campaignId] : []}::int[]) AND (township_id IS NULL OR township_id = ${townshipId})) AS campaigns,
           ARRAY(SELECT id FROM org_unit WHERE id = ANY(${list(refs.villageIds)}::int[]) AND parent_id = ${townshipId} AND level = 'village') AS villages,
           ARRAY(SELECT code::text FROM six_into_category WHERE code = ANY(${list(refs.sixInto)}::text[])) AS categories,
           ARRAY(SELECT id FROM activity_form WHERE id = ANY(${list(refs.formIds)}::int[])) AS forms,
           ARRAY(SELECT id FROM law WHERE id = ANY(${list(refs.lawIds)}::int[])) AS laws,
           ARRAY(SELECT id FROM department WHERE id = ANY(${list(refs.departmentIds)}::int[]) AND township_id = ${townshipId}) AS departments,
           ARRAY(SELECT id FROM target_group WHERE id = ANY(${list(refs.targetGroupIds)}::int[])) AS groups,
           ARRAY(SELECT id FROM material_type WHERE id = ANY(${(refs.materials ?? []).map((m) => m.materialTypeId)}::int[])) AS material_types`;
  const errors: FieldError[] = [];
  const report = (field: string, bad: readonly (number | string)[]) => {
    if (bad.length > 0) errors.push(fieldError([field], REFERENCE_MESSAGES.unknownIds(bad)));
  };
  if (!found?.is_township) {
    report('townshipId', [townshipId]);
    return errors; // everything else is judged against the township
  }
  if (refs.campaignId) report('campaignId', missing([refs.campaignId], found.campaigns));
  report('villageIds', missing(refs.villageIds, found.villages));
  report('sixInto', missing(refs.sixInto, found.categories));
  report('formIds', missing(refs.formIds, found.forms));
  report('lawIds', missing(refs.lawIds, found.laws));
  report('departmentIds', missing(refs.departmentIds, found.departments));
  report('targetGroupIds', missing(refs.targetGroupIds, found.groups));
  report('materials', missing(refs.materials?.map((m) => m.materialTypeId), found.material_types));
  return errors;
}
