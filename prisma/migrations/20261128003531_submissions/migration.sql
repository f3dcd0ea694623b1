-- CreateTable
CREATE TABLE "reporting_setting" (
    "county_id" INTEGER NOT NULL,
    "month_due_day" INTEGER NOT NULL DEFAULT 5,
    "year_due_month" INTEGER NOT NULL DEFAULT 3,
    "year_due_day" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reporting_setting_pkey" PRIMARY KEY ("county_id")
);

-- CreateTable
CREATE TABLE "submission" (
    "id" SERIAL NOT NULL,
    "township_id" INTEGER NOT NULL,
    "period" VARCHAR(7) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "note" VARCHAR(1000) NOT NULL DEFAULT '',
    "return_reason" VARCHAR(1000) NOT NULL DEFAULT '',
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,
    "submitted_by_id" INTEGER,
    "reviewed_at" TIMESTAMPTZ(3),
    "reviewed_by_id" INTEGER,

    CONSTRAINT "submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "submission_township_id_period_key" ON "submission"("township_id", "period");

-- AddForeignKey
ALTER TABLE "reporting_setting" ADD CONSTRAINT "reporting_setting_county_id_fkey" FOREIGN KEY ("county_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "submission" ADD CONSTRAINT "submission_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The period lock: while a township's month (or its year) is submitted or approved, no event
-- dated in it may be created, changed, deleted or restored, whichever path writes it (the
-- form, the one-statement create, an import, undo, an SQL console). A write takes a shared
-- advisory lock per (township, period) it touches: the month and the year of the event's start
-- date, before and after the change. A submit takes the same lock exclusively, so a submit and
-- a write of the same period take turns under READ COMMITTED and cannot both succeed.
-- A refused write raises SQLSTATE PF001 with "period status" as its detail, which the API
-- answers with 409 and the reason (apps/api/src/database-errors.ts).
-- Deleted events count nowhere, so changing one is not a change of figures.
-- The bodies are U& literals with statement separators written as \003B (the offline
-- migration driver splits scripts at every semicolon, see 20261127220600_auth_change_notifications).
CREATE FUNCTION pufa_period_lock_key(day date, whole_year boolean) RETURNS integer LANGUAGE sql IMMUTABLE
  AS 'SELECT (extract(year FROM day) * 100 + CASE WHEN whole_year THEN 0 ELSE extract(month FROM day) END)::integer';

CREATE FUNCTION pufa_check_period_open(township integer, day date) RETURNS void LANGUAGE plpgsql
  AS U&'DECLARE locked record\003B BEGIN
    PERFORM pg_advisory_xact_lock_shared(township, pufa_period_lock_key(day, false))\003B
    PERFORM pg_advisory_xact_lock_shared(township, pufa_period_lock_key(day, true))\003B
    SELECT period, status INTO locked FROM submission
      WHERE township_id = township AND period IN (to_char(day, ''YYYY-MM''), to_char(day, ''YYYY''))
        AND status IN (''submitted'', ''approved'')
      ORDER BY length(period) LIMIT 1\003B
    IF FOUND THEN
      RAISE EXCEPTION ''period % is %'', locked.period, locked.status
        USING ERRCODE = ''PF001'', DETAIL = locked.period || '' '' || locked.status\003B
    END IF\003B
  END';

CREATE FUNCTION pufa_event_period_lock() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN
    IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD.deleted_at IS NULL THEN
      PERFORM pufa_check_period_open(OLD.township_id, OLD.start_date)\003B
    END IF\003B
    IF TG_OP IN (''INSERT'', ''UPDATE'') AND NEW.deleted_at IS NULL THEN
      IF TG_OP = ''INSERT'' OR OLD.deleted_at IS NOT NULL OR NEW.township_id <> OLD.township_id OR NEW.start_date <> OLD.start_date THEN
        PERFORM pufa_check_period_open(NEW.township_id, NEW.start_date)\003B
      END IF\003B
    END IF\003B
    IF TG_OP = ''DELETE'' THEN RETURN OLD\003B END IF\003B
    RETURN NEW\003B
  END';

CREATE TRIGGER event_period_lock BEFORE INSERT OR UPDATE OR DELETE ON event
  FOR EACH ROW EXECUTE FUNCTION pufa_event_period_lock();
