-- Issue 20: every unit's subtree and ancestors as rows (a closure table) instead of a recursive
-- walk per use. A province's stats asked for its subtree up to five times per request (townships in
-- scope, villages in scope, the units of the breakdown's level), each a recursive walk over ~16,000
-- units that the planner also had to plan: 23 ms of planning and 14-23 ms of execution for a
-- county's year by township on the 1 M-event province set, against 3 ms and 4 ms from this table
-- (docs/performance.md). pufa_org_subtree and pufa_org_ancestors keep their signatures and meaning,
-- so every scope check, the session's townships and the roll-up by level read it unchanged.
-- Kept by row triggers on org_unit in the same statement: a new unit gets its ancestors' rows, a
-- moved unit's whole subtree changes ancestors (these AFTER ROW triggers fire before the
-- statement-level org_unit_moved trigger that recounts the roll-up by level from the new tree),
-- a level change is copied, a deleted unit takes its rows with it.
-- Function bodies are U& literals whose semicolons are written as \003B: the offline migrator
-- splits a script at every semicolon (see auth_change_notifications). No semicolon in comments.

-- CreateTable
CREATE TABLE "org_unit_closure" (
    "ancestor_id" INTEGER NOT NULL,
    "descendant_id" INTEGER NOT NULL,
    "depth" INTEGER NOT NULL,
    "level" "OrgUnitLevel" NOT NULL,

    CONSTRAINT "org_unit_closure_pkey" PRIMARY KEY ("ancestor_id","level","descendant_id")
);

-- CreateIndex
CREATE INDEX "org_unit_closure_descendant_id_idx" ON "org_unit_closure"("descendant_id");

-- Every existing unit with itself (depth 0) and each unit above it.
INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth, level)
WITH RECURSIVE up AS (
  SELECT o.id AS descendant_id, o.id AS ancestor_id, 0 AS depth, o.level FROM org_unit o
  UNION ALL
  SELECT up.descendant_id, p.parent_id, up.depth + 1, up.level FROM up JOIN org_unit p ON p.id = up.ancestor_id WHERE p.parent_id IS NOT NULL
)
SELECT ancestor_id, descendant_id, depth, level FROM up;

CREATE FUNCTION pufa_org_closure_insert() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth, level) VALUES (NEW.id, NEW.id, 0, NEW.level)\003B IF NEW.parent_id IS NOT NULL THEN INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth, level) SELECT a.ancestor_id, NEW.id, a.depth + 1, NEW.level FROM org_unit_closure a WHERE a.descendant_id = NEW.parent_id\003B END IF\003B RETURN NULL\003B END';
CREATE TRIGGER org_unit_closure_insert AFTER INSERT ON org_unit
  FOR EACH ROW EXECUTE FUNCTION pufa_org_closure_insert();

CREATE FUNCTION pufa_org_closure_update() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN IF NEW.level IS DISTINCT FROM OLD.level THEN UPDATE org_unit_closure SET level = NEW.level WHERE descendant_id = NEW.id\003B END IF\003B IF NEW.parent_id IS DISTINCT FROM OLD.parent_id THEN DELETE FROM org_unit_closure c WHERE c.descendant_id IN (SELECT s.descendant_id FROM org_unit_closure s WHERE s.ancestor_id = NEW.id) AND c.ancestor_id NOT IN (SELECT s.descendant_id FROM org_unit_closure s WHERE s.ancestor_id = NEW.id)\003B IF NEW.parent_id IS NOT NULL THEN INSERT INTO org_unit_closure (ancestor_id, descendant_id, depth, level) SELECT a.ancestor_id, d.descendant_id, a.depth + 1 + d.depth, d.level FROM org_unit_closure a CROSS JOIN org_unit_closure d WHERE a.descendant_id = NEW.parent_id AND d.ancestor_id = NEW.id\003B END IF\003B END IF\003B RETURN NULL\003B END';
CREATE TRIGGER org_unit_closure_update AFTER UPDATE OF parent_id, level ON org_unit
  FOR EACH ROW EXECUTE FUNCTION pufa_org_closure_update();

CREATE FUNCTION pufa_org_closure_delete() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN DELETE FROM org_unit_closure WHERE descendant_id = OLD.id OR ancestor_id = OLD.id\003B RETURN NULL\003B END';
CREATE TRIGGER org_unit_closure_delete AFTER DELETE ON org_unit
  FOR EACH ROW EXECUTE FUNCTION pufa_org_closure_delete();

-- The same two functions as before (migrations org_unit_upper_levels, stats_rollup_by_level), now
-- an index scan: a unit and everything below it, and the units above a unit, nearest first.
CREATE OR REPLACE FUNCTION pufa_org_subtree(root integer) RETURNS TABLE (id integer, level "OrgUnitLevel")
LANGUAGE sql STABLE AS $$
  SELECT c.descendant_id, c.level FROM org_unit_closure c WHERE c.ancestor_id = root
$$;

CREATE OR REPLACE FUNCTION pufa_org_ancestors(unit integer) RETURNS TABLE (id integer)
LANGUAGE sql STABLE AS $$
  SELECT c.ancestor_id FROM org_unit_closure c WHERE c.descendant_id = unit AND c.depth > 0 ORDER BY c.depth
$$;
