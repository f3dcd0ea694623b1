import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // pg's overlapping-queries warning fails the run (issue 22).
    setupFiles: ['../../packages/db/test/fail-on-queued-queries.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
