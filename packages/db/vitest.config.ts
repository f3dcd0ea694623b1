import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/**/*.test.ts'], setupFiles: ['test/fail-on-queued-queries.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 },
});
