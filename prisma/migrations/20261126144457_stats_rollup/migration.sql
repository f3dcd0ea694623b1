-- CreateTable
CREATE TABLE "event_stats_monthly" (
    "township_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "dimension" VARCHAR(16) NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "activities" INTEGER NOT NULL,
    "leaflets" BIGINT NOT NULL,
    "audience" BIGINT NOT NULL,
    "consultations" BIGINT NOT NULL,
    "quantity" BIGINT NOT NULL,

    CONSTRAINT "event_stats_monthly_pkey" PRIMARY KEY ("township_id","dimension","month","key")
);

-- CreateIndex
CREATE INDEX "event_stats_monthly_dimension_month_idx" ON "event_stats_monthly"("dimension", "month");

-- Backfill from the events already stored (same statement as REBUILD_ROLLUP_SQL in packages/db/src/stats/rollup.ts).
WITH ev AS (
  SELECT e.id, e.township_id, date_trunc('month', e.start_date)::date AS month, e.campaign_id, e.audience, e.consultations,
         COALESCE((SELECT sum(m.quantity) FROM event_material m JOIN material_type t ON t.id = m.material_type_id
                   WHERE m.event_id = e.id AND t.counts_as_leaflet), 0) AS leaflets
  FROM event e WHERE e.deleted_at IS NULL
), contributions AS (
  SELECT township_id, month, 'total' AS dimension, '' AS key, leaflets, audience, consultations, 0 AS quantity FROM ev
  UNION ALL SELECT township_id, month, 'campaign', COALESCE(campaign_id::text, 'none'), leaflets, audience, consultations, 0 FROM ev
  UNION ALL SELECT ev.township_id, ev.month, 'village', x.village_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_village x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'sixInto', x.category_code, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_six_into x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'department', x.department_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_department x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'form', x.form_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_form x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'law', x.law_id::text, ev.leaflets, ev.audience, ev.consultations, 0 FROM ev JOIN event_law x ON x.event_id = ev.id
  UNION ALL SELECT ev.township_id, ev.month, 'materialType', x.material_type_id::text, CASE WHEN t.counts_as_leaflet THEN x.quantity ELSE 0 END,
                   ev.audience, ev.consultations, x.quantity
            FROM ev JOIN event_material x ON x.event_id = ev.id JOIN material_type t ON t.id = x.material_type_id
)
INSERT INTO event_stats_monthly (township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity)
SELECT township_id, month, dimension, key, count(*), sum(leaflets), sum(audience), sum(consultations), sum(quantity)
FROM contributions GROUP BY township_id, month, dimension, key;
