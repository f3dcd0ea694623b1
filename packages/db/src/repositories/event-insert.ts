// An event's create in one statement: the reference checks as a guard, the
// event and its seven lists, its roll-up rows and its audit row, all or nothing
// (one statement is one transaction). A create was 31 statements in an
// interactive transaction, each waiting for the one before; the API spent most
// of its time in round trips and Prisma's transaction machinery.
import { rollupMonth, statContributions, type Event, type EventCreate } from '@pufa/domain';
import { Prisma } from '../generated/prisma/client.ts';
import type { Actor } from '../auth/actor.ts';
import type { StatementRunner } from '../statements.ts';

interface InsertedRow {
  id: number;
  created_at: Date;
  updated_at: Date;
  six_into: string[];
}

const ascending = (a: number, b: number) => a - b;
/** to_char's pattern for what Date.toISOString() writes. */
const ISO_TIMESTAMP = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/**
 * Creates the event, or returns null when a reference does not check out (the
 * caller then asks findInvalidReferences which one, for the field errors).
 */
/**
 * An event as it will be stored, before the database gives it an id and
 * timestamps: defaults filled in, lists in toEventJson's order (ids ascending;
 * 六进 as given, the caller orders them by the catalog).
 */
export function unsavedEvent(input: EventCreate): Omit<Event, 'id' | 'createdAt' | 'updatedAt'> {
  return {
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    title: input.title,
    townshipId: input.townshipId,
    campaignId: input.campaignId ?? null,
    location: input.location ?? '',
    villageIds: [...(input.villageIds ?? [])].sort(ascending),
    sixInto: [...(input.sixInto ?? [])],
    formIds: [...(input.formIds ?? [])].sort(ascending),
    lawIds: [...(input.lawIds ?? [])].sort(ascending),
    departmentIds: [...(input.departmentIds ?? [])].sort(ascending),
    targetGroupIds: [...(input.targetGroupIds ?? [])].sort(ascending),
    audience: input.audience ?? 0,
    consultations: input.consultations ?? 0,
    materials: (input.materials ?? []).map(({ materialTypeId, quantity }) => ({ materialTypeId, quantity })).sort((a, b) => a.materialTypeId - b.materialTypeId),
    notes: input.notes ?? '',
    version: 1,
  };
}

export async function insertEvent(statements: StatementRunner, actor: Actor, input: EventCreate): Promise<Event | null> {
  // The stored event but for what the database gives it (id, timestamps) and the catalog's order of 六进.
  const unsaved = unsavedEvent(input);
  const { villageIds, sixInto, formIds, lawIds, departmentIds, targetGroupIds, materials } = unsaved;
  // Which roll-up rows the event adds to is the domain's rule; how many of its
  // materials are leaflets is read from material_type in the statement itself.
  const contributions = statContributions(unsaved, new Map());
  const typeIds = materials.map((m) => m.materialTypeId);
  const [row] = await statements.run<InsertedRow>('pufa_insert_event', Prisma.sql`
    WITH valid AS (
      SELECT EXISTS (SELECT 1 FROM org_unit WHERE id = ${unsaved.townshipId} AND level = 'township')
         AND (${unsaved.campaignId}::int IS NULL OR EXISTS (SELECT 1 FROM campaign WHERE id = ${unsaved.campaignId}::int AND (township_id IS NULL OR township_id = ${unsaved.townshipId})))
         AND (SELECT count(*) FROM org_unit WHERE id = ANY(${villageIds}::int[]) AND parent_id = ${unsaved.townshipId} AND level = 'village') = cardinality(${villageIds}::int[])
         AND (SELECT count(*) FROM six_into_category WHERE code = ANY(${sixInto}::text[])) = cardinality(${sixInto}::text[])
         AND (SELECT count(*) FROM activity_form WHERE id = ANY(${formIds}::int[])) = cardinality(${formIds}::int[])
         AND (SELECT count(*) FROM law WHERE id = ANY(${lawIds}::int[])) = cardinality(${lawIds}::int[])
         AND (SELECT count(*) FROM department WHERE id = ANY(${departmentIds}::int[]) AND township_id = ${unsaved.townshipId}) = cardinality(${departmentIds}::int[])
         AND (SELECT count(*) FROM target_group WHERE id = ANY(${targetGroupIds}::int[])) = cardinality(${targetGroupIds}::int[])
         AND (SELECT count(*) FROM material_type WHERE id = ANY(${typeIds}::int[])) = cardinality(${typeIds}::int[]) AS ok
    ), e AS (
      INSERT INTO event (township_id, campaign_id, start_date, end_date, title, location, audience, consultations, notes, updated_at)
      SELECT ${unsaved.townshipId}, ${unsaved.campaignId}::int, ${unsaved.startDate}::date, ${unsaved.endDate}::date, ${unsaved.title},
             ${unsaved.location}, ${unsaved.audience}, ${unsaved.consultations}, ${unsaved.notes}, now()
      FROM valid WHERE valid.ok
      RETURNING id, created_at, updated_at
    ), villages AS (
      INSERT INTO event_village (event_id, village_id) SELECT e.id, x FROM e, unnest(${villageIds}::int[]) AS x
    ), six_into AS (
      INSERT INTO event_six_into (event_id, category_code) SELECT e.id, x FROM e, unnest(${sixInto}::text[]) AS x
    ), forms AS (
      INSERT INTO event_form (event_id, form_id) SELECT e.id, x FROM e, unnest(${formIds}::int[]) AS x
    ), laws AS (
      INSERT INTO event_law (event_id, law_id) SELECT e.id, x FROM e, unnest(${lawIds}::int[]) AS x
    ), departments AS (
      INSERT INTO event_department (event_id, department_id) SELECT e.id, x FROM e, unnest(${departmentIds}::int[]) AS x
    ), groups AS (
      INSERT INTO event_target_group (event_id, target_group_id) SELECT e.id, x FROM e, unnest(${targetGroupIds}::int[]) AS x
    ), materials AS (
      INSERT INTO event_material (event_id, material_type_id, quantity)
      SELECT e.id, m.type_id, m.quantity FROM e, unnest(${typeIds}::int[], ${materials.map((m) => m.quantity)}::int[]) AS m(type_id, quantity)
    ), leaflets AS (
      -- counting rule (docs/counting-rules.md): the quantities of the material types that count as 宣传资料
      SELECT COALESCE(sum(m.quantity) FILTER (WHERE t.counts_as_leaflet), 0)::bigint AS total
      FROM unnest(${typeIds}::int[], ${materials.map((m) => m.quantity)}::int[]) AS m(type_id, quantity) JOIN material_type t ON t.id = m.type_id
    ), rollup AS (
      -- rows in key order, as applyToRollup writes them: two creates lock shared rows in the same order
      INSERT INTO event_stats_monthly AS s (township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
      SELECT ${unsaved.townshipId}, ${rollupMonth(unsaved.startDate)}::date, c.dimension, c.key, 1,
             CASE WHEN c.dimension = 'materialType' THEN (CASE WHEN t.counts_as_leaflet THEN c.quantity ELSE 0 END) ELSE leaflets.total END,
             ${unsaved.audience}, ${unsaved.consultations}, c.quantity
      FROM e, leaflets,
           unnest(${contributions.map((c) => c.dimension)}::text[], ${contributions.map((c) => c.key)}::text[], ${contributions.map((c) => c.quantity)}::bigint[])
             AS c(dimension, key, quantity)
           LEFT JOIN material_type t ON c.dimension = 'materialType' AND t.id::text = c.key
      ORDER BY c.dimension, c.key
      ON CONFLICT (township_id, dimension, month, key) DO UPDATE SET
        activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience,
        consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity
    ), ordered_six_into AS (
      -- 六进 in the catalog's order (机关, 乡村, 社区…), as people list them
      SELECT ARRAY(SELECT code::text FROM six_into_category WHERE code = ANY(${sixInto}::text[]) ORDER BY sort_order) AS codes
    ), audit AS (
      INSERT INTO audit_log (user_id, action, entity, entity_id, township_id, after)
      SELECT ${actor.userId}::int, 'create', 'event', e.id::text, ${unsaved.townshipId},
             ${JSON.stringify(unsaved)}::jsonb || jsonb_build_object('id', e.id, 'sixInto', to_jsonb(o.codes),
               'createdAt', to_char(e.created_at AT TIME ZONE 'UTC', ${ISO_TIMESTAMP}), 'updatedAt', to_char(e.updated_at AT TIME ZONE 'UTC', ${ISO_TIMESTAMP}))
      FROM e, ordered_six_into o
    )
    SELECT e.id, e.created_at, e.updated_at, o.codes AS six_into FROM e, ordered_six_into o`);
  if (!row) return null;
  return { id: row.id, ...unsaved, sixInto: row.six_into, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}
