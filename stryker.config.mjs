// Mutation testing (StrykerJS): `npm run mutate`, not part of `npm test` (it is slow).
// It changes the code below one small bug at a time and runs the tests that cover
// each change; a mutant no test notices "survives". Scores and the survivors we
// accept (equivalent mutants) are in docs/testing.md. One area at a time:
//   npm run mutate -- --mutate 'packages/domain/src/report.ts'
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: [
    // The shared rules: counting, stats contributions, report wording, dates, calendar, plans, validation.
    'packages/domain/src/**/*.ts',
    '!packages/domain/src/index.ts',
    '!packages/domain/src/catalogs/**',
    // The database's counting, roll-up and scope code.
    'packages/db/src/stats/*.ts',
    'packages/db/src/auth/actor.ts',
  ],
  // The machine is shared: one test process, and no checker.
  concurrency: 1,
  timeoutMS: 30_000,
  ignorePatterns: ['apps/web', 'e2e', 'bench', 'docs', 'data', 'test-results', 'playwright-report', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 85, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
