// Submissions (上报) and the period lock, on a real database: every write path
// into a submitted or approved period is refused with the reason, a return
// lifts the lock, reviewers are the county's, scoping holds, and a submit and
// a write of the same period take turns (PostgreSQL, two real connections).
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, periodLockKey, seedCounty, seedTownship, createEventsInTransaction, deleteEventsInTransaction, SYSTEM_ACTOR } from '@pufa/db';
import type { Event, EventCreate, ImportBatch, PeriodSummary, Submission, SubmissionDetail, SubmissionGrid } from '@pufa/domain';
import { multipartBody } from './import-fixtures.ts';
import { png } from './evidence-fixtures.ts';
import { signIn, TEST_PASSWORD, testDatabaseKind, useTestApp, type TestUser } from './helper.ts';

const ctx = useTestApp();
let otherCountyCookie = '';

beforeAll(async () => {
  // A second county with its own administrator: it must see nothing of the first.
  const other = await seedCounty(ctx.db.prisma, { code: 'other-county', name: '他县', nameEn: 'Other County' });
  await seedTownship(ctx.db.prisma, { countyId: other.id, code: 'far', name: '远镇', nameEn: 'Far Town', villages: [{ code: 'far-v1', name: '远村', nameEn: 'Far Village' }] });
  await ctx.db.prisma.user.create({ data: { username: 'otheradmin', displayName: 'otherAdmin', role: 'admin', orgUnitId: other.id, passwordHash: await hashPassword(TEST_PASSWORD) } });
  otherCountyCookie = await signIn(ctx.app, 'otheradmin');
});

const eastEvent = (startDate: string, overrides: Partial<EventCreate> = {}): EventCreate => ({
  startDate,
  title: '法律进村宣传',
  townshipId: ctx.fixture.east.townshipId,
  villageIds: [ctx.fixture.east.villageIds[0]!],
  audience: 100,
  materials: [{ materialTypeId: ctx.fixture.material('leaflet'), quantity: 200 }],
  ...overrides,
});

const createEvent = (body: EventCreate, as: TestUser = 'eastClerk') => ctx.inject({ method: 'POST', url: '/api/events', payload: body, as });
async function created(body: EventCreate) {
  const res = await createEvent(body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Event>();
}
const submit = (period: string, as: TestUser = 'eastClerk', note?: string, townshipId = ctx.fixture.east.townshipId) =>
  ctx.inject({ method: 'POST', url: '/api/submissions', payload: { townshipId, period, ...(note ? { note } : {}) }, as });
async function submitted(period: string, note?: string) {
  const res = await submit(period, 'eastClerk', note);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Submission>();
}
const review = (id: number, step: 'approve' | 'return', as: TestUser = 'countyAdmin', reason?: string) =>
  ctx.inject({ method: 'POST', url: `/api/submissions/${id}/${step}`, payload: step === 'return' ? { reason } : undefined, as });

function expectLocked(res: { statusCode: number; body: string; json: () => unknown }, message: string, period: string) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json()).toMatchObject({ message, lockedPeriod: period });
}

describe('the period lock', () => {
  it('refuses create, edit, delete and restore in a submitted month with the reason, and lifts with a return', async () => {
    const kept = await created(eastEvent('2026-11-10'));
    const deleted = await created(eastEvent('2026-11-12'));
    expect((await ctx.inject({ method: 'DELETE', url: `/api/events/${deleted.id}`, as: 'eastClerk' })).statusCode).toBe(204);
    const submission = await submitted('2026-11', '11月共开展2次');
    expect(submission).toMatchObject({ period: '2026-11', status: 'submitted', note: '11月共开展2次', submittedBy: 'eastClerk' });

    const reason = '2026年11月已上报，需县级退回后才能修改';
    expectLocked(await createEvent(eastEvent('2026-11-20')), reason, '2026-11');
    expectLocked(await ctx.inject({ method: 'PATCH', url: `/api/events/${kept.id}`, payload: { version: kept.version, audience: 999 }, as: 'eastClerk' }), reason, '2026-11');
    expectLocked(await ctx.inject({ method: 'DELETE', url: `/api/events/${kept.id}`, as: 'eastClerk' }), reason, '2026-11');
    expectLocked(await ctx.inject({ method: 'POST', url: `/api/events/${deleted.id}/restore` }), reason, '2026-11');
    // Moving an event into the locked month, or out of it, changes its figures too.
    const october = await created(eastEvent('2026-10-15'));
    expectLocked(await ctx.inject({ method: 'PATCH', url: `/api/events/${october.id}`, payload: { version: 1, startDate: '2026-11-02' }, as: 'eastClerk' }), reason, '2026-11');
    expectLocked(await ctx.inject({ method: 'PATCH', url: `/api/events/${kept.id}`, payload: { version: 1, startDate: '2026-10-02' }, as: 'eastClerk' }), reason, '2026-11');
    // Nothing changed: the event, its totals and the other township's month are as they were.
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${kept.id}` })).json<Event>()).toMatchObject({ audience: 100, version: 1, startDate: '2026-11-10' });
    const summary = (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(ctx.fixture.east.townshipId), period: '2026-11' } })).json<PeriodSummary>();
    expect(summary.totals).toMatchObject({ activities: 1, audience: 100, leaflets: 200 });
    expect((await createEvent(eastEvent('2026-11-20', { townshipId: ctx.fixture.west.townshipId, villageIds: [] }), 'westClerk')).statusCode).toBe(201);

    // Approved stays locked, with the approval's words.
    expect((await review(submission.id, 'approve')).json<Submission>()).toMatchObject({ status: 'approved', reviewedBy: 'countyAdmin' });
    expectLocked(await createEvent(eastEvent('2026-11-21')), '2026年11月已通过县级审核，需县级退回后才能修改', '2026-11');

    // A return opens the month again; the reason shows on the grid until the township resubmits.
    expect((await review(submission.id, 'return', 'countyAdmin', '请补充各村活动照片')).json<Submission>()).toMatchObject({ status: 'returned', returnReason: '请补充各村活动照片' });
    const grid = (await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2026' }, as: 'eastClerk' })).json<SubmissionGrid>();
    expect(grid.rows.map((r) => r.townshipId)).toEqual([ctx.fixture.east.townshipId]);
    expect(grid.rows[0]!.cells[10]).toMatchObject({ period: '2026-11', status: 'returned', returnReason: '请补充各村活动照片', submissionId: submission.id });
    const patched = await ctx.inject({ method: 'PATCH', url: `/api/events/${kept.id}`, payload: { version: 1, audience: 150 }, as: 'eastClerk' });
    expect(patched.statusCode, patched.body).toBe(200);
    const again = await submitted('2026-11', '已补充');
    expect(again.id).toBe(submission.id);
    expect((await review(submission.id, 'approve', 'countyLeader')).statusCode).toBe(200);

    // The history names every step, who and what.
    const detail = (await ctx.inject({ method: 'GET', url: `/api/submissions/${submission.id}`, as: 'eastClerk' })).json<SubmissionDetail>();
    expect(detail.history.map((s) => [s.action, s.by, s.text])).toEqual([
      ['submit', 'eastClerk', '11月共开展2次'],
      ['approve', 'countyAdmin', ''],
      ['return', 'countyAdmin', '请补充各村活动照片'],
      ['submit', 'eastClerk', '已补充'],
      ['approve', 'countyLeader', ''],
    ]);
  });

  it('locks every month of a submitted year', async () => {
    const res = await submit('2025');
    expect(res.statusCode, res.body).toBe(201);
    expectLocked(await createEvent(eastEvent('2025-06-01')), '2025年已上报，需县级退回后才能修改', '2025');
    expectLocked(await createEvent(eastEvent('2025-12-31')), '2025年已上报，需县级退回后才能修改', '2025');
    expect((await createEvent(eastEvent('2024-12-31'))).statusCode).toBe(201);
  });

  it('refuses moving an event into another township whose month is submitted, and leaves it where it was', async () => {
    const westSubmit = await submit('2026-10', 'westClerk', undefined, ctx.fixture.west.townshipId);
    expect(westSubmit.statusCode, westSubmit.body).toBe(201);
    // East's October is open: only the township the event moves into is locked.
    const event = await created(eastEvent('2026-10-20'));
    const moved = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: event.version, townshipId: ctx.fixture.west.townshipId, villageIds: [] } });
    expectLocked(moved, '2026年10月已上报，需县级退回后才能修改', '2026-10');
    expect((await ctx.inject({ method: 'GET', url: `/api/events/${event.id}` })).json<Event>()).toMatchObject({ townshipId: ctx.fixture.east.townshipId, version: 1 });
    // The same change of township at the SQL level: the trigger, not the repository, refuses it.
    await expect(ctx.db.prisma.$executeRaw`UPDATE event SET township_id = ${ctx.fixture.west.townshipId} WHERE id = ${event.id}`).rejects.toThrow(/period 2026-10 is submitted/);
    // East's own October is open: the event may still change there.
    const patched = await ctx.inject({ method: 'PATCH', url: `/api/events/${event.id}`, payload: { version: event.version, audience: 5 }, as: 'eastClerk' });
    expect(patched.statusCode, patched.body).toBe(200);
  });

  it('refuses a raw DELETE FROM event in a submitted month (PF001), and lets one through in an open month', async () => {
    const locked = await created(eastEvent('2023-03-10'));
    const open = await created(eastEvent('2023-04-10'));
    await submitted('2023-03');
    const prisma = ctx.db.prisma;
    const error = await prisma.$executeRaw`DELETE FROM event WHERE id = ${locked.id}`.then(() => null, (e: unknown) => e);
    expect(String(error)).toMatch(/period 2023-03 is submitted/);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error ?? {}))).toContain('PF001');
    expect(await prisma.event.count({ where: { id: locked.id } })).toBe(1);
    // An open month's row really goes (the trigger returns the old row for a DELETE).
    expect(await prisma.$executeRaw`DELETE FROM event WHERE id = ${open.id}`).toBe(1);
    expect(await prisma.event.count({ where: { id: open.id } })).toBe(0);
  });

  it('holds for the batch entry points of the import and its undo, and for an import through the API', async () => {
    const importCsv = async (text: string, name: string) =>
      ctx.inject({ method: 'POST', url: '/api/imports', ...(await multipartBody({ bytes: Buffer.from(text, 'utf8'), name }, { townshipId: String(ctx.fixture.east.townshipId) })) });
    const open = await created(eastEvent('2026-09-03'));
    await submitted('2026-09');
    const prisma = ctx.db.prisma;
    await expect(prisma.$transaction((tx) => createEventsInTransaction(tx, SYSTEM_ACTOR, [eastEvent('2026-09-09')]))).rejects.toThrow(/period 2026-09 is submitted/);
    await expect(prisma.$transaction((tx) => deleteEventsInTransaction(tx, SYSTEM_ACTOR, [open.id]))).rejects.toThrow(/period 2026-09 is submitted/);
    expect(await prisma.event.count({ where: { townshipId: ctx.fixture.east.townshipId, startDate: { gte: new Date('2026-09-01'), lt: new Date('2026-10-01') } } })).toBe(1);

    // An import whose rows fall in the submitted month: the preview marks them with the reason, the commit creates the rest.
    const upload = await importCsv('时间,活动名称,参与人数\r\n2026/9/20,法律进村,50\r\n2026/8/20,法律进校园,60\r\n', '九月.csv');
    expect(upload.statusCode, upload.body).toBe(201);
    const batch = upload.json<ImportBatch>();
    expect(batch.summary).toMatchObject({ valid: 1, locked: 1 });
    expect(batch.rows.find((r) => r.status === 'locked')?.reason?.message).toBe('2026年9月已上报，需县级退回后才能修改');
    const committed = await ctx.inject({ method: 'POST', url: `/api/imports/${batch.id}/commit` });
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json<{ created: number }>().created).toBe(1);
    expect(await prisma.event.count({ where: { townshipId: ctx.fixture.east.townshipId, startDate: new Date('2026-08-20') } })).toBe(1);
    expect(await prisma.event.count({ where: { townshipId: ctx.fixture.east.townshipId, startDate: { gte: new Date('2026-09-01'), lt: new Date('2026-10-01') } } })).toBe(1);

    // A month submitted between the preview and the commit: the commit reads the locks again and leaves its rows out.
    const december = (await importCsv('时间,活动名称,参与人数\r\n2026/12/1,法律进企业,40\r\n', '十二月.csv')).json<ImportBatch>();
    expect(december.summary.valid).toBe(1);
    await submitted('2026-12');
    const late = await ctx.inject({ method: 'POST', url: `/api/imports/${december.id}/commit` });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json<{ created: number; summary: { locked: number } }>()).toMatchObject({ created: 0, summary: { locked: 1 } });
    expect(await prisma.event.count({ where: { townshipId: ctx.fixture.east.townshipId, startDate: new Date('2026-12-01') } })).toBe(0);

    // Imported into an open month, then the month is submitted: the undo is refused too.
    const augustCsv = Buffer.from('时间,活动名称,参与人数\r\n2026/7/20,法律进校园,60\r\n', 'utf8');
    const july = (await ctx.inject({ method: 'POST', url: '/api/imports', ...(await multipartBody({ bytes: augustCsv, name: '七月.csv' }, { townshipId: String(ctx.fixture.east.townshipId) })) })).json<ImportBatch>();
    expect((await ctx.inject({ method: 'POST', url: `/api/imports/${july.id}/commit` })).statusCode).toBe(200);
    await submitted('2026-07');
    expectLocked(await ctx.inject({ method: 'POST', url: `/api/imports/${july.id}/undo` }), '2026年7月已上报，需县级退回后才能修改', '2026-07');
  });
});

describe('who may do what', () => {
  it('a township cannot approve or return; a township administrator neither', async () => {
    const s = await submitted('2026-06');
    for (const user of ['eastClerk', 'eastLeader', 'eastAdmin'] as const) {
      expect((await review(s.id, 'approve', user)).statusCode).toBe(403);
      expect((await review(s.id, 'return', user, '不行')).statusCode).toBe(403);
    }
    expect((await ctx.inject({ method: 'GET', url: `/api/submissions/${s.id}`, as: 'eastClerk' })).json<Submission>().status).toBe('submitted');
  });

  it('the county reviews but never submits for a township, not even after a return; the township\'s administrator may', async () => {
    const first = await submit('2026-08', 'countyAdmin');
    expect(first.json()).toMatchObject({ statusCode: 403, message: '只有本乡镇的录入员或管理员可以上报；县级可以审核通过或退回' });
    expect((await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(ctx.fixture.east.townshipId), period: '2026-08' } })).json<PeriodSummary>().cell.status).toBe('none');
    const s = await submitted('2026-08');
    expect((await review(s.id, 'return', 'countyAdmin', '补充照片')).statusCode).toBe(200);
    for (const user of ['countyAdmin', 'countyLeader'] as const) expect((await submit('2026-08', user)).statusCode).toBe(403);
    expect((await ctx.inject({ method: 'GET', url: `/api/submissions/${s.id}` })).json<Submission>().status).toBe('returned');
    const again = await submit('2026-08', 'eastAdmin');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<Submission>()).toMatchObject({ id: s.id, status: 'submitted', submittedBy: 'eastAdmin' });
  });

  it('a leader cannot submit; a clerk of another township cannot submit or see it', async () => {
    expect((await submit('2026-05', 'eastLeader')).statusCode).toBe(403);
    expect((await submit('2026-05', 'westClerk')).statusCode).toBe(400);
    const s = await submitted('2026-05');
    expect((await ctx.inject({ method: 'GET', url: `/api/submissions/${s.id}`, as: 'westClerk' })).statusCode).toBe(404);
    expect((await review(s.id, 'approve', 'westClerk')).statusCode).toBe(403);
  });

  it('another county sees none of our submissions, and cannot review them', async () => {
    const s = await submitted('2026-04');
    const asOther = (method: 'GET' | 'POST', url: string, payload?: object) => ctx.app.inject({ method, url, payload, headers: { cookie: otherCountyCookie } });
    expect((await asOther('GET', `/api/submissions/${s.id}`)).statusCode).toBe(404);
    expect((await asOther('POST', `/api/submissions/${s.id}/approve`)).statusCode).toBe(404);
    expect((await asOther('POST', `/api/submissions/${s.id}/return`, { reason: 'x' })).statusCode).toBe(404);
    const grid = await asOther('GET', `/api/submissions?year=2026&countyId=${ctx.fixture.countyId}`);
    expect(grid.statusCode).toBe(400);
    expect(grid.json()).toMatchObject({ fields: [{ field: 'countyId' }] });
    expect((await asOther('GET', `/api/county/ranking?period=2026-04&countyId=${ctx.fixture.countyId}`)).statusCode).toBe(400);
    // Its own grid has its own township only.
    expect((await asOther('GET', '/api/submissions?year=2026')).json<SubmissionGrid>().rows.map((r) => r.name)).toEqual(['远镇']);
    // Its dashboard counts its own county only: our townships' events are not its figures.
    await created(eastEvent('2023-05-05'));
    const year = '/api/stats?from=2023-01-01&to=2023-12-31&groupBy=month';
    const ours = (await ctx.inject({ method: 'GET', url: year })).json<{ totals: { activities: number } }>();
    expect(ours.totals.activities).toBeGreaterThan(0);
    const theirs = await asOther('GET', year);
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json<{ totals: { activities: number } }>().totals.activities).toBe(0);
  });

  it('answers a step the status does not allow with 409, and bad input with field errors', async () => {
    const s = await submitted('2026-03');
    expect((await submit('2026-03')).statusCode).toBe(409);
    expect((await review(s.id, 'approve')).statusCode).toBe(200);
    expect((await review(s.id, 'approve')).json()).toMatchObject({ statusCode: 409, message: '2026年3月已通过，不能审核通过' });
    // Approved: submitting it again is refused, and the approval stands (status, reviewer, history).
    expect((await submit('2026-03')).json()).toMatchObject({ statusCode: 409, message: '2026年3月已通过，不能再次上报' });
    expect((await ctx.inject({ method: 'GET', url: `/api/submissions/${s.id}` })).json<SubmissionDetail>()).toMatchObject({ status: 'approved', reviewedBy: 'countyAdmin', history: [{ action: 'submit' }, { action: 'approve' }] });
    const noReason = await review(s.id, 'return', 'countyAdmin', '  ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ fields: [{ field: 'reason' }] });
    expect((await ctx.inject({ method: 'GET', url: `/api/submissions/${s.id}` })).json<Submission>().status).toBe('approved');
    for (const period of ['2026-13', '26-11', '2026-1', '']) {
      const res = await submit(period);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ fields: [{ field: 'period' }] });
    }
    expect((await submit('2099-01')).json()).toMatchObject({ statusCode: 400, fields: [{ field: 'period', message: '上报期：该期尚未开始，不能上报' }] });
    expect((await ctx.inject({ method: 'GET', url: '/api/submissions/999999' })).statusCode).toBe(404);
    expect((await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '1999' } })).statusCode).toBe(400);
  });

  it('county administrators set the due days; the grid follows them', async () => {
    const bad = await ctx.inject({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 31, yearDueMonth: 3, yearDueDay: 1 } });
    expect(bad.json()).toMatchObject({ statusCode: 400, fields: [{ field: 'monthDueDay' }] });
    expect((await ctx.inject({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 10, yearDueMonth: 2, yearDueDay: 15 }, as: 'eastAdmin' })).statusCode).toBe(403);
    expect((await ctx.inject({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 10, yearDueMonth: 2, yearDueDay: 15 }, as: 'countyLeader' })).statusCode).toBe(403);
    const saved = await ctx.inject({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 10, yearDueMonth: 2, yearDueDay: 15 } });
    expect(saved.json()).toEqual({ countyId: ctx.fixture.countyId, monthDueDay: 10, yearDueMonth: 2, yearDueDay: 15 });
    const grid = (await ctx.inject({ method: 'GET', url: '/api/submissions', query: { year: '2024' } })).json<SubmissionGrid>();
    expect(grid.rows[0]!.cells.map((c) => c.dueDate)).toEqual([
      '2024-02-10', '2024-03-10', '2024-04-10', '2024-05-10', '2024-06-10', '2024-07-10', '2024-08-10', '2024-09-10', '2024-10-10', '2024-11-10', '2024-12-10', '2025-01-10', '2025-02-15',
    ]);
    await ctx.inject({ method: 'PUT', url: '/api/reporting-settings', payload: { monthDueDay: 5, yearDueMonth: 3, yearDueDay: 1 } });
  });
});

/** Waits until a request on another connection is queued behind an advisory lock of this database. */
async function untilSomeoneWaitsForAdvisoryLock() {
  // Nobody waiting after 10 s means the lock was not taken (or not shared): fail clearly rather than time out.
  for (const deadline = Date.now() + 10_000; ; ) {
    if (Date.now() > deadline) throw new Error('no request waited for an advisory lock: the period lock let both through');
    const [row] = await ctx.db.prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    if (row!.n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function heldTransaction(work: (tx: Parameters<Parameters<typeof ctx.db.prisma.$transaction>[0]>[0]) => Promise<unknown>) {
  let release!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = ctx.db.prisma.$transaction(async (tx) => {
    await work(tx);
    started();
    await gate;
  }, { timeout: 120_000, maxWait: 120_000 });
  return { ready, release, done };
}

// PGlite has one connection: two at once exist only on PostgreSQL (not a skip: nothing to run there).
if (testDatabaseKind() === 'postgresql') describe('a submit and a write of the same period at once (READ COMMITTED, two connections)', () => {
  it('a submit waits for a write in flight, which then counts in the submitted figures', async () => {
    const event = await created(eastEvent('2026-02-10'));
    const write = heldTransaction((tx) => tx.$executeRaw`UPDATE event SET audience = 777 WHERE id = ${event.id}`);
    await write.ready;
    const submitting = submit('2026-02');
    await untilSomeoneWaitsForAdvisoryLock();
    write.release();
    await write.done;
    expect((await submitting).statusCode).toBe(201);
    const summary = (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(ctx.fixture.east.townshipId), period: '2026-02' } })).json<PeriodSummary>();
    expect(summary.totals.audience).toBe(777);
    expect((await createEvent(eastEvent('2026-02-11'))).statusCode).toBe(409);
  });

  it('a write held open on a month makes a submit of its whole year wait, and the write counts in the year', async () => {
    const west = ctx.fixture.west.townshipId;
    const june = await createEvent(eastEvent('2025-06-15', { townshipId: west, villageIds: [] }), 'westClerk');
    expect(june.statusCode, june.body).toBe(201);
    const event = june.json<Event>();
    const write = heldTransaction((tx) => tx.$executeRaw`UPDATE event SET audience = 555 WHERE id = ${event.id}`);
    await write.ready;
    let settled = false;
    const submitting = submit('2025', 'westClerk', undefined, west).finally(() => (settled = true));
    await untilSomeoneWaitsForAdvisoryLock();
    // Still waiting while the month's write is open.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    write.release();
    await write.done;
    expect((await submitting).statusCode).toBe(201);
    const year = (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(west), period: '2025' } })).json<PeriodSummary>();
    expect(year.totals.audience).toBe(555);
  });

  it('a write that arrives during a submit waits for it, then is refused', async () => {
    const township = ctx.fixture.east.townshipId;
    const submitInFlight = heldTransaction(async (tx) => {
      // What the submit does before it commits: the period's lock, exclusively, then the row.
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${township}::int4, ${periodLockKey('2026-01')}::int4)`;
      await tx.submission.create({ data: { townshipId: township, period: '2026-01', status: 'submitted', submittedAt: new Date() } });
    });
    await submitInFlight.ready;
    const writing = createEvent(eastEvent('2026-01-15'));
    await untilSomeoneWaitsForAdvisoryLock();
    submitInFlight.release();
    await submitInFlight.done;
    expectLocked(await writing, '2026年1月已上报，需县级退回后才能修改', '2026-01');
  });
});

describe('the gaps a township sees before it submits', () => {
  it('count the events without villages, without materials and without evidence, as the ledger finds them', async () => {
    // A month no other test here submits (a submitted month would refuse these creates).
    const period = '2023-08';
    const withPhoto = await created(eastEvent('2023-08-04'));
    await created(eastEvent('2023-08-09', { villageIds: [], materials: [] }));
    // A second complete event, so counting the events *with* villages or materials cannot give the same 1.
    await created(eastEvent('2023-08-20'));
    const upload = await ctx.inject({ method: 'POST', url: `/api/events/${withPhoto.id}/files`, ...(await multipartBody({ bytes: await png(32, 32), name: 'stall.png' })), as: 'eastClerk' });
    expect(upload.statusCode, upload.body).toBe(201);
    const gaps = async () =>
      (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(ctx.fixture.east.townshipId), period } })).json<PeriodSummary>().gaps;
    const ledgerWithoutEvidence = async () =>
      (await ctx.inject({ method: 'GET', url: '/api/events', query: { townshipId: String(ctx.fixture.east.townshipId), from: '2023-08-01', to: '2023-08-31', evidence: 'none' } })).json<{ total: number }>().total;
    expect(await gaps()).toEqual({ withoutVillages: 1, withoutMaterials: 1, withoutEvidence: 2 });
    // A leader reading the summary is told who submits: the township's clerks and administrators, not its leader.
    const asLeader = (await ctx.inject({ method: 'GET', url: '/api/submissions/summary', query: { townshipId: String(ctx.fixture.east.townshipId), period }, as: 'eastLeader' })).json<PeriodSummary>();
    expect([...asLeader.submitters].sort()).toEqual(['eastAdmin', 'eastClerk']);
    expect(await ledgerWithoutEvidence()).toBe(2);
    // A deleted photo is no evidence.
    const fileId = upload.json<{ id: number }>().id;
    expect((await ctx.inject({ method: 'DELETE', url: `/api/files/${fileId}`, as: 'eastClerk' })).statusCode).toBe(204);
    expect((await gaps()).withoutEvidence).toBe(3);
    expect(await ledgerWithoutEvidence()).toBe(3);
  });
});
