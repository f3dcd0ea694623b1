// Ledger imports (导入台账): a batch keeps the file's cells and the clerk's
// choices; every read recomputes the preview with analyzeImport (@pufa/domain)
// against the office's catalogs and events as they are now. Commit creates
// the valid rows' events in one transaction through the event repository's
// batch entry point; undo soft-deletes them, within the same 30 days as a delete.
import {
  analyzeImport,
  finishImport,
  readImport,
  readingDates,
  dateToIso,
  duplicateKey,
  EMPTY_IMPORT_SETTINGS,
  fieldError,
  importUndoDeadline,
  IMPORT_UNDO_DAYS,
  isoToDate,
  materialIdOf,
  mayUndoImport,
  type Bilingual,
  type ImportBatch,
  type ImportBatchSummary,
  type ImportCatalogs,
  type ImportCommitJob,
  type ImportCommitResult,
  type ImportField,
  type ImportPatch,
  type ImportRemembered,
  type ImportRememberedKind,
  type ImportSettings,
  type PeriodStatus,
  type ImportSheet,
} from '@pufa/domain';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { inScope, townshipFilter, type Actor } from '../auth/actor.ts';
import { storeIdempotencyKey } from '../idempotency.ts';
import { writeAudit } from '../auth/audit.ts';
import { randomUUID } from 'node:crypto';
import { createEventsInTransaction, deleteEventsInTransaction, type BatchProgress } from './event-repository.ts';
import { InvalidReferencesError } from './errors.ts';

type Db = PrismaClient | Prisma.TransactionClient;

/** A request the batch's state refuses (already committed, undo window over, no header…): status and words for people. */
export class ImportRejectedError extends Error {
  constructor(
    readonly statusCode: number,
    readonly words: Bilingual,
  ) {
    super(words.en);
    this.name = 'ImportRejectedError';
  }
}

const NO_HEADER: Bilingual = {
  zh: '没有找到表头行：请确认表中有“活动时间”“活动主题”等列名，或下载导入模板填写',
  en: 'No header row found: the sheet needs column names such as 活动时间 (date) and 活动主题 (title), or use the import template',
};
/** Who may undo an import, said to those who may not. */
export const UNDO_WHO: Bilingual = {
  zh: '只有导入者本人或管理员可以撤销这次导入',
  en: 'Only whoever committed this import, or an administrator, can undo it',
};
const NOT_PREVIEW: Bilingual = { zh: '这批数据已导入或已撤销，不能再修改', en: 'This import is already committed or undone; it cannot be changed' };

const COMMITTING: Bilingual = { zh: '这批数据正在后台导入，不能再修改', en: 'This import is being committed in the background; it cannot be changed' };
const CANCEL_WHO: Bilingual = { zh: '只有发起导入的人或管理员可以取消', en: 'Only whoever started this commit, or an administrator, can cancel it' };

/** The export_job kind of a large import's commit (the same queue and table as the exports; not in 「我的导出」). */
export const IMPORT_COMMIT_KIND = 'import-commit';
const LIVE_JOB = ['queued', 'running'];

type JobRow = { id: string; status: string; done: number; total: number; error: string | null; createdAt: Date; finishedAt: Date | null; result: unknown };
const jobSelect = { id: true, status: true, done: true, total: true, error: true, createdAt: true, finishedAt: true, result: true } as const;

const toCommitJob = (batchId: number, row: JobRow): ImportCommitJob => ({
  id: row.id,
  batchId,
  status: row.status as ImportCommitJob['status'],
  done: row.done,
  total: row.total,
  error: row.error,
  createdAt: row.createdAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  result: (row.result ?? null) as ImportCommitResult | null,
});

/** The commit job's run lost the job (cancelled, or another process took it over): its transaction is rolled back. */
export class CommitJobLostError extends Error {
  constructor() {
    super('import commit job lost (cancelled or taken over): rolled back');
    this.name = 'CommitJobLostError';
  }
}

/**
 * A commit run by a background job: its export_job row and attempt (marked done in the commit's own
 * transaction, so the job is done exactly when the events exist), its chunks and how it reports them.
 */
export interface CommitJobRun extends BatchProgress {
  id: string;
  attempt: number;
  /** The rows to import are known (after the preview is checked again inside the transaction). */
  onTotal: (total: number) => void;
  /** When the job's row is removed (the file retention of the exports). */
  expiresAt: Date;
}

/** Commits of large files take longer than Prisma's 5 s default for a transaction. */
const COMMIT_TRANSACTION = { timeout: 10 * 60_000, maxWait: 30_000 };

function settingsOf(json: unknown): ImportSettings {
  return { ...EMPTY_IMPORT_SETTINGS, ...(json as Partial<ImportSettings>) };
}

export async function loadImportCatalogs(db: Db, townshipId: number): Promise<ImportCatalogs> {
  const entry = { id: true, name: true } as const;
  const order = [{ sortOrder: 'asc' as const }, { id: 'asc' as const }];
  const villages = await db.orgUnit.findMany({ where: { parentId: townshipId, level: 'village' }, orderBy: order, select: entry });
  const departments = await db.department.findMany({ where: { townshipId, isActive: true }, orderBy: order, select: entry });
  const campaigns = await db.campaign.findMany({ where: { isActive: true, OR: [{ townshipId: null }, { townshipId }] }, orderBy: order, include: { periods: true } });
  const materialTypes = await db.materialType.findMany({ where: { isActive: true }, orderBy: order, select: { ...entry, nameEn: true, unit: true, countsAsLeaflet: true } });
  const forms = await db.activityForm.findMany({ where: { isActive: true }, orderBy: order, select: entry });
  const laws = await db.law.findMany({ where: { isActive: true }, orderBy: order, select: entry });
  const targetGroups = await db.targetGroup.findMany({ where: { isActive: true }, orderBy: order, select: entry });
  const sixInto = await db.sixIntoCategory.findMany({ orderBy: order, select: { code: true, name: true } });
  return {
    townshipId,
    villages,
    departments,
    campaigns: campaigns.map((c) => ({
      id: c.id,
      code: c.code,
      name: c.name,
      rule: c.startMonth === null ? null : { startMonth: c.startMonth, ...(c.startDay !== null && { startDay: c.startDay }), ...(c.endMonth !== null && { endMonth: c.endMonth }), ...(c.endDay !== null && { endDay: c.endDay }) },
      periods: c.periods.map((p) => ({ year: p.year, startDate: dateToIso(p.startDate), endDate: dateToIso(p.endDate) })),
    })),
    materialTypes,
    forms,
    laws,
    targetGroups,
    sixInto,
  };
}

/** Keys (date|title) of the township's events on the given days: what a row would duplicate. */
async function existingKeys(db: Db, townshipId: number, dates: readonly string[]): Promise<Set<string>> {
  if (dates.length === 0) return new Set();
  const events = await db.event.findMany({
    where: { townshipId, deletedAt: null, startDate: { in: dates.map(isoToDate) } },
    select: { startDate: true, title: true },
  });
  return new Set(events.map((e) => duplicateKey(dateToIso(e.startDate), e.title)));
}

/** The township's submitted and approved periods ("2026-11", "2026"): the period lock's answer for each. */
async function lockedPeriods(db: Db, townshipId: number): Promise<Map<string, PeriodStatus>> {
  const rows = await db.submission.findMany({ where: { townshipId, status: { in: ['submitted', 'approved'] } }, select: { period: true, status: true } });
  return new Map(rows.map((r) => [r.period, r.status as PeriodStatus]));
}

/**
 * The preview of a file against the office's catalogs, ledger and submitted periods as they
 * are now: one pass over the rows. Rows in a locked period are marked, not left to fail the commit.
 */
async function analyze(db: Db, townshipId: number, sheets: readonly ImportSheet[], settings: ImportSettings) {
  const reading = readImport(sheets, settings, await loadImportCatalogs(db, townshipId));
  const locks = await lockedPeriods(db, townshipId);
  return finishImport(reading, settings, await existingKeys(db, townshipId, readingDates(reading)), (period) => locks.get(period));
}

const batchSelect = {
  id: true, townshipId: true, fileName: true, fileSha256: true, format: true, status: true, createdAt: true, createdById: true,
  committedAt: true, committedById: true, undoneAt: true, _count: { select: { events: true } },
} satisfies Prisma.ImportBatchSelect;
type BatchRow = Prisma.ImportBatchGetPayload<{ select: typeof batchSelect }>;


async function summaries(db: Db, rows: BatchRow[]): Promise<ImportBatchSummary[]> {
  const userIds = [...new Set(rows.flatMap((r) => [r.createdById, r.committedById]).filter((id): id is number => id !== null))];
  const users = new Map((await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })).map((u) => [u.id, u]));
  const who = (id: number | null) => (id === null ? null : (users.get(id) ?? null));
  return rows.map((r) => ({
    id: r.id,
    townshipId: r.townshipId,
    fileName: r.fileName,
    format: r.format,
    status: r.status as ImportBatchSummary['status'],
    createdAt: r.createdAt.toISOString(),
    createdBy: who(r.createdById),
    committedAt: r.committedAt?.toISOString() ?? null,
    committedBy: who(r.committedById),
    undoneAt: r.undoneAt?.toISOString() ?? null,
    eventCount: r._count.events,
    undoUntil: r.status === 'committed' && r.committedAt ? importUndoDeadline(r.committedAt).toISOString() : null,
  }));
}

export interface NewImport {
  townshipId: number;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  format: string;
  sheets: ImportSheet[];
  year: number | null;
}

/** The batch has a commit job queued or running. */
async function committing(db: Db, id: number): Promise<boolean> {
  const row = await db.importBatch.findUnique({ where: { id }, select: { commitJob: { select: { status: true } } } });
  return !!row?.commitJob && LIVE_JOB.includes(row.commitJob.status);
}

/**
 * In the commit's transaction: the job is done with the commit's answer, if this run still holds it.
 * Otherwise (cancelled, or another run took it) the transaction is rolled back: nothing is imported
 * by this run. A cancel racing this waits on the job's row, then finds it done.
 */
async function finishJob(tx: Prisma.TransactionClient, job: CommitJobRun, result: ImportCommitResult, now: Date) {
  const { count } = await tx.exportJob.updateMany({
    where: { id: job.id, attempt: job.attempt, status: 'running' },
    data: { status: 'done', done: result.created, total: result.created, result: result as unknown as Prisma.InputJsonValue, finishedAt: now, updatedAt: now, expiresAt: job.expiresAt },
  });
  if (count !== 1) throw new CommitJobLostError();
}

export function createImportRepository(prisma: PrismaClient) {
  /** The batch with its preview; `known` spares reading back the cells just written. */
  async function view(db: Db, id: number, known?: { sheets: readonly ImportSheet[]; settings: ImportSettings }): Promise<ImportBatch> {
    const row = known
      ? { ...(await db.importBatch.findUniqueOrThrow({ where: { id }, select: batchSelect })), ...known }
      : await db.importBatch.findUniqueOrThrow({ where: { id }, select: { ...batchSelect, sheets: true, settings: true } });
    const settings = known ? known.settings : settingsOf(row.settings);
    const analysis = await analyze(db, row.townshipId, row.sheets as unknown as ImportSheet[], settings);
    const [summary] = await summaries(db, [row]);
    const same = await db.importBatch.findFirst({
      where: { townshipId: row.townshipId, fileSha256: row.fileSha256, id: { lt: row.id } },
      orderBy: { id: 'desc' },
      select: { id: true, status: true, createdAt: true },
    });
    const job = await db.importBatch.findUniqueOrThrow({ where: { id }, select: { commitJob: { select: jobSelect } } });
    return {
      ...summary!,
      year: settings.year,
      excludedRows: [...settings.excludedRows],
      keepDuplicateRows: [...settings.keepDuplicateRows],
      sheets: analysis.sheets,
      rows: analysis.rows,
      summary: analysis.summary,
      sameFileAs: same ? { id: same.id, status: same.status as ImportBatch['status'], createdAt: same.createdAt.toISOString() } : null,
      commitJob: job.commitJob ? toCommitJob(id, job.commitJob) : null,
    };
  }

  /** The batch when it exists and its township is in scope; null otherwise (404). */
  async function find(db: Db, actor: Actor, id: number) {
    return db.importBatch.findFirst({ where: { id, townshipId: townshipFilter(actor) }, select: { id: true, townshipId: true, status: true, settings: true, sheets: true, committedAt: true, committedById: true } });
  }

  async function checkChoices(db: Db, townshipId: number, patch: ImportPatch) {
    const errors = [];
    const villageIds = Object.values(patch.aliases?.villages ?? {});
    const departmentIds = Object.values(patch.aliases?.departments ?? {}).filter((id): id is number => id !== null);
    const materialIds = Object.values(patch.mapping ?? {}).map(materialIdOf).filter((id): id is number => id !== null);
    const villages = await db.orgUnit.count({ where: { id: { in: villageIds }, parentId: townshipId, level: 'village' } });
    if (villages !== new Set(villageIds).size) errors.push(fieldError(['aliases', 'villages'], { zh: '含有不属于该乡镇的村（社区）', en: 'names a village that is not in the township' }));
    const departments = await db.department.count({ where: { id: { in: departmentIds }, townshipId } });
    if (departments !== new Set(departmentIds).size) errors.push(fieldError(['aliases', 'departments'], { zh: '含有不属于该乡镇的单位', en: 'names a department that is not in the township' }));
    const materials = await db.materialType.count({ where: { id: { in: materialIds } } });
    if (materials !== new Set(materialIds).size) errors.push(fieldError(['mapping'], { zh: '含有不存在的资料种类', en: 'names a material type that does not exist' }));
    if (errors.length) throw new InvalidReferencesError(errors);
  }

/** What the township's earlier imports taught (column mapping, names matched by hand); null outside the actor's scope. */
  async function rememberedOf(actor: Actor, townshipId: number): Promise<ImportRemembered | null> {
    if (!inScope(actor, townshipId)) return null;
    const township = await prisma.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { id: true } });
    if (!township) return null;
    const profile = await prisma.importProfile.findUnique({ where: { townshipId } });
    const mapping = (profile?.mapping ?? {}) as Record<string, string>;
    const aliases = (profile?.aliases ?? {}) as ImportSettings['aliases'];
    const villageIds = Object.values(aliases.villages ?? {});
    const departmentIds = Object.values(aliases.departments ?? {}).filter((id): id is number => id !== null);
    const villages = new Map((await prisma.orgUnit.findMany({ where: { id: { in: villageIds } }, select: { id: true, name: true } })).map((v) => [v.id, v.name]));
    const departments = new Map((await prisma.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true } })).map((d) => [d.id, d.name]));
    return {
      townshipId,
      columns: Object.entries(mapping).map(([key, field]) => ({ key, field })),
      villages: Object.entries(aliases.villages ?? {}).map(([text, id]) => ({ text, id, name: villages.get(id) ?? null })),
      departments: Object.entries(aliases.departments ?? {}).map(([text, id]) => ({ text, id, name: id === null ? null : (departments.get(id) ?? null) })),
    };
  }

  return {
    /** Stores an uploaded file's cells with the office's remembered choices; throws when no sheet has a header. */
    async create(actor: Actor, input: NewImport): Promise<ImportBatch> {
      if (!inScope(actor, input.townshipId)) {
        throw new InvalidReferencesError([fieldError(['townshipId'], { zh: `不存在或不属于您的范围：${input.townshipId}`, en: `unknown, or not in your scope: ${input.townshipId}` })]);
      }
      const profile = await prisma.importProfile.findUnique({ where: { townshipId: input.townshipId } });
      const settings: ImportSettings = {
        ...EMPTY_IMPORT_SETTINGS,
        year: input.year,
        mapping: (profile?.mapping ?? {}) as Record<string, ImportField>,
        aliases: (profile?.aliases ?? {}) as ImportSettings['aliases'],
      };
      // Only the header search first: a file without one is refused before anything is stored.
      const catalogs = await loadImportCatalogs(prisma, input.townshipId);
      const probe = analyzeImport(input.sheets.map((s) => ({ ...s, rows: s.rows.slice(0, 40) })), settings, catalogs, new Set());
      if (!probe.sheets.some((s) => s.headerRow !== null)) throw new ImportRejectedError(400, NO_HEADER);
      if (probe.summary.rows + probe.summary.skipped === 0) throw new ImportRejectedError(400, { zh: '表头下面没有数据行', en: 'There are no rows under the header' });
      const row = await prisma.importBatch.create({
        data: {
          townshipId: input.townshipId,
          fileName: input.fileName.slice(0, 255),
          fileSha256: input.fileSha256,
          fileBytes: input.fileBytes,
          format: input.format,
          sheets: input.sheets as unknown as Prisma.InputJsonValue,
          settings: settings as unknown as Prisma.InputJsonValue,
          createdById: actor.userId,
        },
        select: { id: true },
      });
      return view(prisma, row.id, { sheets: input.sheets, settings });
    },

    async get(actor: Actor, id: number): Promise<ImportBatch | null> {
      return (await find(prisma, actor, id)) ? view(prisma, id) : null;
    },

    async list(actor: Actor): Promise<ImportBatchSummary[]> {
      const rows = await prisma.importBatch.findMany({ where: { townshipId: townshipFilter(actor) }, orderBy: { id: 'desc' }, take: 200, select: batchSelect });
      return summaries(prisma, rows);
    },

    async patch(actor: Actor, id: number, patch: ImportPatch): Promise<ImportBatch | null> {
      const batch = await find(prisma, actor, id);
      if (!batch) return null;
      if (batch.status !== 'preview') throw new ImportRejectedError(409, NOT_PREVIEW);
      // The commit job reads the batch when it runs: a change now would be committed unseen, or not at all.
      if (await committing(prisma, id)) throw new ImportRejectedError(409, COMMITTING);
      await checkChoices(prisma, batch.townshipId, patch);
      const current = settingsOf(batch.settings);
      const edits: Record<string, Record<string, string>> = { ...current.cellEdits };
      for (const [rowId, cells] of Object.entries(patch.cellEdits ?? {})) edits[rowId] = { ...edits[rowId], ...cells };
      const next: ImportSettings = {
        mapping: { ...current.mapping, ...patch.mapping },
        year: patch.year === undefined ? current.year : patch.year,
        excludedRows: patch.excludedRows ?? current.excludedRows,
        keepDuplicateRows: patch.keepDuplicateRows ?? current.keepDuplicateRows,
        cellEdits: edits,
        aliases: {
          villages: { ...current.aliases.villages, ...patch.aliases?.villages },
          departments: { ...current.aliases.departments, ...patch.aliases?.departments },
        },
      };
      // Only a preview batch without a commit job on changes: a commit racing this patch wins, the patch then changes nothing.
      const { count } = await prisma.importBatch.updateMany({
        where: { id, status: 'preview', OR: [{ commitJobId: null }, { commitJob: { status: { notIn: LIVE_JOB } } }] },
        data: { settings: next as unknown as Prisma.InputJsonValue },
      });
      if (count === 0) throw new ImportRejectedError(409, (await committing(prisma, id)) ? COMMITTING : NOT_PREVIEW);
      return view(prisma, id, { sheets: batch.sheets as unknown as ImportSheet[], settings: next });
    },

    /**
     * Creates the events of every valid row, all or nothing. Imports into one
     * township take turns (a row lock on the township), so two commits of the
     * same rows cannot both pass the duplicate check. A second commit creates nothing.
     */
    async commit(actor: Actor, id: number, now = new Date(), job?: CommitJobRun): Promise<ImportCommitResult | null> {
      const batch = await find(prisma, actor, id);
      if (!batch) return null;
      return prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM org_unit WHERE id = ${batch.townshipId} FOR UPDATE`;
        const locked = await tx.importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, sheets: true, settings: true } });
        const settings = settingsOf(locked.settings);
        const analysis = await analyze(tx, batch.townshipId, locked.sheets as unknown as ImportSheet[], settings);
        if (locked.status !== 'preview') {
          const links = await tx.importBatchEvent.findMany({ where: { batchId: id }, select: { eventId: true }, orderBy: { eventId: 'asc' } });
          const result = { batchId: id, created: 0, eventIds: links.map((l) => l.eventId), summary: analysis.summary };
          if (job) await finishJob(tx, job, result, now);
          return result;
        }
        job?.onTotal(analysis.toCreate.length);
        const events = await createEventsInTransaction(tx, actor, analysis.toCreate.map((c) => c.event), now, job);
        await tx.$executeRaw`INSERT INTO import_batch_event (batch_id, event_id, row_id)
          SELECT ${id}::int, e, r FROM unnest(${events.map((e) => e.id)}::int[], ${analysis.toCreate.map((c) => c.rowId)}::text[]) AS u(e, r)`;
        await tx.importBatch.update({ where: { id }, data: { status: 'committed', committedAt: now, committedById: actor.userId } });
        // Remember the mapping the clerk committed with (guesses they accepted included) for the office's next file.
        const explicit = Object.fromEntries(analysis.sheets.flatMap((s) => s.columns.map((c) => [c.key, c.field])));
        const profile = await tx.importProfile.findUnique({ where: { townshipId: batch.townshipId } });
        const mapping = { ...((profile?.mapping ?? {}) as object), ...explicit };
        const aliases = {
          villages: { ...((profile?.aliases as ImportSettings['aliases'] | undefined)?.villages ?? {}), ...settings.aliases.villages },
          departments: { ...((profile?.aliases as ImportSettings['aliases'] | undefined)?.departments ?? {}), ...settings.aliases.departments },
        };
        await tx.importProfile.upsert({
          where: { townshipId: batch.townshipId },
          create: { townshipId: batch.townshipId, mapping, aliases },
          update: { mapping, aliases },
        });
        await writeAudit(tx, actor, { action: 'create', entity: 'importBatch', entityId: id, townshipId: batch.townshipId, after: { status: 'committed', events: events.length, summary: analysis.summary } });
        const result = { batchId: id, created: events.length, eventIds: events.map((e) => e.id), summary: analysis.summary };
        if (job) await finishJob(tx, job, result, now);
        else await storeIdempotencyKey(tx, result);
        return result;
      }, COMMIT_TRANSACTION);
    },

    /** Lines of the stored file (all sheets: what IMPORT_JOB_ROWS is measured in) and the batch's status; null outside the actor's scope. */
    async commitSize(actor: Actor, id: number): Promise<{ status: ImportBatch['status']; lines: number } | null> {
      const batch = await find(prisma, actor, id);
      if (!batch) return null;
      const [row] = await prisma.$queryRaw<{ lines: number }[]>`
        SELECT coalesce(sum(jsonb_array_length(s->'rows')), 0)::int AS lines FROM import_batch b, jsonb_array_elements(b.sheets) s WHERE b.id = ${id}`;
      return { status: batch.status as ImportBatch['status'], lines: row?.lines ?? 0 };
    },

    /**
     * Starts the batch's commit as a job (an export_job row the queue carries), or answers the one
     * already queued or running, whoever started it: two commits of one batch share a job. null
     * outside the actor's scope; 'committed' when the batch is no longer in preview (the direct
     * commit answers that: nothing more is created).
     */
    async startCommitJob(actor: Actor, id: number, userId: number): Promise<{ job: ImportCommitJob; created: boolean } | 'committed' | null> {
      const batch = await find(prisma, actor, id);
      if (!batch) return null;
      return prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRaw<{ status: string; file_name: string; commit_job_id: string | null }[]>`
          SELECT status, file_name, commit_job_id::text FROM import_batch WHERE id = ${id} FOR UPDATE`;
        if (!locked || locked.status !== 'preview') return 'committed' as const;
        if (locked.commit_job_id) {
          const live = await tx.exportJob.findFirst({ where: { id: locked.commit_job_id, status: { in: LIVE_JOB } }, select: jobSelect });
          if (live) return { job: toCommitJob(id, live), created: false };
        }
        // The township too: a process running the commit answers its progress from memory, in scope, without the database (PGlite's one connection is the commit's).
        const params = { batchId: id, townshipId: batch.townshipId };
        const row = await tx.exportJob.create({
          data: {
            id: randomUUID(), userId, kind: IMPORT_COMMIT_KIND, params, actor: actor as unknown as Prisma.InputJsonValue,
            paramsKey: `${IMPORT_COMMIT_KIND}:${id}`, fileName: locked.file_name, contentType: 'application/json',
          },
          select: jobSelect,
        });
        await tx.importBatch.update({ where: { id }, data: { commitJobId: row.id } });
        return { job: toCommitJob(id, row), created: true };
      });
    },

    /** The batch's latest commit job; null when the batch is outside the actor's scope or has none. */
    async commitJob(actor: Actor, id: number): Promise<ImportCommitJob | null> {
      const row = await prisma.importBatch.findFirst({ where: { id, townshipId: townshipFilter(actor) }, select: { commitJob: { select: jobSelect } } });
      return row?.commitJob ? toCommitJob(id, row.commitJob) : null;
    },

    /**
     * Cancels the batch's queued or running commit job: its transaction is rolled back, nothing is
     * imported and the batch stays in preview. A job already done stays done (undo it instead).
     * By whoever started it or an administrator (403 otherwise); null: no batch in scope, or no job.
     */
    async cancelCommitJob(actor: Actor, id: number, now = new Date()): Promise<ImportCommitJob | null> {
      const row = await prisma.importBatch.findFirst({ where: { id, townshipId: townshipFilter(actor) }, select: { commitJob: { select: { ...jobSelect, userId: true } } } });
      const job = row?.commitJob;
      if (!job) return null;
      if (job.userId !== actor.userId && actor.role !== 'admin') throw new ImportRejectedError(403, CANCEL_WHO);
      await prisma.exportJob.updateMany({ where: { id: job.id, status: { in: LIVE_JOB } }, data: { status: 'cancelled', finishedAt: now, updatedAt: now } });
      return toCommitJob(id, await prisma.exportJob.findUniqueOrThrow({ where: { id: job.id }, select: jobSelect }));
    },

    /** Soft-deletes a committed batch's events (each restorable as any deleted event), within 30 days of the commit. */
    async undo(actor: Actor, id: number, now = new Date()): Promise<{ batchId: number; deletedEventIds: number[] } | null> {
      const batch = await find(prisma, actor, id);
      if (!batch) return null;
      if (batch.status !== 'committed' || !batch.committedAt) {
        throw new ImportRejectedError(409, { zh: '只有已导入的批次可以撤销', en: 'Only a committed import can be undone' });
      }
      if (!mayUndoImport({ id: actor.userId ?? 0, role: actor.role }, { committedBy: batch.committedById === null ? null : { id: batch.committedById } })) {
        throw new ImportRejectedError(403, UNDO_WHO);
      }
      if (now > importUndoDeadline(batch.committedAt)) {
        throw new ImportRejectedError(409, { zh: `导入已超过 ${IMPORT_UNDO_DAYS} 天，不能整批撤销`, en: `The import is more than ${IMPORT_UNDO_DAYS} days old and can no longer be undone` });
      }
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.importBatch.updateMany({ where: { id, status: 'committed' }, data: { status: 'undone', undoneAt: now, undoneById: actor.userId } });
        if (count === 0) throw new ImportRejectedError(409, { zh: '只有已导入的批次可以撤销', en: 'Only a committed import can be undone' });
        const links = await tx.importBatchEvent.findMany({ where: { batchId: id }, select: { eventId: true } });
        const deleted = await deleteEventsInTransaction(tx, actor, links.map((l) => l.eventId), now);
        await writeAudit(tx, actor, { action: 'delete', entity: 'importBatch', entityId: id, townshipId: batch.townshipId, before: { status: 'committed' }, after: { status: 'undone', deletedEvents: deleted.length } });
        return { batchId: id, deletedEventIds: deleted };
      }, COMMIT_TRANSACTION);
    },

    /** What the township's earlier imports taught (column mapping, names matched by hand); null outside the actor's scope. */
    remembered: rememberedOf,

    /**
     * Forgets one remembered column or name: the township's next files no longer get it, and
     * neither do its batches still in preview (they were given it when uploaded). Audited.
     * Returns what is remembered now; null outside the actor's scope.
     */
    async forget(actor: Actor, townshipId: number, kind: ImportRememberedKind, key: string): Promise<ImportRemembered | null> {
      if (!inScope(actor, townshipId)) return null;
      const found = await prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM org_unit WHERE id = ${townshipId} FOR UPDATE`;
        const profile = await tx.importProfile.findUnique({ where: { townshipId } });
        if (!profile) return false;
        const mapping = { ...(profile.mapping as Record<string, string>) };
        const aliases = profile.aliases as ImportSettings['aliases'];
        const nextAliases = { villages: { ...aliases.villages }, departments: { ...aliases.departments } };
        const table: Record<string, unknown> = kind === 'columns' ? mapping : nextAliases[kind];
        if (!(key in table)) return false;
        const before = table[key];
        delete table[key];
        await tx.importProfile.update({ where: { townshipId }, data: { mapping, aliases: nextAliases } });
        const open = await tx.importBatch.findMany({ where: { townshipId, status: 'preview' }, select: { id: true, settings: true } });
        for (const batch of open) {
          const settings = settingsOf(batch.settings);
          const own: Record<string, unknown> = kind === 'columns' ? { ...settings.mapping } : { ...settings.aliases[kind] };
          if (!(key in own) || own[key] !== before) continue;
          delete own[key];
          const next: ImportSettings = kind === 'columns'
            ? { ...settings, mapping: own as ImportSettings['mapping'] }
            : { ...settings, aliases: { ...settings.aliases, [kind]: own } };
          await tx.importBatch.update({ where: { id: batch.id }, data: { settings: next as unknown as Prisma.InputJsonValue } });
        }
        await writeAudit(tx, actor, { action: 'delete', entity: 'importProfile', entityId: townshipId, townshipId, before: { kind, key, value: before } });
        return true;
      });
      if (!found) throw new ImportRejectedError(404, { zh: `没有记住“${key}”的对应`, en: `Nothing is remembered for “${key}”` });
      return rememberedOf(actor, townshipId);
    },

    /** What the template's drop-downs offer: the township's name and catalogs; null outside the actor's scope. */
    async templateData(actor: Actor, townshipId: number) {
      if (!inScope(actor, townshipId)) return null;
      const township = await prisma.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { name: true } });
      return township ? { townshipName: township.name, catalogs: await loadImportCatalogs(prisma, townshipId) } : null;
    },
  };
}

export type ImportRepository = ReturnType<typeof createImportRepository>;
