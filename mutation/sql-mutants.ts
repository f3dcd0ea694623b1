// Hand-written mutants of the SQL that Stryker cannot reach: the period-lock
// trigger (a migration), the repositories' raw SQL and their Prisma where
// clauses. Each is a plausible bug (a dropped condition, a boundary, a wrong
// scope, a skipped lock); `npm run mutate:sql` applies one at a time and runs
// the test files named beside it, which must fail. Written against the code as
// it is: a mutant whose `find` no longer matches exactly once stops the run.

export interface SqlMutant {
  id: string;
  /** The file changed, from the repository root. */
  file: string;
  /** Text that occurs exactly once in the file, and what replaces it. */
  find: string;
  replace: string;
  /** Test files (from the repository root) that must notice. */
  tests: string[];
  why: string;
}

const TRIGGER = 'prisma/migrations/20261128003531_submissions/migration.sql';
const SUBMISSIONS = 'packages/db/src/repositories/submission-repository.ts';
const COUNTY = 'packages/db/src/repositories/county-repository.ts';
const STATS = 'packages/db/src/stats/stats-query.ts';
const ROLLUP = 'packages/db/src/stats/rollup.ts';
const INSERT = 'packages/db/src/repositories/event-insert.ts';
const EVENTS = 'packages/db/src/repositories/event-repository.ts';
const FILE_LOCK = 'prisma/migrations/20261207130000_event_file_period_lock/migration.sql';
const IDEMPOTENCY = 'packages/db/src/idempotency.ts';

const submissionTests = ['apps/api/test/submissions.test.ts'];
const statsTests = ['packages/db/test/stats.test.ts', 'apps/api/test/stats.test.ts'];

export const SQL_MUTANTS: SqlMutant[] = [
  // The period lock (trigger): every path that writes an event.
  {
    id: 'trigger-delete-unchecked', file: TRIGGER,
    find: `IF TG_OP IN (''UPDATE'', ''DELETE'') AND OLD.deleted_at IS NULL THEN`,
    replace: `IF TG_OP IN (''UPDATE'') AND OLD.deleted_at IS NULL THEN`,
    tests: submissionTests, why: 'a hard DELETE (an SQL console) in a submitted month passes',
  },
  {
    id: 'trigger-move-township-unchecked', file: TRIGGER,
    find: ` OR NEW.township_id <> OLD.township_id`, replace: '',
    tests: submissionTests, why: 'an event moved into another township whose month is submitted passes',
  },
  {
    id: 'trigger-restore-unchecked', file: TRIGGER,
    find: ` OR OLD.deleted_at IS NOT NULL`, replace: '',
    tests: submissionTests, why: 'restoring a deleted event into a submitted month passes',
  },
  {
    id: 'trigger-date-move-unchecked', file: TRIGGER,
    find: ` OR NEW.start_date <> OLD.start_date`, replace: '',
    tests: submissionTests, why: 'moving an event into a submitted month passes',
  },
  {
    id: 'trigger-year-not-locking', file: TRIGGER,
    find: `period IN (to_char(day, ''YYYY-MM''), to_char(day, ''YYYY''))`,
    replace: `period IN (to_char(day, ''YYYY-MM''))`,
    tests: submissionTests, why: 'a submitted year does not lock its months',
  },
  {
    id: 'trigger-approved-not-locking', file: TRIGGER,
    find: `AND status IN (''submitted'', ''approved'')`, replace: `AND status IN (''submitted'')`,
    tests: submissionTests, why: 'an approved month is writable again',
  },
  {
    id: 'trigger-any-township', file: TRIGGER,
    find: `WHERE township_id = township AND period IN`, replace: `WHERE period IN`,
    tests: submissionTests, why: "another township's submission locks this one (wrong scope)",
  },
  {
    id: 'trigger-year-lock-skipped', file: TRIGGER,
    find: `PERFORM pg_advisory_xact_lock_shared(township, pufa_period_lock_key(day, true))\\003B`, replace: '',
    tests: submissionTests, why: 'a write in flight does not hold off a submit of its year',
  },
  {
    id: 'trigger-month-lock-skipped', file: TRIGGER,
    find: `PERFORM pg_advisory_xact_lock_shared(township, pufa_period_lock_key(day, false))\\003B`, replace: '',
    tests: submissionTests, why: 'a write in flight does not hold off a submit of its month',
  },
  // Submissions (the repository's SQL and queries).
  {
    id: 'submit-lock-skipped', file: SUBMISSIONS,
    find: 'await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${townshipId}::int4, ${periodLockKey(period)}::int4)`;',
    replace: '',
    tests: submissionTests, why: 'a submit does not wait for the writes of its period in flight',
  },
  {
    id: 'submit-lock-key-year', file: SUBMISSIONS,
    find: 'return year * 100 + (month ?? 0);', replace: 'return year * 100 + (month ?? 1);',
    tests: submissionTests, why: "a year's submit takes January's lock instead of the year's",
  },
  {
    id: 'resubmit-after-approval', file: SUBMISSIONS,
    find: `if (before && before.status !== 'returned')`, replace: `if (before && before.status === 'submitted')`,
    tests: submissionTests, why: 'an approved period can be submitted again',
  },
  {
    id: 'approved-through-counts-submitted', file: SUBMISSIONS,
    find: `period: { in: periods }, status: 'approved' }`, replace: `period: { in: periods }, status: { in: ['approved', 'submitted'] } }`,
    tests: [...submissionTests, 'apps/api/test/county-views.test.ts'], why: 'the approved-only figures count submitted months',
  },
  {
    id: 'approved-through-ignores-years', file: SUBMISSIONS,
    find: 'const periods = [...new Set([...months, ...months.map((m) => m.slice(0, 4))])];', replace: 'const periods = [...new Set(months)];',
    tests: [...submissionTests, 'apps/api/test/county-views.test.ts'], why: 'a township approved for its whole year is left out of the approved-only figures',
  },
  {
    id: 'summary-gap-inverted', file: SUBMISSIONS,
    find: 'prisma.event.count({ where: { ...inPeriod, villages: { none: {} } } })', replace: 'prisma.event.count({ where: { ...inPeriod, villages: { some: {} } } })',
    tests: submissionTests, why: 'the month summary counts events with villages as events without',
  },
  // County views.
  {
    id: 'named-days-last-day-excluded', file: COUNTY,
    find: 'lte: isoToDate(`${year}-12-31`)', replace: 'lt: isoToDate(`${year}-12-31`)',
    tests: ['apps/api/test/county-views.test.ts'], why: 'an event on 31 December is left out of the named-day matrix',
  },
  {
    id: 'named-days-counts-deleted', file: COUNTY,
    find: 'campaignId: { in: days.map((d) => d.id) }, deletedAt: null,', replace: 'campaignId: { in: days.map((d) => d.id) },',
    tests: ['apps/api/test/county-views.test.ts'], why: 'deleted events count in the named-day matrix',
  },
  // Stats: the roll-up path and the raw-events path.
  {
    // (month is each month's first day and `to` the period's last day, so `month < to` would be equivalent.)
    id: 'stats-first-month-excluded', file: STATS,
    find: 'month BETWEEN ${from}::date AND ${to}::date', replace: 'month > ${from}::date AND month <= ${to}::date',
    tests: statsTests, why: "the period's first month is left out of the roll-up figures",
  },
  {
    id: 'stats-raw-counts-deleted', file: STATS,
    find: 'WHERE e.deleted_at IS NULL AND e.start_date BETWEEN', replace: 'WHERE e.start_date BETWEEN',
    tests: statsTests, why: 'deleted events count in the raw-events figures',
  },
  {
    id: 'stats-subtree-scope-all', file: STATS,
    find: "${column} IN (SELECT id FROM pufa_org_subtree(${scope.unitId}::int) WHERE level = 'township')", replace: "${column} IN (SELECT id FROM org_unit WHERE level = 'township')",
    tests: [...statsTests, 'packages/db/test/scope.test.ts', 'apps/api/test/submissions.test.ts', 'apps/api/test/hierarchy.test.ts'], why: "an upper unit's figures include other units' townships (wrong scope)",
  },
  {
    id: 'stats-unit-rollup-any-unit', file: STATS,
    find: 'const own = Prisma.sql`unit_id = ${unitId} AND ${inMonths}`;', replace: 'const own = Prisma.sql`${inMonths}`;',
    tests: [...statsTests, 'apps/api/test/hierarchy.test.ts'], why: "an upper unit's figures from the roll-up by level add up every unit's rows",
  },
  {
    id: 'stats-villages-not-distinct', file: STATS,
    find: `count(DISTINCT key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly WHERE dimension = 'village'`,
    replace: `count(key)::bigint, 0, 0, 0, 0 FROM event_stats_monthly WHERE dimension = 'village'`,
    tests: statsTests, why: 'a village reached in two months counts twice in 覆盖村',
  },
  {
    id: 'rebuild-leaflets-all-materials', file: ROLLUP,
    find: 'WHERE m.event_id = e.id AND t.counts_as_leaflet), 0) AS leaflets\n  FROM event e WHERE e.deleted_at IS NULL',
    replace: 'WHERE m.event_id = e.id), 0) AS leaflets\n  FROM event e WHERE e.deleted_at IS NULL',
    tests: statsTests, why: 'a rebuilt roll-up counts banners and boards as 宣传资料',
  },
  {
    id: 'rollup-delete-rows-of-all-months', file: ROLLUP,
    find: 'DELETE FROM event_stats_monthly WHERE township_id = ${event.townshipId} AND month = ${month}::date AND activities = 0',
    replace: 'DELETE FROM event_stats_monthly WHERE township_id = ${event.townshipId} AND activities <= 1',
    tests: statsTests, why: 'removing an event deletes other rows that still hold one event',
  },
  // The one-statement create.
  {
    id: 'create-leaflets-all-materials', file: INSERT,
    find: `CASE WHEN c.dimension = 'materialType' THEN (CASE WHEN t.counts_as_leaflet THEN c.quantity ELSE 0 END) ELSE leaflets.total END`,
    replace: `CASE WHEN c.dimension = 'materialType' THEN c.quantity ELSE leaflets.total END`,
    tests: statsTests, why: "a material type's row counts banners as 宣传资料",
  },
  {
    id: 'create-village-of-any-township', file: INSERT,
    find: `AND parent_id = \${unsaved.townshipId} AND level = 'village'`, replace: `AND level = 'village'`,
    tests: ['apps/api/test/validation.test.ts'], why: "an event may name another township's village (wrong scope)",
  },
  {
    id: 'create-department-of-any-township', file: INSERT,
    find: 'FROM department WHERE id = ANY(${departmentIds}::int[]) AND township_id = ${unsaved.townshipId})',
    replace: 'FROM department WHERE id = ANY(${departmentIds}::int[]))',
    tests: ['apps/api/test/validation.test.ts'], why: "an event may name another township's department (wrong scope)",
  },
  // The ledger's filters.
  {
    id: 'list-last-day-excluded', file: EVENTS,
    find: '...(filter.to ? { lte: isoToDate(filter.to) } : {}),', replace: '...(filter.to ? { lt: isoToDate(filter.to) } : {}),',
    tests: ['apps/api/test/events.test.ts', 'apps/api/test/stats.test.ts'], why: "the ledger's date filter leaves out its last day",
  },
  {
    id: 'list-evidence-counts-deleted-files', file: EVENTS,
    find: `if (filter.evidence === 'none') where.files = { none: { deletedAt: null } };`, replace: `if (filter.evidence === 'none') where.files = { none: {} };`,
    tests: ['apps/api/test/files.test.ts', 'apps/api/test/submissions.test.ts'], why: 'an event whose only file was deleted is not listed as without evidence',
  },
  // The period lock on evidence files (trigger).
  {
    id: 'file-lock-delete-unchecked', file: FILE_LOCK,
    find: 'BEFORE INSERT OR UPDATE OR DELETE ON event_file', replace: 'BEFORE INSERT OR UPDATE ON event_file',
    tests: ['apps/api/test/files.test.ts'], why: 'the sign-in sheet of an approved month can be deleted',
  },
  {
    id: 'file-lock-live-events-unchecked', file: FILE_LOCK,
    find: 'FROM event WHERE id = target AND deleted_at IS NULL', replace: 'FROM event WHERE id = target AND deleted_at IS NOT NULL',
    tests: ['apps/api/test/files.test.ts'], why: "the lock looks at deleted events only, so a live event's files stay writable",
  },
  // Idempotency keys.
  {
    id: 'idempotency-second-claim-ignored', file: IDEMPOTENCY,
    find: 'if (rows.length === 0) throw new IdempotencyKeyTakenError();', replace: '',
    tests: ['apps/api/test/idempotency.test.ts'], why: 'two requests with one key at once both create',
  },
  {
    id: 'idempotency-key-of-any-user', file: IDEMPOTENCY,
    find: 'prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } },', replace: 'prisma.idempotencyKey.findFirst({ where: { key },',
    tests: ['apps/api/test/idempotency.test.ts'], why: "a key sent by another user answers with that user's record (wrong scope)",
  },
];
