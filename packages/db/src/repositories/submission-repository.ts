// Submissions (上报): a township hands its month or year to the county, which
// approves it or returns it with a reason. The lock on the period's events is
// the database's (trigger event_period_lock, migration 'submissions'); here a
// submit takes the period's advisory lock exclusively, so it waits for writes
// of the period in flight and the writes after it see the submission.
import {
  DEFAULT_REPORTING_RULES,
  fieldError,
  isApprovedThrough,
  monthsBetween,
  parsePeriod,
  periodState,
  periodHasBegun,
  periodLabel,
  periodRange,
  periodsOfYear,
  REFERENCE_MESSAGES,
  RULE_MESSAGES,
  todayInChina,
  type PeriodCell,
  type PeriodStatus,
  type PeriodSummary,
  type PeriodSummaryQuery,
  type ReportingRules,
  type ReportingSetting,
  type Submission,
  type SubmissionCreate,
  type SubmissionDetail,
  type SubmissionGrid,
  type SubmissionGridQuery,
  type SubmissionStatus,
  type SubmissionStep,
} from '@pufa/domain';
import type { Prisma } from '../generated/prisma/client.ts';
import type { DatabaseHandle } from '../client.ts';
import { inScope, type Actor } from '../auth/actor.ts';
import { storeIdempotencyKey } from '../idempotency.ts';
import { writeAudit } from '../auth/audit.ts';
import { createEventRepository, eventWhere } from './event-repository.ts';
import { InvalidReferencesError, NotPermittedError, SubmissionStateError } from './errors.ts';

type SubmissionRow = Prisma.SubmissionGetPayload<object>;

/** The advisory-lock key of a period, as the migration's pufa_period_lock_key computes it. */
export function periodLockKey(period: string): number {
  const { year, month } = parsePeriod(period);
  return year * 100 + (month ?? 0);
}

const TOWNSHIP_ONLY = { zh: '只有本乡镇的录入员或管理员可以上报；县级可以审核通过或退回', en: "Only the township's clerks and administrators submit; the county approves or returns" };
const COUNTY_ONLY = { zh: '只有县级管理员或领导可以审核上报', en: 'Only a county administrator or leader may review submissions' };

export function createSubmissionRepository(db: DatabaseHandle) {
  const { prisma } = db;
  const events = createEventRepository(db);

  async function userNames(ids: (number | null)[], db: Prisma.TransactionClient = prisma): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  /** `db`: the transaction's client inside one (PGlite has one connection). */
  async function toJson(row: SubmissionRow, db: Prisma.TransactionClient = prisma): Promise<Submission> {
    const names = await userNames([row.submittedById, row.reviewedById], db);
    return {
      id: row.id,
      townshipId: row.townshipId,
      period: row.period,
      status: row.status as SubmissionStatus,
      note: row.note,
      returnReason: row.returnReason,
      submittedAt: row.submittedAt.toISOString(),
      submittedBy: row.submittedById === null ? null : (names.get(row.submittedById) ?? null),
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      reviewedBy: row.reviewedById === null ? null : (names.get(row.reviewedById) ?? null),
    };
  }

  /**
   * The county whose townships the actor reads: `countyId` when given and the
   * actor has a township in it, else the county of the actor's own org unit.
   */
  async function countyFor(actor: Actor, countyId?: number): Promise<{ id: number; townshipIds: number[] }> {
    let id = countyId;
    if (id === undefined && actor.orgUnitId !== null) {
      const own = await prisma.orgUnit.findUnique({ where: { id: actor.orgUnitId }, select: { id: true, level: true, parentId: true, parent: { select: { parentId: true } } } });
      id = own?.level === 'county' ? own.id : own?.level === 'township' ? (own.parentId ?? undefined) : (own?.parent?.parentId ?? undefined);
    }
    const townships = id === undefined ? [] : await prisma.orgUnit.findMany({ where: { parentId: id, level: 'township' }, select: { id: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
    const visible = townships.map((t) => t.id).filter((t) => inScope(actor, t));
    if (id === undefined || visible.length === 0) throw new InvalidReferencesError([fieldError(['countyId'], REFERENCE_MESSAGES.unknownIds([countyId ?? 0]))]);
    return { id, townshipIds: visible };
  }

  async function rulesOf(countyId: number): Promise<ReportingRules> {
    const row = await prisma.reportingSetting.findUnique({ where: { countyId } });
    return row ? { monthDueDay: row.monthDueDay, yearDueMonth: row.yearDueMonth, yearDueDay: row.yearDueDay } : DEFAULT_REPORTING_RULES;
  }

  async function townshipRow(townshipId: number): Promise<{ countyId: number | null; reportingFrom: string } | null> {
    const township = await prisma.orgUnit.findFirst({ where: { id: townshipId, level: 'township' }, select: { parentId: true, reportingFrom: true } });
    return township && { countyId: township.parentId, reportingFrom: township.reportingFrom };
  }

  async function countyOfTownship(townshipId: number): Promise<number | null> {
    return (await townshipRow(townshipId))?.countyId ?? null;
  }

  function cellOf(period: string, row: SubmissionRow | undefined, rules: ReportingRules, today: string, reportingFrom: string): PeriodCell {
    const status: PeriodStatus = (row?.status as SubmissionStatus | undefined) ?? 'none';
    return { period, status, ...periodState(period, status, rules, today, reportingFrom), submissionId: row?.id ?? null, returnReason: row?.status === 'returned' ? row.returnReason : '' };
  }

  /** A reviewer: admin or leader whose own org unit is a county (or the system). Reads through `tx`: PGlite has one connection. */
  async function assertCountyReviewer(tx: Prisma.TransactionClient, actor: Actor, townshipId: number) {
    if (actor.userId === null) return;
    const own = actor.orgUnitId === null ? null : await tx.orgUnit.findUnique({ where: { id: actor.orgUnitId }, select: { level: true } });
    if (own?.level !== 'county' || (actor.role !== 'admin' && actor.role !== 'leader') || !inScope(actor, townshipId)) throw new NotPermittedError(COUNTY_ONLY);
  }

  /** The submission if it is in the actor's scope; null answers 404. */
  async function findInScope(tx: Prisma.TransactionClient, actor: Actor, id: number) {
    const row = await tx.submission.findUnique({ where: { id } });
    return row && inScope(actor, row.townshipId) ? row : null;
  }

  /** approve or return: locks the row, checks the status allows it, writes the step and its audit row. */
  async function review(actor: Actor, id: number, step: 'approve' | 'return', reason = ''): Promise<Submission | null> {
    const row = await prisma.$transaction(async (tx) => {
      const before = await findInScope(tx, actor, id);
      if (!before) return null;
      await assertCountyReviewer(tx, actor, before.townshipId);
      // The row lock: of two reviews at once the second sees the first's status.
      const [current] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM submission WHERE id = ${id} FOR UPDATE`;
      const allowed = step === 'approve' ? current?.status === 'submitted' : current?.status === 'submitted' || current?.status === 'approved';
      if (!allowed) throw new SubmissionStateError(stateWords(before.period, (current?.status ?? before.status) as SubmissionStatus, step));
      const after = await tx.submission.update({
        where: { id },
        data: { status: step === 'approve' ? 'approved' : 'returned', reviewedAt: new Date(), reviewedById: actor.userId, returnReason: step === 'return' ? reason : '' },
      });
      await writeAudit(tx, actor, { action: step, entity: 'submission', entityId: id, townshipId: after.townshipId, before: statusJson(before), after: statusJson(after) });
      return after;
    });
    return row && toJson(row);
  }

  return {
    async grid(actor: Actor, { countyId, year }: SubmissionGridQuery, today = todayInChina()): Promise<SubmissionGrid> {
      const county = await countyFor(actor, countyId);
      const periods = periodsOfYear(year);
      const [rules, townships, submissions] = await Promise.all([
        rulesOf(county.id),
        prisma.orgUnit.findMany({ where: { id: { in: county.townshipIds } }, select: { id: true, name: true, nameEn: true, reportingFrom: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
        prisma.submission.findMany({ where: { townshipId: { in: county.townshipIds }, period: { in: periods } } }),
      ]);
      const byKey = new Map(submissions.map((s) => [`${s.townshipId} ${s.period}`, s]));
      return {
        countyId: county.id,
        year,
        today,
        rules,
        rows: townships.map((t) => ({
          townshipId: t.id,
          name: t.name,
          nameEn: t.nameEn,
          reportingFrom: t.reportingFrom,
          cells: periods.map((p) => cellOf(p, byKey.get(`${t.id} ${p}`), rules, today, t.reportingFrom)),
        })),
      };
    },

    /** What the township submits: the period's figures, its gaps and its status. */
    async summary(actor: Actor, { townshipId, period }: PeriodSummaryQuery, today = todayInChina()): Promise<PeriodSummary> {
      if (!inScope(actor, townshipId)) throw new InvalidReferencesError([fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]))]);
      const township = await townshipRow(townshipId);
      const countyId = township?.countyId ?? null;
      const { from, to } = periodRange(period);
      const inPeriod: Prisma.EventWhereInput = { townshipId, deletedAt: null, startDate: { gte: new Date(`${from}T00:00:00Z`), lte: new Date(`${to}T00:00:00Z`) } };
      const [rules, row, totals, withoutVillages, withoutMaterials, withoutEvidence, submitters] = await Promise.all([
        countyId === null ? DEFAULT_REPORTING_RULES : rulesOf(countyId),
        prisma.submission.findUnique({ where: { townshipId_period: { townshipId, period } } }),
        events.totals(actor, { townshipId, from, to }),
        prisma.event.count({ where: { ...inPeriod, villages: { none: {} } } }),
        prisma.event.count({ where: { ...inPeriod, materials: { none: {} } } }),
        // The ledger's own "没有影像资料" filter, so the gap and the list it links to agree.
        prisma.event.count({ where: eventWhere(actor, { townshipId, from, to, evidence: 'none' }) }),
        prisma.user.findMany({ where: { orgUnitId: townshipId, isActive: true, role: { in: ['clerk', 'admin'] } }, select: { displayName: true }, orderBy: [{ role: 'desc' }, { id: 'asc' }] }),
      ]);
      return {
        townshipId,
        period,
        from,
        to,
        cell: cellOf(period, row ?? undefined, rules, today, township?.reportingFrom ?? '0000-00'),
        totals,
        gaps: { withoutVillages, withoutMaterials, withoutEvidence },
        submitters: submitters.map((u) => u.displayName),
      };
    },

    async get(actor: Actor, id: number): Promise<SubmissionDetail | null> {
      const row = await findInScope(prisma, actor, id);
      if (!row) return null;
      const steps = await prisma.auditLog.findMany({ where: { entity: 'submission', entityId: String(id) }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
      const names = await userNames(steps.map((s) => s.userId));
      const history: SubmissionStep[] = steps.map((s) => {
        const after = (s.after ?? {}) as { note?: string; returnReason?: string };
        return {
          at: s.at.toISOString(),
          action: s.action as SubmissionStep['action'],
          by: s.userId === null ? null : (names.get(s.userId) ?? null),
          text: s.action === 'return' ? (after.returnReason ?? '') : s.action === 'submit' ? (after.note ?? '') : '',
        };
      });
      return { ...(await toJson(row)), history };
    },

    /** Submits (or resubmits after a return) a township's period; throws SubmissionStateError when it is already submitted or approved. */
    async submit(actor: Actor, { townshipId, period, note = '' }: SubmissionCreate, today = todayInChina()): Promise<Submission> {
      if (!inScope(actor, townshipId) || (await countyOfTownship(townshipId)) === null) {
        throw new InvalidReferencesError([fieldError(['townshipId'], REFERENCE_MESSAGES.unknownIds([townshipId]))]);
      }
      // The township hands its figures over: a county user reviews them, never submits for it.
      if (actor.userId !== null && actor.orgUnitId !== townshipId) throw new NotPermittedError(TOWNSHIP_ONLY);
      if (!periodHasBegun(period, today)) throw new InvalidReferencesError([fieldError(['period'], RULE_MESSAGES.periodNotStarted)]);
      const row = await prisma.$transaction(async (tx) => {
        // Waits for the period's writes in flight (they hold the lock shared); later writes wait for this commit, then see the submission.
        await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${townshipId}::int4, ${periodLockKey(period)}::int4)`;
        const before = await tx.submission.findUnique({ where: { townshipId_period: { townshipId, period } } });
        if (before && before.status !== 'returned') throw new SubmissionStateError(stateWords(period, before.status as SubmissionStatus, 'submit'));
        const data = { status: 'submitted', note, submittedAt: new Date(), submittedById: actor.userId, reviewedAt: null, reviewedById: null };
        const after = before
          ? await tx.submission.update({ where: { id: before.id }, data })
          : await tx.submission.create({ data: { ...data, townshipId, period } });
        await writeAudit(tx, actor, { action: 'submit', entity: 'submission', entityId: after.id, townshipId, before: before ? statusJson(before) : undefined, after: statusJson(after) });
        const submission = await toJson(after, tx);
        await storeIdempotencyKey(tx, submission);
        return submission;
      });
      return row;
    },

    approve: (actor: Actor, id: number) => review(actor, id, 'approve'),
    returnWithReason: (actor: Actor, id: number, reason: string) => review(actor, id, 'return', reason),

    async settings(actor: Actor, countyId?: number): Promise<ReportingSetting & { countyId: number }> {
      const county = await countyFor(actor, countyId);
      return { countyId: county.id, ...(await rulesOf(county.id)) };
    },

    /** County administrators only (the route admits admins; a township admin is refused here). */
    async saveSettings(actor: Actor, countyId: number | undefined, rules: ReportingSetting): Promise<ReportingSetting & { countyId: number }> {
      const county = await countyFor(actor, countyId);
      const own = actor.orgUnitId === null ? null : await prisma.orgUnit.findUnique({ where: { id: actor.orgUnitId }, select: { level: true } });
      if (actor.userId !== null && own?.level !== 'county') throw new NotPermittedError({ zh: '只有县级管理员可以设置上报期限', en: 'Only a county administrator may set the due days' });
      await prisma.reportingSetting.upsert({ where: { countyId: county.id }, create: { countyId: county.id, ...rules }, update: rules });
      return { countyId: county.id, ...rules };
    },

    countyFor,

    /** Of `townshipIds`, those approved for every month from `from` to `to` (by month or by whole year). */
    async approvedThrough(townshipIds: readonly number[], from: string, to: string): Promise<Set<number>> {
      const months = monthsBetween(from, to);
      const periods = [...new Set([...months, ...months.map((m) => m.slice(0, 4))])];
      const rows = await prisma.submission.findMany({ where: { townshipId: { in: [...townshipIds] }, period: { in: periods }, status: 'approved' }, select: { townshipId: true, period: true } });
      const approved = new Set(rows.map((r) => `${r.townshipId} ${r.period}`));
      return new Set(townshipIds.filter((id) => isApprovedThrough((period) => (approved.has(`${id} ${period}`) ? 'approved' : 'none'), from, to)));
    },
  };
}

function statusJson(row: SubmissionRow) {
  return { period: row.period, status: row.status, note: row.note, returnReason: row.returnReason };
}

function stateWords(period: string, status: SubmissionStatus, step: 'submit' | 'approve' | 'return') {
  const label = periodLabel(period);
  const now = { submitted: { zh: '已上报', en: 'has been submitted' }, approved: { zh: '已通过', en: 'has been approved' }, returned: { zh: '已退回', en: 'has been returned' } }[status];
  const want = { submit: { zh: '不能再次上报', en: 'it cannot be submitted again' }, approve: { zh: '不能审核通过', en: 'it cannot be approved' }, return: { zh: '不能退回', en: 'it cannot be returned' } }[step];
  return { zh: `${label.zh}${now.zh}，${want.zh}`, en: `${label.en} ${now.en}; ${want.en}` };
}

export type SubmissionRepository = ReturnType<typeof createSubmissionRepository>;
