import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A worker process killed mid-job needs a server database; PGlite's restart case is in export-jobs.test.ts.
    exclude: process.env.TEST_DATABASE === 'pglite' ? ['test/export-jobs-takeover.test.ts', '**/node_modules/**'] : ['**/node_modules/**'],
    // pg's overlapping-queries warning fails the run (issue 22).
    setupFiles: ['../../packages/db/test/fail-on-queued-queries.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
