-- Issue 20: the stats roll-up per unit above the township (county, city, province), so a city's or
-- a province's year reads its own rows instead of every township's. Kept exact by triggers:
-- whatever writes event_stats_monthly (an event's create, edit, delete or restore, an import and
-- its undo) changes the rows of every unit above that township in the same statement, hence in
-- the same transaction. A unit moved to another parent recounts this table from the townships'
-- rows. The roll-up's full rebuild (a leaflet rule changed) sets pufa.rollup_rebuild and recounts
-- this table once afterwards (packages/db/src/stats/rollup.ts) instead of row by row.
-- Besides the monthly rows, a unit has a row per year and village reached (dimension villageYear,
-- month = 1 January): a year's villages reached is then a count of those rows, not a distinct
-- count over every month's village rows (105,000 rows for a province's year in the benchmark).
-- Function bodies are U& literals whose semicolons are written as \003B: the offline migrator
-- splits a script at every semicolon (see auth_change_notifications). No semicolon in comments.

-- CreateTable
CREATE TABLE "event_stats_unit_monthly" (
    "unit_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "dimension" VARCHAR(16) NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "activities" INTEGER NOT NULL,
    "leaflets" BIGINT NOT NULL,
    "audience" BIGINT NOT NULL,
    "consultations" BIGINT NOT NULL,
    "quantity" BIGINT NOT NULL,

    CONSTRAINT "event_stats_unit_monthly_pkey" PRIMARY KEY ("unit_id","dimension","month","key")
);


-- The units above a unit, nearest first (a township: its county, city, province).
CREATE FUNCTION pufa_org_ancestors(unit integer) RETURNS TABLE (id integer)
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE up AS (
    SELECT o.parent_id AS id FROM org_unit o WHERE o.id = unit AND o.parent_id IS NOT NULL
    UNION ALL
    SELECT o.parent_id FROM org_unit o JOIN up ON o.id = up.id WHERE o.parent_id IS NOT NULL
  )
  SELECT up.id FROM up
$$;

CREATE FUNCTION pufa_rollup_units_apply() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN IF current_setting(''pufa.rollup_rebuild'', true) = ''on'' THEN RETURN NULL\003B END IF\003B IF TG_OP = ''INSERT'' THEN INSERT INTO event_stats_unit_monthly AS s (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity) SELECT a.id, d.month, d.dimension, d.key, sum(d.activities), sum(d.leaflets), sum(d.audience), sum(d.consultations), sum(d.quantity) FROM (SELECT * FROM (SELECT township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity FROM new_rows) x UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key, activities, leaflets, audience, consultations, quantity FROM (SELECT township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity FROM new_rows) y WHERE dimension = ''village'') d CROSS JOIN LATERAL pufa_org_ancestors(d.township_id) a GROUP BY a.id, d.dimension, d.month, d.key ORDER BY a.id, d.dimension, d.month, d.key ON CONFLICT (unit_id, dimension, month, key) DO UPDATE SET activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience, consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity\003B ELSIF TG_OP = ''DELETE'' THEN INSERT INTO event_stats_unit_monthly AS s (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity) SELECT a.id, d.month, d.dimension, d.key, sum(d.activities), sum(d.leaflets), sum(d.audience), sum(d.consultations), sum(d.quantity) FROM (SELECT * FROM (SELECT township_id, month, dimension, key, -activities AS activities, -leaflets AS leaflets, -audience AS audience, -consultations AS consultations, -quantity AS quantity FROM old_rows) x UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key, activities, leaflets, audience, consultations, quantity FROM (SELECT township_id, month, dimension, key, -activities AS activities, -leaflets AS leaflets, -audience AS audience, -consultations AS consultations, -quantity AS quantity FROM old_rows) y WHERE dimension = ''village'') d CROSS JOIN LATERAL pufa_org_ancestors(d.township_id) a GROUP BY a.id, d.dimension, d.month, d.key ORDER BY a.id, d.dimension, d.month, d.key ON CONFLICT (unit_id, dimension, month, key) DO UPDATE SET activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience, consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity\003B DELETE FROM event_stats_unit_monthly u USING (SELECT DISTINCT a.id, o.month, o.dimension, o.key FROM (SELECT township_id, month, dimension, key FROM old_rows UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key FROM old_rows WHERE dimension = ''village'') o CROSS JOIN LATERAL pufa_org_ancestors(o.township_id) a) z WHERE u.unit_id = z.id AND u.month = z.month AND u.dimension = z.dimension AND u.key = z.key AND u.activities = 0\003B ELSE INSERT INTO event_stats_unit_monthly AS s (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity) SELECT a.id, d.month, d.dimension, d.key, sum(d.activities), sum(d.leaflets), sum(d.audience), sum(d.consultations), sum(d.quantity) FROM (SELECT * FROM (SELECT township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity FROM new_rows UNION ALL SELECT township_id, month, dimension, key, -activities AS activities, -leaflets AS leaflets, -audience AS audience, -consultations AS consultations, -quantity AS quantity FROM old_rows) x UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key, activities, leaflets, audience, consultations, quantity FROM (SELECT township_id, month, dimension, key, activities, leaflets, audience, consultations, quantity FROM new_rows UNION ALL SELECT township_id, month, dimension, key, -activities AS activities, -leaflets AS leaflets, -audience AS audience, -consultations AS consultations, -quantity AS quantity FROM old_rows) y WHERE dimension = ''village'') d CROSS JOIN LATERAL pufa_org_ancestors(d.township_id) a GROUP BY a.id, d.dimension, d.month, d.key ORDER BY a.id, d.dimension, d.month, d.key ON CONFLICT (unit_id, dimension, month, key) DO UPDATE SET activities = s.activities + EXCLUDED.activities, leaflets = s.leaflets + EXCLUDED.leaflets, audience = s.audience + EXCLUDED.audience, consultations = s.consultations + EXCLUDED.consultations, quantity = s.quantity + EXCLUDED.quantity\003B DELETE FROM event_stats_unit_monthly u USING (SELECT DISTINCT a.id, o.month, o.dimension, o.key FROM (SELECT township_id, month, dimension, key FROM old_rows UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key FROM old_rows WHERE dimension = ''village'') o CROSS JOIN LATERAL pufa_org_ancestors(o.township_id) a) z WHERE u.unit_id = z.id AND u.month = z.month AND u.dimension = z.dimension AND u.key = z.key AND u.activities = 0\003B END IF\003B RETURN NULL\003B END';

CREATE TRIGGER event_stats_units_insert AFTER INSERT ON event_stats_monthly
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pufa_rollup_units_apply();
CREATE TRIGGER event_stats_units_update AFTER UPDATE ON event_stats_monthly
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pufa_rollup_units_apply();
CREATE TRIGGER event_stats_units_delete AFTER DELETE ON event_stats_monthly
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION pufa_rollup_units_apply();

-- The whole table again from the townships' rows: a unit moved to another parent.
CREATE FUNCTION pufa_rollup_units_rebuild() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN DELETE FROM event_stats_unit_monthly\003B INSERT INTO event_stats_unit_monthly (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity) SELECT a.id, r.month, r.dimension, r.key, sum(r.activities), sum(r.leaflets), sum(r.audience), sum(r.consultations), sum(r.quantity) FROM (SELECT * FROM event_stats_monthly UNION ALL SELECT township_id, date_trunc(''year'', month)::date, ''villageYear'', key, activities, leaflets, audience, consultations, quantity FROM event_stats_monthly WHERE dimension = ''village'') r CROSS JOIN LATERAL pufa_org_ancestors(r.township_id) a GROUP BY a.id, r.month, r.dimension, r.key\003B RETURN NULL\003B END';

CREATE TRIGGER org_unit_moved AFTER UPDATE OF parent_id ON org_unit
  FOR EACH STATEMENT EXECUTE FUNCTION pufa_rollup_units_rebuild();

-- Every existing figure, counted once now.
INSERT INTO event_stats_unit_monthly (unit_id, month, dimension, key, activities, leaflets, audience, consultations, quantity) SELECT a.id, r.month, r.dimension, r.key, sum(r.activities), sum(r.leaflets), sum(r.audience), sum(r.consultations), sum(r.quantity) FROM (SELECT * FROM event_stats_monthly UNION ALL SELECT township_id, date_trunc('year', month)::date, 'villageYear', key, activities, leaflets, audience, consultations, quantity FROM event_stats_monthly WHERE dimension = 'village') r CROSS JOIN LATERAL pufa_org_ancestors(r.township_id) a GROUP BY a.id, r.month, r.dimension, r.key;
