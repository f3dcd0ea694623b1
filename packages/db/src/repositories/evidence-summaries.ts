// Evidence counts per event, for the ledger's photo column (one query per page).
import type { EventEvidenceSummary } from '@pufa/domain';
import type { PrismaClient } from '../generated/prisma/client.ts';

export const NO_EVIDENCE: EventEvidenceSummary = { files: 0, photos: 0, mismatched: 0 };

/** Files, photos and photos dated away from their event, of each event (live files only). */
export async function evidenceSummaries(prisma: PrismaClient, eventIds: readonly number[]): Promise<Map<number, EventEvidenceSummary>> {
  if (eventIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<{ event_id: number; files: number; photos: number; mismatched: number }[]>`
    SELECT event_id, count(*)::int AS files, count(*) FILTER (WHERE kind = 'image')::int AS photos,
           count(*) FILTER (WHERE date_mismatch)::int AS mismatched
    FROM event_file WHERE event_id = ANY(${eventIds as number[]}::int[]) AND deleted_at IS NULL GROUP BY event_id`;
  return new Map(rows.map((r) => [r.event_id, { files: r.files, photos: r.photos, mismatched: r.mismatched }]));
}
