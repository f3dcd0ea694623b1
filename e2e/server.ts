// The app as `npm start` runs it, on a database of its own: a fresh PostgreSQL
// database when DATABASE_URL names a server, else an in-memory PGlite. The demo
// township is seeded on start, as for a new user.
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Databases left by earlier runs (the server is killed, so it cannot drop its own). Only
  // those nobody is connected to: another e2e run on the same server keeps its pool open.
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database d WHERE datname LIKE 'pufa_e2e_%'
       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
  );
  for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname}`).catch(() => undefined);
  const name = `pufa_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
} else {
  process.env.DATA_DIR = 'memory://';
}
process.env.DEMO = '1';
await import('../apps/api/src/server.ts');
