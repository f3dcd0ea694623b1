// The authorisation matrix, generated from the app's own route table: every
// route × every role (and no session) × a record of the user's own township and
// one of another township. A route added without an entry here fails the suite.
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Event } from '@pufa/domain';
import { signIn, useTestApp, type TestContext, type TestUser } from './helper.ts';
import { multipartBody } from './import-fixtures.ts';
import { png } from './evidence-fixtures.ts';

// The big screen's stream ends after 50 ms here, so app.inject gets its whole answer.
const ctx = useTestApp({ screenStream: { maxAgeMs: 50 } });

type Who = 'anonymous' | 'clerk' | 'leader' | 'admin';
type Side = 'own' | 'other';
const USERS: Record<Exclude<Who, 'anonymous'>, TestUser> = { clerk: 'eastClerk', leader: 'eastLeader', admin: 'eastAdmin' };
const WHO: Who[] = ['anonymous', 'clerk', 'leader', 'admin'];

/** Builds a request for one route; may create what it needs first (as the county administrator). */
type Build = (side: Side, who: Who) => Promise<InjectOptions>;

interface Rule {
  build: Build;
  /** Expected status for each caller, on the user's own township and on another. */
  expect: (who: Who, side: Side) => number;
}

const townshipOf = (side: Side) => (side === 'own' ? ctx.fixture.east : ctx.fixture.west);

async function createEvent(side: Side): Promise<Event> {
  const res = await ctx.inject({ method: 'POST', url: '/api/events', payload: { startDate: '2026-06-26', title: '矩阵', townshipId: townshipOf(side).townshipId } });
  return res.json<Event>();
}

async function createOwnCampaign(side: Side): Promise<number> {
  const res = await ctx.inject({ method: 'POST', url: '/api/campaigns', payload: { townshipId: townshipOf(side).townshipId, name: '本所主题' } });
  return res.json<{ id: number }>().id;
}

let copyYear = 2040;

async function createPlanItem(side: Side, year = 2026): Promise<number> {
  const res = await ctx.inject({ method: 'POST', url: '/api/plans', payload: { townshipId: townshipOf(side).townshipId, year, title: '矩阵计划', targetMonth: 6 } });
  return res.json<{ id: number }>().id;
}

/** Signed in (any role) gets `ok`; no session 401. */
let importDay = 1;

/** A ledger file uploaded into the side's township (as the county administrator); each with a row of its own. */
async function importUpload(side: Side): Promise<InjectOptions> {
  const csv = Buffer.from(`日期,活动主题\n2019-03-${String((importDay++ % 28) + 1).padStart(2, '0')},矩阵导入${importDay}\n`, 'utf8');
  return { method: 'POST', url: '/api/imports', ...(await multipartBody({ bytes: csv, name: 'm.csv' }, { townshipId: String(townshipOf(side).townshipId) })) };
}

async function createImport(side: Side, committed = false): Promise<number> {
  const id = (await ctx.inject(await importUpload(side))).json<{ id: number }>().id;
  if (committed) await ctx.inject({ method: 'POST', url: `/api/imports/${id}/commit` });
  return id;
}

let submitMonth = 0;
/** Months of 2001 onwards, one per request: years nobody logs events in. */
/** A batch with a commit job queued by the county administrator (not sent to the runner: it stays queued). */
async function createCommitJob(side: Side): Promise<number> {
  const id = await createImport(side);
  const actor = { userId: ctx.fixture.userIds.countyAdmin, role: 'admin' as const, orgUnitId: ctx.fixture.countyId, townshipIds: 'all' as const, isTopLevel: true };
  const started = await ctx.app.imports.startCommitJob(actor, id, ctx.fixture.userIds.countyAdmin);
  if (!started || started === 'committed') throw new Error('commit job not started');
  return id;
}

const nextPeriod = () => `${2001 + Math.floor(submitMonth / 12)}-${String((submitMonth++ % 12) + 1).padStart(2, '0')}`;

/** A submission of a period of its own (years nobody logs events in), submitted by the township's clerk (a county user may not). */
async function createSubmission(side: Side): Promise<number> {
  const res = await ctx.inject({ method: 'POST', url: '/api/submissions', payload: { townshipId: townshipOf(side).townshipId, period: nextPeriod() }, as: side === 'own' ? 'eastClerk' : 'westClerk' });
  return res.json<{ id: number }>().id;
}

/** Review steps: the county's admins and leaders only; a township's leader or admin is refused on its own, and sees nothing of another. */
const countyReviewers = (who: Who, side: Side) => (who === 'anonymous' ? 401 : who === 'clerk' || side === 'own' ? 403 : 404);
/** An evidence photo on a new event of the side's township (as the county administrator). */
async function fileUpload(side: Side): Promise<InjectOptions> {
  return { method: 'POST', url: `/api/events/${(await createEvent(side)).id}/files`, ...(await multipartBody({ bytes: await png(16, 16), name: 'm.png' })) };
}
async function createFile(side: Side): Promise<number> {
  return (await ctx.inject(await fileUpload(side))).json<{ id: number }>().id;
}
/** Own township 200, another's 404 (like its event), no session 401. */
const ownOr404 = (who: Who, side: Side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404);

const signedIn = (ok: number) => (who: Who) => (who === 'anonymous' ? 401 : ok);
/** Any signed-in user on their own township; another township's id refused like an unknown one. */
const ownOr400 = (who: Who, side: Side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400);

/** Only the given roles; others 403; scoping decides own/other. */
const rolesOnly = (roles: Who[], own: number, other: number) => (who: Who, side: Side) =>
  who === 'anonymous' ? 401 : !roles.includes(who) ? 403 : side === 'own' ? own : other;

const get = (url: string): Build => async () => ({ method: 'GET', url });

let jobNumber = 0;
/** A finished export job with its file: the caller's own on 'own', else the other township's clerk's (jobs are their owner's alone). */
async function createExportJob(side: Side, who: Who): Promise<string> {
  const owner: TestUser = side === 'own' && who !== 'anonymous' ? USERS[who] : 'westClerk';
  const userId = ctx.fixture.userIds[owner];
  const actor = { userId, role: 'clerk' as const, orgUnitId: null, townshipIds: [] as number[], isTopLevel: false };
  const { row } = await ctx.app.exportJobs.start({ userId, kind: 'ledger-csv', params: { lang: 'zh', n: jobNumber++ }, actor, fileName: '矩阵.csv', contentType: 'text/csv; charset=utf-8' });
  const { attempt } = (await ctx.app.exportJobs.claim(row.id))!;
  await ctx.app.fileStore.put(`exports/${row.id}`, { original: Buffer.from('a,b\r\n') });
  await ctx.app.exportJobs.finish(row.id, attempt, { storageKey: `exports/${row.id}`, bytes: 5, fileName: '矩阵.csv', done: 0 }, 7);
  return row.id;
}
/** Jobs are per user: the caller's own 200, anyone else's 404, no session 401. */
const ownJobOr404 = (who: Who, side: Side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404);
/** Starting a job: checked like the direct export (another township's org unit 400). */
const startJob = (kind: string): Rule => ({
  build: async (side) => ({ method: 'POST', url: `/api/export-jobs/${kind}?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
  expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 202 : 400),
});

const RULES: Record<string, Rule> = {
  'GET /api/health': { build: get('/api/health'), expect: () => 200 },
  'POST /api/auth/login': {
    build: async (_side, who) => ({ method: 'POST', url: '/api/auth/login', payload: { username: who === 'anonymous' ? 'eastclerk' : USERS[who].toLowerCase(), password: 'correct horse battery' } }),
    expect: () => 200,
  },
  'POST /api/auth/logout': { build: async () => ({ method: 'POST', url: '/api/auth/logout' }), expect: signedIn(204) },
  'GET /api/auth/me': { build: get('/api/auth/me'), expect: signedIn(200) },
  'GET /api/openapi.json': { build: get('/api/openapi.json'), expect: signedIn(200) },
  'GET /api/docs': { build: get('/api/docs'), expect: signedIn(200) },
  'GET /api/docs/static/index.html': { build: get('/api/docs/static/index.html'), expect: signedIn(302) },
  'GET /api/docs/static/swagger-initializer.js': { build: get('/api/docs/static/swagger-initializer.js'), expect: signedIn(200) },
  'GET /api/docs/json': { build: get('/api/docs/json'), expect: signedIn(200) },
  'GET /api/docs/yaml': { build: get('/api/docs/yaml'), expect: signedIn(200) },
  'GET /api/docs/static/*': { build: get('/api/docs/static/swagger-ui.css'), expect: signedIn(200) },
  'GET /api/reference': { build: get('/api/reference'), expect: signedIn(200) },
  // Another township's filter is refused like an unknown id (400 on townshipId), never an empty answer.
  'GET /api/events': { build: async (side) => ({ method: 'GET', url: `/api/events?townshipId=${townshipOf(side).townshipId}` }), expect: ownOr400 },
  'GET /api/events/:id': { build: async (side) => ({ method: 'GET', url: `/api/events/${(await createEvent(side)).id}` }), expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404) },
  'GET /api/events/:id/history': {
    build: async (side) => ({ method: 'GET', url: `/api/events/${(await createEvent(side)).id}/history` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404),
  },
  'POST /api/events': {
    build: async (side) => ({ method: 'POST', url: '/api/events', payload: { startDate: '2026-06-26', title: '新活动', townshipId: townshipOf(side).townshipId } }),
    expect: rolesOnly(['clerk', 'admin'], 201, 400),
  },
  'PATCH /api/events/:id': {
    build: async (side) => ({ method: 'PATCH', url: `/api/events/${(await createEvent(side)).id}`, payload: { version: 1, audience: 9 } }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'DELETE /api/events/:id': {
    build: async (side) => ({ method: 'DELETE', url: `/api/events/${(await createEvent(side)).id}` }),
    expect: rolesOnly(['clerk', 'admin'], 204, 404),
  },
  'GET /api/events/deleted': { build: get('/api/events/deleted'), expect: rolesOnly(['admin'], 200, 200) },
  'POST /api/events/:id/restore': {
    build: async (side) => {
      const { id } = await createEvent(side);
      await ctx.inject({ method: 'DELETE', url: `/api/events/${id}` });
      return { method: 'POST', url: `/api/events/${id}/restore` };
    },
    expect: rolesOnly(['admin'], 200, 404),
  },
  'GET /api/users': { build: get('/api/users'), expect: rolesOnly(['admin'], 200, 200) },
  'POST /api/users': {
    build: async (side) => ({
      method: 'POST', url: '/api/users',
      payload: { username: `u${Math.random().toString(36).slice(2, 10)}`, displayName: '新用户', password: 'long enough password', role: 'clerk', orgUnitId: townshipOf(side).townshipId },
    }),
    expect: rolesOnly(['admin'], 201, 400),
  },
  'PATCH /api/users/:id': {
    build: async (side) => ({ method: 'PATCH', url: `/api/users/${ctx.fixture.userIds[side === 'own' ? 'eastLeader' : 'westClerk']}`, payload: { displayName: '改名' } }),
    expect: rolesOnly(['admin'], 200, 404),
  },
  'GET /api/audit': { build: get('/api/audit'), expect: rolesOnly(['admin'], 200, 200) },
  'POST /api/campaigns': {
    build: async (side) => ({ method: 'POST', url: '/api/campaigns', payload: { townshipId: townshipOf(side).townshipId, name: '主题' } }),
    expect: rolesOnly(['admin'], 201, 400),
  },
  'PUT /api/campaigns/:id/periods/:year': {
    build: async (side) => ({ method: 'PUT', url: `/api/campaigns/${await createOwnCampaign(side)}/periods/2026`, payload: { startDate: '2026-04-01', endDate: '2026-04-03' } }),
    expect: rolesOnly(['admin'], 204, 404),
  },
  'DELETE /api/campaigns/:id/periods/:year': {
    build: async (side) => {
      const id = await createOwnCampaign(side);
      await ctx.inject({ method: 'PUT', url: `/api/campaigns/${id}/periods/2026`, payload: { startDate: '2026-04-01', endDate: '2026-04-03' } });
      return { method: 'DELETE', url: `/api/campaigns/${id}/periods/2026` };
    },
    expect: rolesOnly(['admin'], 204, 404),
  },
  'POST /api/org-units': {
    build: async (side) => ({ method: 'POST', url: '/api/org-units', payload: { parentId: townshipOf(side).townshipId, name: '新村' } }),
    expect: rolesOnly(['admin'], 201, 400),
  },
  'POST /api/departments': {
    build: async (side) => ({ method: 'POST', url: '/api/departments', payload: { townshipId: townshipOf(side).townshipId, name: '新单位' } }),
    expect: rolesOnly(['admin'], 201, 400),
  },
  'GET /api/stats': {
    build: async (side) => ({ method: 'GET', url: `/api/stats?from=2026-01-01&to=2026-12-31&groupBy=month&orgUnitId=${townshipOf(side).townshipId}` }),
    // Another township's id is refused like an unknown one.
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'GET /api/exports/annual.xlsx': {
    build: async (side) => ({ method: 'GET', url: `/api/exports/annual.xlsx?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'GET /api/reports/annual': {
    build: async (side) => ({ method: 'GET', url: `/api/reports/annual?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'GET /api/reports/annual.docx': {
    build: async (side) => ({ method: 'GET', url: `/api/reports/annual.docx?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'GET /api/exports/ledger.csv': { build: async (side) => ({ method: 'GET', url: `/api/exports/ledger.csv?townshipId=${townshipOf(side).townshipId}` }), expect: ownOr400 },
  'GET /api/plans': { build: async (side) => ({ method: 'GET', url: `/api/plans?townshipId=${townshipOf(side).townshipId}&year=2026` }), expect: ownOr400 },
  'POST /api/plans': {
    build: async (side) => ({ method: 'POST', url: '/api/plans', payload: { townshipId: townshipOf(side).townshipId, year: 2026, title: '计划', targetMonth: 6 } }),
    expect: rolesOnly(['clerk', 'admin'], 201, 400),
  },
  'PATCH /api/plans/:id': {
    build: async (side) => ({ method: 'PATCH', url: `/api/plans/${await createPlanItem(side)}`, payload: { title: '改' } }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'DELETE /api/plans/:id': { build: async (side) => ({ method: 'DELETE', url: `/api/plans/${await createPlanItem(side)}` }), expect: rolesOnly(['clerk', 'admin'], 204, 404) },
  'POST /api/plans/copy': {
    build: async (side) => {
      copyYear += 2; // a fresh pair of years for each call
      const year = copyYear;
      await createPlanItem(side, year);
      return { method: 'POST', url: '/api/plans/copy', payload: { townshipId: townshipOf(side).townshipId, fromYear: year, toYear: year + 1 } };
    },
    expect: rolesOnly(['clerk', 'admin'], 201, 400),
  },
  'GET /api/plans/check': {
    build: async (side) => ({ method: 'GET', url: `/api/plans/check?townshipId=${townshipOf(side).townshipId}&year=2026` }),
    expect: ownOr400,
  },
  'GET /api/plans/suggestions': {
    build: async (side) => ({ method: 'GET', url: `/api/plans/suggestions?eventId=${(await createEvent(side)).id}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404),
  },
  'POST /api/plans/:id/events': {
    build: async (side) => ({ method: 'POST', url: `/api/plans/${await createPlanItem(side)}/events`, payload: { eventId: (await createEvent(side)).id } }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'DELETE /api/plans/:id/events/:eventId': {
    build: async (side) => {
      const id = await createPlanItem(side);
      const eventId = (await createEvent(side)).id;
      await ctx.inject({ method: 'POST', url: `/api/plans/${id}/events`, payload: { eventId } });
      return { method: 'DELETE', url: `/api/plans/${id}/events/${eventId}` };
    },
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'POST /api/imports': { build: importUpload, expect: rolesOnly(['clerk', 'admin'], 201, 400) },
  'GET /api/imports': { build: get('/api/imports'), expect: signedIn(200) },
  'GET /api/imports/template.xlsx': {
    build: async (side) => ({ method: 'GET', url: `/api/imports/template.xlsx?townshipId=${townshipOf(side).townshipId}` }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'GET /api/imports/:id': {
    build: async (side) => ({ method: 'GET', url: `/api/imports/${await createImport(side)}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404),
  },
  'PATCH /api/imports/:id': {
    build: async (side) => ({ method: 'PATCH', url: `/api/imports/${await createImport(side)}`, payload: { year: 2019 } }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'POST /api/imports/:id/commit': {
    build: async (side) => ({ method: 'POST', url: `/api/imports/${await createImport(side)}/commit` }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'GET /api/imports/:id/commit-job': {
    build: async (side) => ({ method: 'GET', url: `/api/imports/${await createCommitJob(side)}/commit-job` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404),
  },
  'POST /api/imports/:id/commit-job/cancel': {
    build: async (side) => ({ method: 'POST', url: `/api/imports/${await createCommitJob(side)}/commit-job/cancel` }),
    // Started by the county administrator: a clerk may cancel only their own (403, told who can).
    expect: (who, side) => (who === 'anonymous' ? 401 : who === 'leader' ? 403 : side === 'other' ? 404 : who === 'clerk' ? 403 : 200),
  },
  'POST /api/imports/:id/undo': {
    build: async (side) => ({ method: 'POST', url: `/api/imports/${await createImport(side, true)}/undo` }),
    // Committed by the county administrator: a clerk may undo only their own imports (403, told who can).
    expect: (who, side) => (who === 'anonymous' ? 401 : who === 'leader' ? 403 : side === 'other' ? 404 : who === 'clerk' ? 403 : 200),
  },
  'GET /api/imports/remembered': {
    build: async (side) => ({ method: 'GET', url: `/api/imports/remembered?townshipId=${townshipOf(side).townshipId}` }),
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'DELETE /api/imports/remembered': {
    build: async (side) => {
      await ctx.db.prisma.importProfile.upsert({
        where: { townshipId: townshipOf(side).townshipId },
        create: { townshipId: townshipOf(side).townshipId, mapping: { 矩阵列: 'notes' }, aliases: {} },
        update: { mapping: { 矩阵列: 'notes' } },
      });
      return { method: 'DELETE', url: `/api/imports/remembered?townshipId=${townshipOf(side).townshipId}&kind=columns&key=${encodeURIComponent('矩阵列')}` };
    },
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'GET /api/submissions': { build: get('/api/submissions?year=2026'), expect: signedIn(200) },
  'GET /api/submissions/summary': {
    build: async (side) => ({ method: 'GET', url: `/api/submissions/summary?townshipId=${townshipOf(side).townshipId}&period=2026-06` }),
    expect: ownOr400,
  },
  'POST /api/submissions': {
    build: async (side) => ({ method: 'POST', url: '/api/submissions', payload: { townshipId: townshipOf(side).townshipId, period: nextPeriod() } }),
    expect: rolesOnly(['clerk', 'admin'], 201, 400),
  },
  'GET /api/submissions/:id': {
    build: async (side) => ({ method: 'GET', url: `/api/submissions/${await createSubmission(side)}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 404),
  },
  'POST /api/submissions/:id/approve': {
    build: async (side) => ({ method: 'POST', url: `/api/submissions/${await createSubmission(side)}/approve` }),
    expect: countyReviewers,
  },
  'POST /api/submissions/:id/return': {
    build: async (side) => ({ method: 'POST', url: `/api/submissions/${await createSubmission(side)}/return`, payload: { reason: '矩阵' } }),
    expect: countyReviewers,
  },
  'GET /api/reporting-settings': { build: get('/api/reporting-settings'), expect: signedIn(200) },
  // County administrators only: a township's administrator is refused too.
  'PUT /api/reporting-settings': {
    build: async () => ({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 5, yearDueMonth: 3, yearDueDay: 1 } }),
    expect: rolesOnly(['admin'], 403, 403),
  },
  'GET /api/county/ranking': { build: get('/api/county/ranking?period=2026-06'), expect: signedIn(200) },
  'GET /api/county/ranking.csv': { build: get('/api/county/ranking.csv?period=2026-06'), expect: signedIn(200) },
  'GET /api/county/named-days': { build: get('/api/county/named-days?year=2026'), expect: signedIn(200) },
  // Counts one level down: a township user's own township is no unit above townships (400 on id), another's is out of reach (404).
  'GET /api/org-units/:id/submission-progress': {
    build: async (side) => ({ method: 'GET', url: `/api/org-units/${townshipOf(side).townshipId}/submission-progress?year=2026` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 400 : 404),
  },
  'GET /api/org-units/:id/named-day-progress': {
    build: async (side) => ({ method: 'GET', url: `/api/org-units/${townshipOf(side).townshipId}/named-day-progress?year=2026` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 400 : 404),
  },
  // The user's own unit, whoever they are: nothing to ask for outside it.
  'GET /api/screen': { build: get('/api/screen'), expect: signedIn(200) },
  'GET /api/screen/stream': { build: get('/api/screen/stream'), expect: signedIn(200) },
  'GET /api/calendar': {
    build: async (side) => ({ method: 'GET', url: `/api/calendar?townshipId=${townshipOf(side).townshipId}&from=2026-06-01&to=2026-06-30` }),
    expect: ownOr400,
  },
  // Shared by every township: the matrix's township administrator may read, not edit (403 either side).
  'GET /api/catalogs/:catalog': { build: get('/api/catalogs/laws'), expect: rolesOnly(['admin'], 200, 200) },
  'POST /api/catalogs/:catalog': {
    build: async () => ({ method: 'POST', url: '/api/catalogs/laws', payload: { name: '新法' } }),
    expect: rolesOnly(['admin'], 403, 403),
  },
  'PATCH /api/catalogs/:catalog/:id': {
    build: async () => ({ method: 'PATCH', url: '/api/catalogs/laws/1', payload: { nameEn: 'Constitution' } }),
    expect: rolesOnly(['admin'], 403, 403),
  },
  'PATCH /api/departments/:id': {
    build: async (side) => ({ method: 'PATCH', url: `/api/departments/${townshipOf(side).departmentIds[0]}`, payload: { nameEn: 'Judicial office' } }),
    expect: rolesOnly(['admin'], 204, 404),
  },
  'POST /api/events/:id/files': { build: fileUpload, expect: rolesOnly(['clerk', 'admin'], 201, 404) },
  'GET /api/events/:id/files': { build: async (side) => ({ method: 'GET', url: `/api/events/${(await createEvent(side)).id}/files` }), expect: ownOr404 },
  'GET /api/files/:id': { build: async (side) => ({ method: 'GET', url: `/api/files/${await createFile(side)}` }), expect: ownOr404 },
  'GET /api/files/:id/thumbnail': { build: async (side) => ({ method: 'GET', url: `/api/files/${await createFile(side)}/thumbnail` }), expect: ownOr404 },
  'PATCH /api/files/:id': { build: async (side) => ({ method: 'PATCH', url: `/api/files/${await createFile(side)}`, payload: { caption: '矩阵' } }), expect: rolesOnly(['clerk', 'admin'], 200, 404) },
  'DELETE /api/files/:id': { build: async (side) => ({ method: 'DELETE', url: `/api/files/${await createFile(side)}` }), expect: rolesOnly(['clerk', 'admin'], 204, 404) },
  'POST /api/files/:id/restore': {
    build: async (side) => {
      const id = await createFile(side);
      await ctx.inject({ method: 'DELETE', url: `/api/files/${id}` });
      return { method: 'POST', url: `/api/files/${id}/restore` };
    },
    expect: rolesOnly(['clerk', 'admin'], 200, 404),
  },
  'GET /api/exports/evidence.zip': {
    build: async (side) => ({ method: 'GET', url: `/api/exports/evidence.zip?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'GET /api/exports/evidence.pdf': {
    build: async (side) => ({ method: 'GET', url: `/api/exports/evidence.pdf?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
  'POST /api/export-jobs/workbook': startJob('workbook'),
  'POST /api/export-jobs/evidence-zip': startJob('evidence-zip'),
  'POST /api/export-jobs/evidence-pdf': startJob('evidence-pdf'),
  'POST /api/export-jobs/report-docx': startJob('report-docx'),
  'POST /api/export-jobs/ledger-csv': {
    build: async (side) => ({ method: 'POST', url: `/api/export-jobs/ledger-csv?townshipId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 202 : 400),
  },
  'GET /api/export-jobs': { build: get('/api/export-jobs'), expect: signedIn(200) },
  'GET /api/export-jobs/:id': { build: async (side, who) => ({ method: 'GET', url: `/api/export-jobs/${await createExportJob(side, who)}` }), expect: ownJobOr404 },
  'GET /api/export-jobs/:id/file': { build: async (side, who) => ({ method: 'GET', url: `/api/export-jobs/${await createExportJob(side, who)}/file` }), expect: ownJobOr404 },
  'POST /api/export-jobs/:id/cancel': { build: async (side, who) => ({ method: 'POST', url: `/api/export-jobs/${await createExportJob(side, who)}/cancel` }), expect: ownJobOr404 },
  'GET /api/reports/evidence': {
    build: async (side) => ({ method: 'GET', url: `/api/reports/evidence?year=2026&orgUnitId=${townshipOf(side).townshipId}` }),
    expect: (who, side) => (who === 'anonymous' ? 401 : side === 'own' ? 200 : 400),
  },
};

async function send(context: TestContext, who: Who, options: InjectOptions, url: string) {
  if (who === 'anonymous') return context.app.inject(options);
  // Logging out ends the session: use a session of its own.
  const cookie = url === '/api/auth/logout' ? await signIn(context.app, USERS[who]) : context.cookies[USERS[who]];
  return context.app.inject({ ...options, headers: { ...options.headers, cookie } });
}

describe('the authorisation matrix', () => {
  it('has a rule for every route of the app, and no rule for a route that is gone', () => {
    const routes = ctx.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !RULES[r]), 'routes without an entry in this test').toEqual([]);
    expect(Object.keys(RULES).filter((r) => !routes.includes(r)), 'entries for routes that do not exist').toEqual([]);
  });

  it('answers every route, role and township as documented', async () => {
    const failures: string[] = [];
    for (const route of ctx.app.routeTable) {
      const key = `${route.method} ${route.url}`;
      const rule = RULES[key];
      if (!rule) continue;
      for (const who of WHO) {
        for (const side of ['own', 'other'] as const) {
          const options = await rule.build(side, who);
          const res = await send(ctx, who, options, route.url);
          const expected = rule.expect(who, side);
          if (res.statusCode !== expected) failures.push(`${key} as ${who} (${side}): ${res.statusCode}, expected ${expected} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route × 8 callers, one after another: past the default 30 s on a busy shared machine.
  }, 120_000);

  it("never lists another township's events, totals or villages", async () => {
    await createEvent('other');
    const asClerk = (url: string) => ctx.inject({ method: 'GET', url, as: 'eastClerk' });
    const all = (await asClerk('/api/events?pageSize=200')).json<{ items: Event[]; totals: { activities: number } }>();
    expect(all.items.every((e) => e.townshipId === ctx.fixture.east.townshipId)).toBe(true);
    const west = await asClerk(`/api/events?townshipId=${ctx.fixture.west.townshipId}`);
    expect(west.statusCode).toBe(400);
    expect(west.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['townshipId']);
    const westVillage = await asClerk(`/api/events?villageId=${ctx.fixture.west.villageIds[0]}`);
    expect(westVillage.statusCode).toBe(400);
    expect(westVillage.json<{ fields: { field: string }[] }>().fields.map((f) => f.field)).toEqual(['villageId']);
    const reference = (await asClerk('/api/reference')).json<{ orgUnits: { children: { id: number }[] }[]; departments: { townshipId: number }[] }>();
    expect(reference.orgUnits[0]!.children.map((t) => t.id)).toEqual([ctx.fixture.east.townshipId]);
    expect(reference.departments.every((d) => d.townshipId === ctx.fixture.east.townshipId)).toBe(true);
  });

  it('lets only the top of the tree change the dates of the shared built-in calendar', async () => {
    const reference = (await ctx.inject({ method: 'GET', url: '/api/reference' })).json<{ campaigns: { id: number; code: string }[] }>();
    const week = reference.campaigns.find((c) => c.code === 'constitution-week')!;
    const put = (as: TestUser) => ctx.inject({ method: 'PUT', url: `/api/campaigns/${week.id}/periods/2027`, payload: { startDate: '2027-12-01', endDate: '2027-12-07' }, as });
    // A shared campaign the township sees but may not change: 403, as docs/security.md says.
    expect((await put('eastAdmin')).statusCode).toBe(403);
    expect((await put('countyAdmin')).statusCode).toBe(204);
  });
});
