// The ledger as CSV for any filter of the event list: UTF-8 with a byte-order
// mark, so Excel on Windows opens the Chinese text correctly; streamed a batch
// of events at a time (one string, one write per batch).
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { EventFilter, ExportLanguage } from '@pufa/domain';
import type { Actor, EventRepository } from '@pufa/db';
import { ledgerHeader, ledgerRow } from './ledger-columns.ts';
import { neutralizeFormula } from './csv-formula.ts';
import type { Names } from './scope-names.ts';

const BOM = '\ufeff';
const csvLines = (rows: (string | number)[][]) => stringify(rows, { record_delimiter: 'windows' });

/** Writes a chunk; waits while the client is slower than the database, and stops waiting if it has gone. */
function write(output: Writable, chunk: string, signal?: AbortSignal): Promise<void> {
  if (output.write(chunk) || signal?.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    // Whichever comes first removes both listeners: a long export must not pile them up.
    const done = () => {
      output.off('drain', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    output.once('drain', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function writeLedgerCsv(output: Writable, events: EventRepository, actor: Actor, filter: EventFilter, names: Names, lang: ExportLanguage, signal?: AbortSignal) {
  await write(output, BOM + csvLines([ledgerHeader(lang)]), signal);
  let index = 0;
  for await (const batch of events.iterate(actor, filter)) {
    if (signal?.aborted) return;
    const rows = batch.map((event) => ledgerRow(event, names, index++).map((cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell)));
    await write(output, csvLines(rows), signal);
  }
  await new Promise<void>((resolve, reject) => {
    output.once('finish', resolve);
    output.once('error', reject);
    output.end();
  });
}
