#!/usr/bin/env bash
# `npm run drill:fuzz`: the OpenAPI fuzz test (apps/api/test/fuzz.test.ts) run long, with a new
# seed, on PostgreSQL and on PGlite. Set FUZZ_RUNS and FUZZ_SEED to choose; a failing seed
# printed in the test title replays exactly: FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npm run drill:fuzz.
set -uo pipefail
cd "$(dirname "$0")/../apps/api"
export FUZZ_RUNS="${FUZZ_RUNS:-10000}" FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
echo "drill:fuzz: ${FUZZ_RUNS} requests per database, seed ${FUZZ_SEED}"
status=0
for database in postgresql pglite; do
  TEST_DATABASE=$database npx vitest run test/fuzz.test.ts || status=1
done
exit $status
