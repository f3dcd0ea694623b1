// Mutation testing (StrykerJS): `npm run mutate`, not part of `npm test` (it is slow).
// It changes the code below one small bug at a time and runs the tests that cover
// each change; a mutant no test notices "survives". Scores and the survivors we
// accept (equivalent mutants) are in docs/testing.md. One area at a time:
//   npm run mutate -- --mutate 'packages/domain/src/report.ts'
// The default set is the rules whose score is gated (thresholds.break): the run
// fails below 90 %. Other areas (dates, calendar, plans, schemas, the db's
// stats and scope code) are measured by naming them with --mutate.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    // The gated rules: counting, stats contributions, report wording, submissions, evidence, import.
    'packages/domain/src/counting.ts',
    'packages/domain/src/stats.ts',
    'packages/domain/src/report.ts',
    'packages/domain/src/submissions.ts',
    'packages/domain/src/evidence.ts',
    'packages/domain/src/import/*.ts',
  ],
  // The machine is shared: one test process, and no checker.
  concurrency: 1,
  timeoutMS: 30_000,
  ignorePatterns: ['apps/web', 'e2e', 'bench', 'docs', 'data', 'test-results', 'playwright-report', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Below 90 % the run fails, so a rule cannot lose its tests unnoticed.
  thresholds: { high: 95, low: 90, break: 90 },
  // Static mutants (module-level constants, hit while a test file imports its
  // code) would rerun every test file per mutant: an hour for submissions.ts
  // alone on two cores. They are listed as ignored in the report.
  ignoreStatic: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
