-- The big screen (/screen) follows every saved event live: each API process LISTENs on
-- pufa_event_changed and tells the screens whose scope holds the township in the payload
-- (apps/api/src/screen/). One notification per township and transaction: PostgreSQL folds
-- identical payloads of a transaction into one, so an import of 10,000 rows sends one. An
-- update that moves an event between townships tells both. Delivered at commit only.
--
-- The body is a U& literal with its semicolons written as \003B (see migration
-- 20261127220600_auth_change_notifications: the offline migrator splits scripts at semicolons).
CREATE FUNCTION pufa_notify_event_changed() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN IF TG_OP <> ''INSERT'' THEN PERFORM pg_notify(''pufa_event_changed'', OLD.township_id::text)\003B END IF\003B IF TG_OP <> ''DELETE'' THEN PERFORM pg_notify(''pufa_event_changed'', NEW.township_id::text)\003B END IF\003B RETURN NULL\003B END';

CREATE TRIGGER event_changed AFTER INSERT OR UPDATE OR DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION pufa_notify_event_changed();
