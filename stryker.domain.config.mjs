// stryker.config.mjs with the domain tests only (vitest.mutation.domain.config.ts):
// no PostgreSQL, and a run per domain file in minutes on this shared machine.
//   npx stryker run stryker.domain.config.mjs --mutate 'packages/domain/src/import/text.ts' --concurrency 1
// Its scores are a lower bound of the full run's (the db tests can only kill more).
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default { ...base, vitest: { configFile: 'vitest.mutation.domain.config.ts' } };
