// `prisma generate`, offline and on any OS. The Prisma CLI downloads its schema
// engine unless PRISMA_SCHEMA_ENGINE_BINARY names an existing file; generate
// never runs that engine, so any file will do (see docs/architecture.md#migrations).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { schemaPath } from '../src/paths.ts';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], {
  stdio: 'inherit',
  env: { PRISMA_SCHEMA_ENGINE_BINARY: prismaCli, ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
