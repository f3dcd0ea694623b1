// `npm run worker`: runs export jobs on PostgreSQL, apart from the API processes
// (set EXPORT_WORKER=off on those), so that a province's workbook is written in a
// heap of its own. Any number may run; a job whose worker dies is expired after
// EXPORT_JOB_EXPIRE_SECONDS and run again by another (docs/operations.md).
// The app is built for its services (repositories, file store, queue); it does not listen.
import { openDatabase } from '@pufa/db';
import { buildApp } from './app.ts';
import { loadServerEnv } from './env.ts';
import { jobSettingsFromEnv } from './jobs/settings.ts';

const env = loadServerEnv();
if (env.database.kind !== 'postgresql') {
  console.error('npm run worker needs DATABASE_URL (PostgreSQL). With the embedded database the server runs its jobs itself.');
  process.exit(2);
}
const db = await openDatabase(env.database);
const app = await buildApp({ db, logger: { level: process.env.LOG_LEVEL ?? 'info' }, serveWebApp: false, evidence: env.evidence, jobs: { ...jobSettingsFromEnv(), work: true } });
await app.ready();
app.log.info({ store: app.fileStore.location }, 'export worker: taking jobs');

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: finishing the running job, then closing`);
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
