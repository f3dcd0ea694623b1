// The evidence of a period and org unit, event by event in date order: what the
// evidence pack (zip), the 图文台账 PDF and its print page show. Events come
// from the ledger's own keyset iteration, so a year of a county is read in
// batches, never all at once.
import type { FastifyInstance } from 'fastify';
import { EVIDENCE_LIMITS, type Event, type EventFile, type PeriodQuery } from '@pufa/domain';
import type { Actor } from '@pufa/db';
import { loadAnnualReport, type AnnualData } from './annual-data.ts';
import { evidenceBookFigures } from './ledger-columns.ts';

export interface EvidenceBookEvent {
  event: Event;
  /** The township's name (a county's book has several). */
  township: string;
  figures: { label: string; value: string }[];
  files: { file: EventFile; storageKey: string }[];
}

export interface EvidenceBook {
  data: AnnualData;
  /** Events with their files, in batches, oldest first. */
  events: (signal?: AbortSignal) => AsyncGenerator<EvidenceBookEvent[]>;
}

/** Throws the same 400s as the annual exports (period, org unit out of scope) before anything is sent. */
export async function loadEvidenceBook(app: FastifyInstance, actor: Actor, query: PeriodQuery): Promise<EvidenceBook> {
  const data = await loadAnnualReport(app, actor, query);
  const { names } = data;
  async function* events(signal?: AbortSignal) {
    for await (const batch of app.events.iterate(actor, data.ledgerFilter, 200)) {
      if (signal?.aborted) return;
      const files = await app.evidence.filesOfEvents(batch.map((e) => e.id));
      yield batch.map((event) => ({
        event,
        township: names.name(names.unit(event.townshipId)),
        figures: evidenceBookFigures(event, names),
        files: files.filter((f) => f.file.eventId === event.id),
      }));
    }
  }
  return { data, events };
}

/** The photos the printed book shows for an event: the first few images in the clerk's order. */
export const printedPhotos = (entry: EvidenceBookEvent) => entry.files.filter((f) => f.file.kind === 'image').slice(0, EVIDENCE_LIMITS.photosPerPrintedEvent);
