// `npm run db:migrate`: applies pending migrations to the configured database.
import { databaseConfigFromEnv } from '../src/env.ts';
import { openDatabase } from '../src/client.ts';

const db = await openDatabase(databaseConfigFromEnv());
try {
  const applied = await db.migrate();
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} finally {
  await db.close();
}
