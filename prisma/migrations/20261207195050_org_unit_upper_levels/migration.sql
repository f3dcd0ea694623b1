-- Issue 20: cities (市) and provinces (省) above the county. Every existing row keeps its level,
-- parent and figures, and a county without a parent works exactly as before.
-- The new values go before 'county', so the enum's order is the tree's order, top first.
-- (No semicolon may appear inside a statement or a comment: the offline migrator splits at each.)
ALTER TYPE "OrgUnitLevel" ADD VALUE IF NOT EXISTS 'province' BEFORE 'county';
ALTER TYPE "OrgUnitLevel" ADD VALUE IF NOT EXISTS 'city' BEFORE 'county';

-- A unit and everything below it, at any depth: the one definition of a subtree, used by the
-- session (the townships of a user), the user and org-unit scope, and the stats of an upper unit.
CREATE FUNCTION pufa_org_subtree(root integer) RETURNS TABLE (id integer, level "OrgUnitLevel")
LANGUAGE sql STABLE AS $$
  WITH RECURSIVE tree AS (
    SELECT o.id, o.level FROM org_unit o WHERE o.id = root
    UNION ALL
    SELECT c.id, c.level FROM org_unit c JOIN tree t ON c.parent_id = t.id
  )
  SELECT tree.id, tree.level FROM tree
$$;
