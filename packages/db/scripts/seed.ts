// `npm run db:seed`: migrate, then create the demo township if the database is empty.
import { databaseConfigFromEnv } from '../src/env.ts';
import { openDatabase } from '../src/client.ts';
import { prepareDatabase } from '../src/prepare.ts';

const db = await openDatabase(databaseConfigFromEnv());
try {
  const { demoSeeded } = await prepareDatabase(db, { demo: true });
  console.log(demoSeeded ? 'Demo township created.' : 'The database already has org units: demo data not added.');
} finally {
  await db.close();
}
