// Writes the OpenAPI document the app serves at /api/openapi.json to a file,
// without a server or a database on disk: `npm run lint:openapi` lints it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@pufa/db';
import { buildApp } from '../src/app.ts';

const target = path.resolve(process.argv[2] ?? '.openapi/openapi.json');
// Building the document reads no table; an empty in-memory database is enough.
const db = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
const app = await buildApp({ db, serveWebApp: false });
await app.ready();
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await db.close();
console.log(`OpenAPI document written to ${path.relative(process.cwd(), target)}`);
