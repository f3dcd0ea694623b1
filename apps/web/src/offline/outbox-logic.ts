// The outbox's rules, pure (unit-tested in outbox-logic.test.ts): what goes
// next, what an answer means, how a queued create's id reaches its photos, how
// much room is left, and how queued writes show in the ledger. docs/offline.md.
import { summarize, type EventCreate, type EventListItem, type EventListQuery, type EventListResponse, type EventPatch, type LeafletRule } from '@pufa/domain';

export type OutboxKind = 'create' | 'update' | 'delete' | 'file';

/** The server's answer to a write it refused: kept on the item, in both languages, until the clerk acts. */
export interface OutboxRefusal {
  status: number;
  message: string;
  messageEn: string;
  /** Field messages of a 400 (e.g. "村已停用"). */
  fields: string[];
  at: string;
}

export interface OutboxItem {
  /** Auto-increment: the order in which the clerk pressed 保存 is the order of sending. */
  id: number;
  userId: number;
  kind: OutboxKind;
  createdAt: string;
  /** The Idempotency-Key of the clerk's action, fixed from the moment of 保存: a resend is never a second event. */
  idempotencyKey: string;
  /** The event on the server, or (before its create is answered) the outbox id of its queued create. */
  eventId?: number;
  localEventId?: number;
  /** create: the whole event; update: the changed fields and the version the clerk edited. */
  body?: EventCreate | EventPatch;
  file?: { blob: Blob; name: string; type: string; size: number };
  /** What the ledger and the outbox list show. */
  title: string;
  startDate: string;
  refusal?: OutboxRefusal;
  /** A send got no answer: the server may have done it (the key makes the resend safe). */
  uncertain?: boolean;
  attempts: number;
}

export type Answer = 'done' | 'later' | 'signIn' | 'refused';

/** What an HTTP status (0: no answer at all) means for a queued write. */
export function classifyAnswer(kind: OutboxKind, status: number): Answer {
  if (status >= 200 && status < 300) return 'done';
  // Deleting what is already gone is what was asked.
  if (kind === 'delete' && (status === 404 || status === 410)) return 'done';
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'later';
  if (status === 401) return 'signIn';
  return 'refused';
}

/** The item an item waits for: an earlier one of the same event still in the outbox (its create, or an earlier edit). */
export function blockerOf(item: OutboxItem, items: readonly OutboxItem[]): OutboxItem | undefined {
  return items.find(
    (other) =>
      other.id < item.id &&
      ((item.localEventId !== undefined && (other.id === item.localEventId || other.localEventId === item.localEventId)) ||
        (item.eventId !== undefined && other.eventId === item.eventId)),
  );
}

/**
 * The next item to send: the oldest of this user's items that the server has
 * not refused and that waits for nothing. Items of other events go on past a
 * refused one; items of the same event wait behind it (a photo never goes
 * before its event exists).
 */
export function nextToSend(items: readonly OutboxItem[], userId: number): OutboxItem | undefined {
  const sorted = [...items].sort((a, b) => a.id - b.id);
  return sorted.find((item) => item.userId === userId && !item.refusal && item.localEventId === undefined && !blockerOf(item, sorted));
}

/** The items left to send for this user (refused ones wait for the clerk). */
export const pendingCount = (items: readonly OutboxItem[], userId: number) => items.filter((i) => i.userId === userId && !i.refusal).length;

/** A queued create was answered with its event id: the items that waited for it now name the event. */
export function afterCreate(items: readonly OutboxItem[], localId: number, serverId: number): OutboxItem[] {
  return items
    .filter((item) => item.id !== localId)
    .map((item) => (item.localEventId === localId ? { ...item, localEventId: undefined, eventId: serverId } : item));
}

/** The fields of an edit that differ from the event as the clerk read it (and the version read). */
export function changedFields(form: EventPatch, original: Record<string, unknown>): EventPatch {
  return Object.fromEntries(Object.entries(form).filter(([key, value]) => key === 'version' || JSON.stringify(value) !== JSON.stringify(original[key]))) as EventPatch;
}

/** Discarding a queued create discards what was queued for it (its photos, edits). */
export function discardSet(items: readonly OutboxItem[], id: number): number[] {
  const item = items.find((i) => i.id === id);
  if (!item) return [];
  return item.kind === 'create' ? [id, ...items.filter((i) => i.localEventId === id).map((i) => i.id)] : [id];
}

export const DEFAULT_LIMIT_BYTES = 500 * 1024 * 1024;

/** Bytes an item takes on the device: its file, and its JSON. */
export function itemBytes(item: Pick<OutboxItem, 'file' | 'body' | 'title'>): number {
  return (item.file?.size ?? 0) + JSON.stringify(item.body ?? null).length * 2 + item.title.length * 2 + 512;
}

export function fitsLimit(items: readonly OutboxItem[], adding: Pick<OutboxItem, 'file' | 'body' | 'title'>, limit = DEFAULT_LIMIT_BYTES): boolean {
  return items.reduce((sum, item) => sum + itemBytes(item), 0) + itemBytes(adding) <= limit;
}

/** A ledger row, maybe marked as waiting in the outbox (待同步). */
export type LedgerRow = EventListItem & { queued?: { kind: OutboxKind; outboxId: number; refused: boolean } };

type Filter = Partial<Pick<EventListQuery, 'from' | 'to' | 'townshipId' | 'villageId' | 'campaignId' | 'q'>>;

/** The filters the device can apply itself (the others need the server). */
export function matchesFilter(event: Pick<EventListItem, 'startDate' | 'townshipId' | 'villageIds' | 'campaignId' | 'title' | 'location' | 'notes'>, query: Filter): boolean {
  if (query.from && event.startDate < query.from) return false;
  if (query.to && event.startDate > query.to) return false;
  if (query.townshipId && event.townshipId !== Number(query.townshipId)) return false;
  if (query.villageId && !event.villageIds.includes(Number(query.villageId))) return false;
  if (query.campaignId && event.campaignId !== Number(query.campaignId)) return false;
  if (query.q) {
    const q = query.q.trim();
    if (q && ![event.title, event.location, event.notes].some((text) => text.includes(q))) return false;
  }
  return true;
}

/** Filters the device cannot apply: a list asked with one of them is not computed offline. */
export const SERVER_ONLY_FILTERS = ['sixInto', 'departmentId', 'formId', 'lawId', 'materialTypeId', 'evidence'] as const;

const compareBy = (sort: string) => {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as 'startDate' | 'title' | 'audience';
  return (a: EventListItem, b: EventListItem) => {
    const x = a[key];
    const y = b[key];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
    return (descending ? -order : order) || b.id - a.id;
  };
};

/** The ledger as the server would answer it, from the rows kept on the device. */
export function listFromRows(rows: readonly EventListItem[], query: Partial<EventListQuery>, materialTypes: ReadonlyMap<number, LeafletRule>): EventListResponse {
  const matching = rows.filter((row) => matchesFilter(row, query)).sort(compareBy(query.sort ?? '-startDate'));
  const page = Number(query.page ?? 1);
  const pageSize = Number(query.pageSize ?? 20);
  return { items: matching.slice((page - 1) * pageSize, page * pageSize), total: matching.length, totals: summarize(matching, materialTypes) };
}

/** A queued create as a ledger row (a negative id: it has none yet). */
export function queuedRow(item: OutboxItem, items: readonly OutboxItem[]): LedgerRow {
  const body = item.body as EventCreate;
  const files = items.filter((i) => i.kind === 'file' && i.localEventId === item.id);
  return {
    id: -item.id, startDate: body.startDate, endDate: body.endDate ?? null, title: body.title, townshipId: body.townshipId,
    campaignId: body.campaignId ?? null, location: body.location ?? '', villageIds: body.villageIds ?? [], sixInto: body.sixInto ?? [],
    formIds: body.formIds ?? [], lawIds: body.lawIds ?? [], departmentIds: body.departmentIds ?? [], targetGroupIds: body.targetGroupIds ?? [],
    audience: body.audience ?? 0, consultations: body.consultations ?? 0, materials: body.materials ?? [], notes: body.notes ?? '',
    version: 0, createdAt: item.createdAt, updatedAt: item.createdAt,
    evidence: { files: files.length, photos: files.filter((f) => f.file?.type.startsWith('image/')).length, mismatched: 0 },
    queued: { kind: 'create', outboxId: item.id, refused: !!item.refusal },
  };
}

/**
 * The ledger with the outbox merged in: queued creates that match the filter
 * first on page 1 (marked 待同步), queued edits applied to their rows, queued
 * deletes and photos marked on theirs. Server totals stay the server's.
 */
export function mergeQueued(list: EventListResponse, items: readonly OutboxItem[], query: Partial<EventListQuery>): { items: LedgerRow[]; total: number; totals: EventListResponse['totals'] } {
  const creates = items.filter((i) => i.kind === 'create').map((i) => queuedRow(i, items)).filter((row) => matchesFilter(row, query));
  const rows: LedgerRow[] = list.items.map((row) => {
    const mine = items.filter((i) => i.eventId === row.id);
    if (!mine.length) return row;
    const last = mine.find((i) => i.kind === 'delete') ?? mine.find((i) => i.kind === 'update') ?? mine[0]!;
    let merged: LedgerRow = row;
    for (const update of mine.filter((i) => i.kind === 'update')) merged = { ...merged, ...(update.body as EventPatch) } as LedgerRow;
    const queuedFiles = mine.filter((i) => i.kind === 'file');
    const evidence = { ...row.evidence, files: row.evidence.files + queuedFiles.length, photos: row.evidence.photos + queuedFiles.filter((f) => f.file?.type.startsWith('image/')).length };
    return { ...merged, evidence, queued: { kind: last.kind, outboxId: last.id, refused: mine.some((i) => !!i.refusal) } };
  });
  const firstPage = Number(query.page ?? 1) === 1;
  return { items: firstPage ? [...creates, ...rows] : rows, total: list.total + creates.length, totals: list.totals };
}
