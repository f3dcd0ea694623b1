// `npm start`: open the database (migrate, seed demo data on first start), serve
// API and web app on one port, close cleanly on Ctrl-C / SIGTERM.
import { DataDirInUseError, openDatabase, prepareDatabase } from '@pufa/db';
import { buildApp } from './app.ts';
import { loadServerEnv } from './env.ts';
import { checkEvidenceStore } from './evidence/orphans.ts';

const env = loadServerEnv();
const where = env.database.kind === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${env.database.dataDir}`;
console.log(`Pufa Tracker: opening the database, ${where}…`);
const db = await openDatabase(env.database).catch((error: unknown) => {
  if (!(error instanceof DataDirInUseError)) throw error;
  console.error(`Pufa Tracker: ${error.message}`);
  process.exit(1);
});
const { appliedMigrations, demoSeeded } = await prepareDatabase(db, { demo: env.demo, demoPassword: env.demoPassword });
if (appliedMigrations.length) console.log(`Applied migrations: ${appliedMigrations.join(', ')}`);
if (demoSeeded) {
  console.log('Created the demo township 涂市镇 (Tushi Town) with its villages, departments and events.');
  console.log(`Demo users: admin (administrator), clerk (录入员), leader (领导), cityleader (市领导), provinceadmin (省管理员); password: ${env.demoPassword}`);
}
if ((await db.prisma.user.count()) === 0) {
  console.log('No users yet. Create the first administrator: npm run db:create-admin -- --username <name> --county <county name>');
}

const app = await buildApp({ db, logger: { level: process.env.LOG_LEVEL ?? 'info' }, trustProxy: env.trustProxy, evidence: env.evidence });
// Housekeeping: forget sessions past their absolute expiry (expired ones are refused anyway).
const purge = setInterval(() => void app.sessions.purgeExpired().catch((error) => app.log.warn({ err: error }, 'session purge failed')), 3_600_000);
purge.unref();

/**
 * Files without their row, rows without their file: reported for the operator, never deleted.
 * Run once the server is listening: it reads the whole files folder, which on a county's
 * server can be a long walk, and nothing else waits for it.
 */
async function reportEvidenceStore() {
  const report = await checkEvidenceStore(app.fileStore, app.evidence);
  if (report.orphanFiles.length || report.missingFiles.length) {
    app.log.warn({ store: app.fileStore.location, ...report, orphanFiles: report.orphanFiles.slice(0, 50), missingFiles: report.missingFiles.slice(0, 50) },
      `evidence files: ${report.orphanFiles.length} file(s) without a row, ${report.missingFiles.length} row(s) without a file`);
  } else {
    app.log.info({ store: app.fileStore.location, files: report.files }, 'evidence files checked: every file has its row and every row its file');
  }
}

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing`);
  await app.close();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  await app.listen({ port: env.port, host: env.host });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(code === 'EADDRINUSE' ? `Port ${env.port} is in use: stop the other program or set PORT=…` : error);
  await db.close();
  process.exit(1);
}
console.log(`Pufa Tracker is running: http://localhost:${env.port}  (API docs: http://localhost:${env.port}/api/docs)`);
void reportEvidenceStore().catch((error: unknown) => app.log.warn({ err: error }, 'evidence files check failed'));
