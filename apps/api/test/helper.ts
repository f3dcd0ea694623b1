// Test harness: every test file gets a database of its own (see @pufa/db/testing),
// migrated from empty by the real migrator, and the real app on it.
import { afterAll, beforeAll } from 'vitest';
import { hashPassword, seedCatalogs, seedCounty, seedTownship, type Database, type LoginThrottlePolicy, type SessionPolicy } from '@pufa/db';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '@pufa/db/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVIDENCE_LIMITS } from '@pufa/domain';
import { buildApp } from '../src/app.ts';
import type { EvidenceSettings } from '../src/env.ts';
import type { ScreenStreamSettings } from '../src/routes/screen.ts';
import type { S3StoreSettings } from '../src/evidence/s3-file-store.ts';
import { startS3Server, testFilesStore } from './s3-server.ts';
import { jobSettingsFromEnv, type JobSettings } from '../src/jobs/settings.ts';

/** Two townships of one county, with the built-in catalogs: what most API tests need. */
export async function seedFixture(db: Database) {
  await seedCatalogs(db.prisma);
  const county = await seedCounty(db.prisma, { code: 'test-county', name: '测试县', nameEn: 'Test County' });
  const village = (prefix: string, n: number) => ({ code: `${prefix}-v${n}`, name: `${prefix}村${n}`, nameEn: `${prefix} village ${n}` });
  const east = await seedTownship(db.prisma, {
    countyId: county.id, code: 'east', name: '东镇', nameEn: 'East Town', reportingFrom: '2020-01',
    villages: [1, 2, 3, 4].map((n) => village('east', n)),
  });
  const west = await seedTownship(db.prisma, {
    countyId: county.id, code: 'west', name: '西镇', nameEn: 'West Town', reportingFrom: '2020-01',
    villages: [1, 2].map((n) => village('west', n)),
  });
  const byCode = async <T extends { id: number; code: string }>(rows: Promise<T[]>) => new Map((await rows).map((r) => [r.code, r.id]));
  const idOf = (map: Map<string, number>) => (code: string) => {
    const id = map.get(code);
    if (id === undefined) throw new Error(`no catalog entry ${code}`);
    return id;
  };
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users = {
    countyAdmin: { role: 'admin', orgUnitId: county.id },
    eastAdmin: { role: 'admin', orgUnitId: east.townshipId },
    eastClerk: { role: 'clerk', orgUnitId: east.townshipId },
    eastLeader: { role: 'leader', orgUnitId: east.townshipId },
    westClerk: { role: 'clerk', orgUnitId: west.townshipId },
    countyLeader: { role: 'leader', orgUnitId: county.id },
  } as const;
  const userIds = {} as Record<TestUser, number>;
  for (const [username, user] of Object.entries(users)) {
    const row = await db.prisma.user.create({ data: { username: username.toLowerCase(), displayName: username, passwordHash, ...user } });
    userIds[username as TestUser] = row.id;
  }
  return {
    countyId: county.id,
    east,
    west,
    userIds,
    material: idOf(await byCode(db.prisma.materialType.findMany())),
    campaign: idOf(await byCode(db.prisma.campaign.findMany())),
    law: idOf(await byCode(db.prisma.law.findMany())),
    form: idOf(await byCode(db.prisma.activityForm.findMany())),
    targetGroup: idOf(await byCode(db.prisma.targetGroup.findMany())),
  };
}

export type Fixture = Awaited<ReturnType<typeof seedFixture>>;

export const TEST_PASSWORD = 'correct horse battery';
export const TEST_USERS = ['countyAdmin', 'eastAdmin', 'eastClerk', 'eastLeader', 'westClerk', 'countyLeader'] as const;
export type TestUser = (typeof TEST_USERS)[number];

type App = Awaited<ReturnType<typeof buildApp>>;

/** Signs in and returns the session cookie header. */
export async function signIn(app: App, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: username.toLowerCase(), password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pufa_session');
  return `pufa_session=${cookie!.value}`;
}

export interface TestContext {
  app: App;
  db: Database;
  fixture: Fixture;
  /** FILES_DIR of this test file's app. */
  filesDir: string;
  /** The S3 server's settings when TEST_FILES_STORE=s3 (then FILES_DIR stays empty). */
  s3?: S3StoreSettings;
  cookies: Record<TestUser, string>;
  /** app.inject as a signed-in user (the county administrator unless `as` says otherwise). */
  inject: (options: InjectOptions & { as?: TestUser }) => Promise<LightMyRequestResponse>;
}

/** Registers a migrated, seeded database, the app and signed-in users for one test file. */
export function useTestApp(options: { sessionPolicy?: SessionPolicy; loginThrottle?: LoginThrottlePolicy; evidence?: Partial<EvidenceSettings>; screenStream?: Partial<ScreenStreamSettings>; jobs?: Partial<JobSettings> } = {}) {
  const context = {} as TestContext;
  let drop: () => Promise<void> = async () => {};
  let filesDir = '';
  let stopS3 = async () => {};
  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    context.db = created.db;
    await context.db.migrate();
    context.fixture = await seedFixture(context.db);
    // Evidence files in a folder of this test file's own, removed with its database.
    filesDir = await mkdtemp(path.join(os.tmpdir(), 'pufa-test-files-'));
    context.filesDir = filesDir;
    // TEST_FILES_STORE=s3: the same tests against an S3 server (the folder stays unused).
    if (testFilesStore() === 's3') {
      const s3 = await startS3Server();
      stopS3 = s3.stop;
      context.s3 = s3.settings;
    }
    const evidence = { filesDir, s3: context.s3, maxFileBytes: EVIDENCE_LIMITS.fileBytes, maxEventBytes: EVIDENCE_LIMITS.eventBytes, ...options.evidence };
    // Export jobs: not run by test apps on PostgreSQL unless a test asks (the queue opens on first use); lost jobs looked for every second.
    const jobs = { ...jobSettingsFromEnv({}), work: false, maintenanceSeconds: 1, ...options.jobs };
    context.app = await buildApp({ db: context.db, serveWebApp: false, ...options, evidence, jobs });
    await context.app.ready();
    context.cookies = {} as Record<TestUser, string>;
    for (const user of TEST_USERS) context.cookies[user] = await signIn(context.app, user);
    context.inject = ({ as = 'countyAdmin', headers, ...rest }) =>
      context.app.inject({ ...rest, headers: { ...headers, cookie: context.cookies[as] } } as InjectOptions);
  });
  afterAll(async () => {
    await context.app?.close();
    await drop();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
    await stopS3();
  });
  return context;
}

export { createTestDatabase, testDatabaseKind } from '@pufa/db/testing';
