// The domain and db test suites as one vitest run, for mutation testing only
// (stryker.config.mjs; `npm run mutate`). `npm test` runs each package's own config.
//
// @pufa/domain is aliased to this tree's source: through the workspace symlink in
// node_modules it would resolve to the unmutated checkout outside Stryker's sandbox,
// and the db tests, which count through the domain's rules, could kill no domain mutant.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const domainSource = fileURLToPath(new URL('./packages/domain/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@pufa/domain': domainSource } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'domain', root: './packages/domain', include: ['test/**/*.test.ts'] } },
      // On the PostgreSQL server at DATABASE_URL (each file creates and drops a database of its own).
      // Without the demo-seed tests: they check the seed, take half a minute and would run for every
      // roll-up mutant; the counting, roll-up and scope code has tests of its own.
      {
        extends: true,
        test: { name: 'db', root: './packages/db', include: ['test/**/*.test.ts'], exclude: ['test/demo-seed.test.ts'], env: { TEST_DATABASE: 'postgresql' } },
      },
    ],
  },
});
