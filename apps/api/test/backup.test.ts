// `npm run db:backup` and `npm run db:restore`, run as an operator runs them,
// on the database this suite runs on: the restored database answers the
// dashboard's questions exactly as the original did.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, repoRoot, type Database, type DatabaseConfig } from '@pufa/db';
import { EVIDENCE_LIMITS } from '@pufa/domain';
import { buildApp } from '../src/app.ts';
import { photoWithExif } from './evidence-fixtures.ts';
import { multipartBody } from './import-fixtures.ts';
import { createTestDatabase, seedFixture, signIn, testDatabaseKind, type Fixture } from './helper.ts';

const run = promisify(execFile);

/** Runs a root npm script against one database, as an operator would (DATABASE_URL or DATA_DIR). */
function npmScript(args: string[], config: DatabaseConfig, filesDir: string) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, FILES_DIR: _files, ...env } = process.env;
  const target = { FILES_DIR: filesDir, ...(config.kind === 'postgresql' ? { DATABASE_URL: config.url } : { DATA_DIR: config.dataDir }) };
  return run('npm', ['run', '--silent', ...args], { cwd: repoRoot, env: { ...env, ...target } });
}

/** What the dashboard, the ledger and the plan show: compared before and after. */
async function answers(db: Database, fixture: Fixture, filesDir: string) {
  const app = await buildApp({ db, serveWebApp: false, evidence: { filesDir, maxFileBytes: EVIDENCE_LIMITS.fileBytes, maxEventBytes: EVIDENCE_LIMITS.eventBytes } });
  await app.ready();
  try {
    const cookie = await signIn(app, 'countyAdmin');
    const urls = [
      ...['month', 'campaign', 'village', 'sixInto', 'department', 'materialType', 'township'].map((groupBy) => `/api/stats?from=2026-01-01&to=2026-12-31&groupBy=${groupBy}`),
      `/api/stats?from=2026-03-01&to=2026-03-20&groupBy=village&orgUnitId=${fixture.east.townshipId}`,
      '/api/events?pageSize=200',
      '/api/events/deleted',
      `/api/events/${photoEventId}/files`,
      `/api/plans?townshipId=${fixture.east.townshipId}&year=2026`,
    ];
    const bodies: Record<string, unknown> = {};
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      bodies[url] = res.json();
    }
    // The evidence photo, byte for byte, from the files folder that came with the backup.
    const original = await app.inject({ method: 'GET', url: `/api/files/${photoFileId}`, headers: { cookie } });
    expect(original.statusCode).toBe(200);
    bodies.photoSha256 = createHash('sha256').update(original.rawPayload).digest('hex');
    return bodies;
  } finally {
    await app.close();
  }
}

let source: Awaited<ReturnType<typeof createTestDatabase>>;
let fixture: Fixture;
let backupsDir: string;
let sourceFiles: string;
let photoEventId: number;
let photoFileId: number;

beforeAll(async () => {
  source = await createTestDatabase({ onDisk: true });
  await source.db.migrate();
  fixture = await seedFixture(source.db);
  sourceFiles = await mkdtemp(path.join(tmpdir(), 'pufa-backup-files-'));
  const app = await buildApp({ db: source.db, serveWebApp: false, evidence: { filesDir: sourceFiles, maxFileBytes: EVIDENCE_LIMITS.fileBytes, maxEventBytes: EVIDENCE_LIMITS.eventBytes } });
  await app.ready();
  const cookie = await signIn(app, 'eastClerk');
  const { east, material, campaign } = fixture;
  const events = [
    { startDate: '2026-03-15', title: '3·15 赶集宣传', villageIds: [east.villageIds[0]!, east.villageIds[1]!], audience: 300, materials: [{ materialTypeId: material('leaflet'), quantity: 800 }] },
    { startDate: '2026-04-15', title: '全民国家安全教育日', campaignId: campaign('national-security-day'), villageIds: [east.villageIds[2]!], audience: 120 },
    { startDate: '2026-12-04', endDate: '2026-12-06', title: '宪法宣传周', sixInto: ['villages', 'schools'], materials: [{ materialTypeId: material('banner'), quantity: 6 }] },
    { startDate: '2026-06-01', title: '删除的活动', audience: 10 },
  ];
  const ids: number[] = [];
  for (const event of events) {
    const res = await app.inject({ method: 'POST', url: '/api/events', headers: { cookie }, payload: { townshipId: east.townshipId, ...event } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  expect((await app.inject({ method: 'DELETE', url: `/api/events/${ids[3]}`, headers: { cookie } })).statusCode).toBe(204);
  photoEventId = ids[0]!;
  const body = await multipartBody({ bytes: await photoWithExif('2026-03-15'), name: 'photo.jpg' });
  const upload = await app.inject({ method: 'POST', url: `/api/events/${photoEventId}/files`, payload: body.payload, headers: { ...body.headers, cookie } });
  expect(upload.statusCode, upload.body).toBe(201);
  photoFileId = upload.json().id;
  const plan = await app.inject({ method: 'POST', url: '/api/plans', headers: { cookie }, payload: { townshipId: east.townshipId, year: 2026, title: '宪法宣传周', targetMonth: 12 } });
  expect(plan.statusCode).toBe(201);
  await app.close();
  backupsDir = await mkdtemp(path.join(tmpdir(), 'pufa-backups-'));
}, 180_000);

afterAll(async () => {
  await source?.drop();
  if (backupsDir) await rm(backupsDir, { recursive: true, force: true });
  if (sourceFiles) await rm(sourceFiles, { recursive: true, force: true });
});

describe(`npm run db:backup, then npm run db:restore (${testDatabaseKind()})`, () => {
  // Several processes start here (npm, tsx, PGlite): generous on a busy machine.
  it('restores a database that answers the stats, the ledger and the plan exactly as the original', { timeout: 180_000 }, async () => {
    const before = await answers(source.db, fixture, sourceFiles);
    // PostgreSQL is backed up while the app has it open; the embedded database folder must be
    // free: a backup beside a running server is refused, naming it, and leaves no folder behind.
    if (source.config.kind === 'pglite') {
      const refused = await npmScript(['db:backup', '--', '--out', backupsDir], source.config, sourceFiles).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`in use by process ${process.pid}`) });
      expect(await readdir(backupsDir)).toEqual([]);
      await source.db.close();
    }
    const backup = await npmScript(['db:backup', '--', '--out', backupsDir], source.config, sourceFiles);
    expect(backup.stdout).toContain('with the files folder');
    expect(backup.stdout).toContain('Backup written to');
    const [folder] = await readdir(backupsDir);
    expect(folder).toMatch(new RegExp(`^pufa-${testDatabaseKind()}-\\d{8}-\\d{6}$`));

    // The restore needs an empty database: a fresh PostgreSQL database, or a DATA_DIR not yet made.
    const scratch = await mkdtemp(path.join(tmpdir(), 'pufa-restore-'));
    const restoredFiles = path.join(scratch, 'files');
    const target = source.config.kind === 'postgresql' ? await createTestDatabase() : undefined;
    const targetConfig: DatabaseConfig = target ? target.config : { kind: 'pglite', dataDir: path.join(scratch, 'data') };
    try {
      await target?.db.close();
      const restore = await npmScript(['db:restore', '--', path.join(backupsDir, folder!)], targetConfig, restoredFiles);
      expect(restore.stdout).toContain('every count checked');

      const restored = await openDatabase(targetConfig);
      try {
        expect(await answers(restored, fixture, restoredFiles)).toEqual(before);
      } finally {
        await restored.close();
      }

      // A second restore into the now full database is refused and changes nothing.
      const refused = await npmScript(['db:restore', '--', path.join(backupsDir, folder!)], targetConfig, restoredFiles).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/already (has|holds)/) });
    } finally {
      await target?.drop();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
