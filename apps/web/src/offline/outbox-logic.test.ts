import { describe, expect, it } from 'vitest';
import type { EventListResponse } from '@pufa/domain';
import { afterCreate, blockerOf, changedFields, classifyAnswer, discardSet, fitsLimit, itemBytes, listFromRows, mergeQueued, nextToSend, type OutboxItem } from './outbox-logic.ts';

const base = { userId: 1, createdAt: '2026-12-01T00:00:00Z', idempotencyKey: 'k', attempts: 0, startDate: '2026-11-20' };
const create = (id: number, title = `活动${id}`, startDate = '2026-11-20'): OutboxItem => ({
  ...base, id, kind: 'create', title, startDate,
  body: { startDate, townshipId: 2, title, villageIds: [7], audience: 10, materials: [] },
});
const file = (id: number, localEventId: number, size = 1000): OutboxItem => ({
  ...base, id, kind: 'file', localEventId, title: '活动', file: { blob: new Blob(['x']), name: `p${id}.jpg`, type: 'image/jpeg', size },
});
const update = (id: number, eventId: number, title = '改'): OutboxItem => ({ ...base, id, kind: 'update', eventId, title, body: { version: 3, title } });
const refused = (item: OutboxItem): OutboxItem => ({ ...item, refusal: { status: 409, message: '2026年11月已上报', messageEn: 'submitted', fields: [], at: '' } });

describe('nextToSend', () => {
  it('sends the oldest first, and a photo only after its event has an id', () => {
    const items = [file(2, 1), create(1), create(3)];
    expect(nextToSend(items, 1)?.id).toBe(1);
    // The create answered: the photo now names the event, and goes before the later create.
    const after = afterCreate(items, 1, 501);
    expect(after.map((i) => i.id)).toEqual([2, 3]);
    expect(after[0]).toMatchObject({ eventId: 501, localEventId: undefined });
    expect(nextToSend(after, 1)?.id).toBe(2);
  });

  it('goes past a refused item of another event, never past one of the same event', () => {
    expect(nextToSend([refused(create(1)), file(2, 1), create(3)], 1)?.id).toBe(3);
    expect(nextToSend([refused(update(1, 9)), update(2, 9)], 1)).toBeUndefined();
    expect(blockerOf(update(2, 9), [refused(update(1, 9)), update(2, 9)])?.id).toBe(1);
    expect(nextToSend([update(1, 9), update(2, 8)], 1)?.id).toBe(1);
  });

  it("sends only the signed-in user's items", () => {
    expect(nextToSend([{ ...create(1), userId: 2 }, create(2)], 1)?.id).toBe(2);
    expect(nextToSend([{ ...create(1), userId: 2 }], 1)).toBeUndefined();
  });
});

describe('classifyAnswer', () => {
  it('keeps what was refused, waits on no answer, asks for the password on 401', () => {
    expect(classifyAnswer('create', 201)).toBe('done');
    expect(classifyAnswer('create', 0)).toBe('later');
    expect(classifyAnswer('create', 503)).toBe('later');
    expect(classifyAnswer('file', 429)).toBe('later');
    expect(classifyAnswer('update', 401)).toBe('signIn');
    expect(classifyAnswer('create', 400)).toBe('refused');
    expect(classifyAnswer('create', 409)).toBe('refused');
    expect(classifyAnswer('update', 409)).toBe('refused');
    expect(classifyAnswer('create', 422)).toBe('refused');
    expect(classifyAnswer('update', 404)).toBe('refused');
    // Deleting what is already gone is what was asked.
    expect(classifyAnswer('delete', 404)).toBe('done');
  });
});

describe('a queued edit', () => {
  it('keeps only what the clerk changed, and the version they edited', () => {
    const original = { title: '旧', audience: 9, villageIds: [1, 2], endDate: null, version: 3 };
    expect(changedFields({ title: '旧', audience: 99, villageIds: [1, 2], endDate: null, version: 3 }, original)).toEqual({ audience: 99, version: 3 });
    expect(changedFields({ villageIds: [2, 1], version: 3 }, original)).toEqual({ villageIds: [2, 1], version: 3 });
  });
});

describe('discard and limit', () => {
  it('discarding a queued create discards its photos, nothing else', () => {
    expect(discardSet([create(1), file(2, 1), create(3), file(4, 3)], 1)).toEqual([1, 2]);
    expect(discardSet([create(1), file(2, 1)], 2)).toEqual([2]);
  });

  it('refuses what would pass the limit, to the byte', () => {
    const items = [file(1, 9, 1000)];
    const adding = { title: '', body: undefined, file: { blob: new Blob([]), name: 'a', type: 'image/jpeg', size: 1000 } };
    const used = itemBytes(items[0]!) + itemBytes(adding);
    expect(used).toBeGreaterThan(2000);
    expect(fitsLimit(items, adding, used)).toBe(true);
    expect(fitsLimit(items, adding, used - 1)).toBe(false);
  });
});

describe('the ledger with the outbox merged in', () => {
  const server: EventListResponse = {
    items: [{ ...create(0).body, id: 9, endDate: null, campaignId: null, location: '', villageIds: [7], sixInto: [], formIds: [], lawIds: [], departmentIds: [], targetGroupIds: [], audience: 5, consultations: 0, materials: [], notes: '', version: 3, createdAt: '', updatedAt: '', evidence: { files: 1, photos: 1, mismatched: 0 }, title: '旧', startDate: '2026-10-01', townshipId: 2 }],
    total: 1,
    totals: { activities: 1, leaflets: 0, audience: 5, consultations: 0, villagesReached: 1 },
  };

  it('shows queued creates first and marks edited, deleted and photographed rows', () => {
    const merged = mergeQueued(server, [create(1, '新登记'), file(2, 1), update(3, 9, '改过的')], {});
    expect(merged.items.map((r) => [r.id, r.title, r.queued?.kind])).toEqual([[-1, '新登记', 'create'], [9, '改过的', 'update']]);
    expect(merged.items[0]!.evidence.photos).toBe(1);
    expect(merged.total).toBe(2);
    const deleted = mergeQueued(server, [{ ...base, id: 4, kind: 'delete', eventId: 9, title: '旧' }], {});
    expect(deleted.items[0]!.queued).toMatchObject({ kind: 'delete', refused: false });
    expect(mergeQueued(server, [refused(update(3, 9))], {}).items[0]!.queued?.refused).toBe(true);
  });

  it('applies the filter to queued creates, and puts them on page 1 only', () => {
    expect(mergeQueued(server, [create(1, 'a', '2026-11-20')], { from: '2026-12-01' }).items.map((r) => r.id)).toEqual([9]);
    expect(mergeQueued(server, [create(1)], { villageId: 8 }).items.map((r) => r.id)).toEqual([9]);
    expect(mergeQueued(server, [create(1)], { page: 2 }).items.map((r) => r.id)).toEqual([9]);
  });

  it('answers a list from the rows kept on the device: filter, order, page, totals', () => {
    const rows = [1, 2, 3].map((n) => ({ ...server.items[0]!, id: n, startDate: `2026-0${n}-01`, audience: n * 10, title: `活动${n}` }));
    const answer = listFromRows(rows, { from: '2026-02-01', page: 1, pageSize: 1, sort: '-startDate' }, new Map());
    expect(answer.items.map((r) => r.id)).toEqual([3]);
    expect(answer.total).toBe(2);
    expect(answer.totals.audience).toBe(50);
    expect(listFromRows(rows, { sort: 'audience' }, new Map()).items.map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
