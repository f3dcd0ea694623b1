// `npm run db:restore -- <backup folder> [--replace]`: restores a backup into the configured
// database (empty unless --replace) and checks every table's row count. Stop the server first.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { restoreBackup } from '../src/backup.ts';
import { databaseConfigFromEnv, filesDirFromEnv } from '../src/env.ts';

const { values, positionals } = parseArgs({ options: { replace: { type: 'boolean', default: false } }, allowPositionals: true });
if (positionals.length !== 1) {
  console.error('Usage: npm run db:restore -- <backup folder> [--replace]');
  process.exit(2);
}
const source = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
const config = databaseConfigFromEnv();
try {
  const { manifest, movedAside } = await restoreBackup(config, { source, replace: values.replace, filesDir: filesDirFromEnv() });
  if (movedAside) console.log(`The database that was in DATA_DIR is kept in ${movedAside}`);
  const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
  console.log(`Restored the backup of ${manifest.createdAt} into ${config.kind === 'pglite' ? config.dataDir : 'the database at DATABASE_URL'}: ${Object.keys(manifest.rowCounts).length} tables, ${rows} rows, every count checked.`);
  console.log('Start the server (npm start): it applies any migrations newer than the backup.');
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
