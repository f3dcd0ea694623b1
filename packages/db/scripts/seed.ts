// `npm run db:seed`: migrate, then create the demo township if the database is empty.
import { databaseConfigFromEnv } from '../src/env.ts';
import { openDatabase } from '../src/client.ts';
import { prepareDatabase } from '../src/prepare.ts';
import { DEFAULT_DEMO_PASSWORD } from '../src/seed/demo.ts';

const db = await openDatabase(databaseConfigFromEnv());
try {
  const { demoSeeded } = await prepareDatabase(db, { demo: true, demoPassword: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD });
  console.log(demoSeeded ? 'Demo township created.' : 'The database already has org units: demo data not added.');
} finally {
  await db.close();
}
