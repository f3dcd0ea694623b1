-- Each API process keeps signed-in sessions in memory (packages/db/src/repositories/session-repository.ts)
-- and forgets them all when this channel says that sessions, users or org units changed: a
-- sign-out, a disabled user, a new role or a new township is seen by every process, whichever
-- process (or SQL console) made the change. NOTIFY is delivered at commit, once per statement.
--
-- The function body is a U& literal whose statement separators are written as \003B: the pg
-- driver adapter that applies migrations offline splits a script at every semicolon, which
-- would cut a dollar-quoted body. (Rules would need no body, but they forbid INSERT ... ON CONFLICT.)
CREATE FUNCTION pufa_notify_auth_changed() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN PERFORM pg_notify(''pufa_auth_changed'', TG_TABLE_NAME)\003B RETURN NULL\003B END';

CREATE TRIGGER session_changed AFTER DELETE OR UPDATE OF user_id, expires_at ON session
  FOR EACH STATEMENT EXECUTE FUNCTION pufa_notify_auth_changed();

CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user
  FOR EACH STATEMENT EXECUTE FUNCTION pufa_notify_auth_changed();

CREATE TRIGGER org_unit_changed AFTER INSERT OR UPDATE OR DELETE ON org_unit
  FOR EACH STATEMENT EXECUTE FUNCTION pufa_notify_auth_changed();
