// `npm run db:backup [-- --out <folder>]`: a backup folder of the configured database
// (DATABASE_URL, else the embedded database in DATA_DIR). See docs/operations.md.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupName, createBackup } from '../src/backup.ts';
import { databaseConfigFromEnv, filesDirFromEnv } from '../src/env.ts';
import { repoRoot } from '../src/paths.ts';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const config = databaseConfigFromEnv();
const parent = values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : path.join(repoRoot, 'backups');
const target = path.join(parent, backupName(config.kind));
try {
  // The evidence files (FILES_DIR) go with the database, PostgreSQL's too.
  const manifest = await createBackup(config, { target, filesDir: filesDirFromEnv() });
  const rows = Object.values(manifest.rowCounts).reduce((sum, n) => sum + n, 0);
  console.log(`Backup written to ${target}`);
  console.log(`  ${manifest.kind}, ${manifest.migrations.length} migrations, ${Object.keys(manifest.rowCounts).length} tables, ${rows} rows${manifest.hasFiles ? ', with the files folder' : ''}`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
