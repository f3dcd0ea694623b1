-- AlterTable
ALTER TABLE "org_unit" ADD COLUMN     "reporting_from" VARCHAR(7) NOT NULL DEFAULT to_char((now() AT TIME ZONE 'Asia/Shanghai'::text), 'YYYY-MM'::text);

-- Existing townships: reporting starts with the month of their first event or first submission
-- (a year's submission counts from its January), whichever is earlier, so a township that has
-- kept its ledger here is due (and late) from then on as before. One with neither starts this
-- month, like a township created now.
UPDATE "org_unit" AS t SET "reporting_from" = least(
    (SELECT to_char(min(e."start_date"), 'YYYY-MM') FROM "event" AS e WHERE e."township_id" = t."id" AND e."deleted_at" IS NULL),
    (SELECT min(CASE WHEN length(s."period") = 4 THEN s."period" || '-01' ELSE s."period" END) FROM "submission" AS s WHERE s."township_id" = t."id"),
    t."reporting_from")
  WHERE t."level" = 'township';
