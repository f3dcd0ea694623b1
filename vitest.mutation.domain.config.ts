// The domain suite alone, for mutation testing the domain's rules faster
// (stryker.domain.config.mjs). The db tests count through the domain's rules and
// can only kill more mutants, so a score measured with this config is a lower bound
// of the full configuration's (vitest.mutation.config.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [{ extends: true, test: { name: 'domain', root: './packages/domain', include: ['test/**/*.test.ts'] } }],
  },
});
