-- The period lock covers evidence files too: while a township's month (or its year) is
-- submitted or approved, no file of an event dated in it may be added, deleted, restored,
-- re-captioned or reordered, whichever path writes it (the API, an SQL console). The sign-in
-- sheet and photos the county approved stay as they were approved.
-- The check is the events' own (pufa_check_period_open, migration 'submissions'): the same
-- shared advisory lock per (township, period), so a submit and an upload take turns, and the
-- same SQLSTATE PF001 with "period status" as its detail, answered 409 with the reason.
-- Files of a deleted event (or of one being purged, whose row is already gone) are not checked:
-- a deleted event counts nowhere and shows nowhere.
-- The body is a U& literal with statement separators written as \003B (the offline migration
-- driver splits scripts at every semicolon, see 20261127220600_auth_change_notifications).
CREATE FUNCTION pufa_event_file_period_lock() RETURNS trigger LANGUAGE plpgsql
  AS U&'DECLARE target integer\003B ev record\003B BEGIN
    IF TG_OP = ''DELETE'' THEN target := OLD.event_id\003B ELSE target := NEW.event_id\003B END IF\003B
    SELECT township_id, start_date INTO ev FROM event WHERE id = target AND deleted_at IS NULL\003B
    IF FOUND THEN
      PERFORM pufa_check_period_open(ev.township_id, ev.start_date)\003B
    END IF\003B
    IF TG_OP = ''UPDATE'' AND NEW.event_id <> OLD.event_id THEN
      SELECT township_id, start_date INTO ev FROM event WHERE id = OLD.event_id AND deleted_at IS NULL\003B
      IF FOUND THEN
        PERFORM pufa_check_period_open(ev.township_id, ev.start_date)\003B
      END IF\003B
    END IF\003B
    IF TG_OP = ''DELETE'' THEN RETURN OLD\003B END IF\003B
    RETURN NEW\003B
  END';

CREATE TRIGGER event_file_period_lock BEFORE INSERT OR UPDATE OR DELETE ON event_file
  FOR EACH ROW EXECUTE FUNCTION pufa_event_file_period_lock();
