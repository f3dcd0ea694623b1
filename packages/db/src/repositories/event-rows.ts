// Whole events by id in one statement: the event and its seven lists as
// arrays, in the shapes toEventJson gives. Reading a page, or a batch of an
// export, through Prisma's include cost nine queries and an object per list
// row; this is one round trip and one row per event.
import type { Event } from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Db = PrismaClient | Prisma.TransactionClient;

interface EventRow {
  id: number;
  start_date: string;
  end_date: string | null;
  title: string;
  township_id: number;
  campaign_id: number | null;
  location: string;
  audience: number;
  consultations: number;
  notes: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  village_ids: number[];
  six_into: string[];
  form_ids: number[];
  law_ids: number[];
  department_ids: number[];
  target_group_ids: number[];
  material_type_ids: number[];
  material_quantities: number[];
}

/** The events with these ids (deleted ones too: the caller chose the ids), in the order of `ids`. */
export async function readEventsByIds(db: Db, ids: readonly number[]): Promise<Event[]> {
  if (ids.length === 0) return [];
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT e.id, to_char(e.start_date, 'YYYY-MM-DD') AS start_date, to_char(e.end_date, 'YYYY-MM-DD') AS end_date,
           e.title, e.township_id, e.campaign_id, e.location, e.audience, e.consultations, e.notes, e.version, e.created_at, e.updated_at,
           ARRAY(SELECT x.village_id FROM event_village x WHERE x.event_id = e.id ORDER BY 1) AS village_ids,
           -- 六进 in the catalog's order (机关, 乡村, 社区…), as people list them
           ARRAY(SELECT x.category_code::text FROM event_six_into x JOIN six_into_category c ON c.code = x.category_code
                 WHERE x.event_id = e.id ORDER BY c.sort_order) AS six_into,
           ARRAY(SELECT x.form_id FROM event_form x WHERE x.event_id = e.id ORDER BY 1) AS form_ids,
           ARRAY(SELECT x.law_id FROM event_law x WHERE x.event_id = e.id ORDER BY 1) AS law_ids,
           ARRAY(SELECT x.department_id FROM event_department x WHERE x.event_id = e.id ORDER BY 1) AS department_ids,
           ARRAY(SELECT x.target_group_id FROM event_target_group x WHERE x.event_id = e.id ORDER BY 1) AS target_group_ids,
           ARRAY(SELECT x.material_type_id FROM event_material x WHERE x.event_id = e.id ORDER BY 1) AS material_type_ids,
           ARRAY(SELECT x.quantity FROM event_material x WHERE x.event_id = e.id ORDER BY x.material_type_id) AS material_quantities
    FROM event e
    WHERE e.id = ANY(${ids as number[]}::int[])`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toEvent(row)] : [];
  });
}

function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    startDate: row.start_date,
    endDate: row.end_date,
    title: row.title,
    townshipId: row.township_id,
    campaignId: row.campaign_id,
    location: row.location,
    villageIds: row.village_ids,
    sixInto: row.six_into,
    formIds: row.form_ids,
    lawIds: row.law_ids,
    departmentIds: row.department_ids,
    targetGroupIds: row.target_group_ids,
    audience: row.audience,
    consultations: row.consultations,
    materials: row.material_type_ids.map((materialTypeId, i) => ({ materialTypeId, quantity: row.material_quantities[i]! })),
    notes: row.notes,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
