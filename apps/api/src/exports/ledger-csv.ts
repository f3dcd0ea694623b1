// The ledger as CSV for any filter of the event list: UTF-8 with a byte-order
// mark, so Excel on Windows opens the Chinese text correctly; streamed in batches.
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { EventFilter, ExportLanguage } from '@pufa/domain';
import type { Actor, EventRepository } from '@pufa/db';
import { ledgerHeader, ledgerRow } from './ledger-columns.ts';
import { neutralizeFormula } from './csv-formula.ts';
import type { Names } from './scope-names.ts';

export async function writeLedgerCsv(output: Writable, events: EventRepository, actor: Actor, filter: EventFilter, names: Names, lang: ExportLanguage, signal?: AbortSignal) {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(output);
  // Waits while the client is slower than the database; stops waiting if it has gone.
  const write = (row: (string | number)[]) =>
    csv.write(row) || signal?.aborted ? Promise.resolve() : new Promise<void>((resolve) => {
      // Whichever comes first removes both listeners: a long export must not pile them up.
      const done = () => {
        csv.off('drain', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      csv.once('drain', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  await write(ledgerHeader(lang));
  let index = 0;
  for await (const batch of events.iterate(actor, filter)) {
    if (signal?.aborted) return;
    for (const event of batch) await write(ledgerRow(event, names, index++).map((cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell)));
  }
  await new Promise<void>((resolve, reject) => {
    output.once('finish', resolve);
    output.once('error', reject);
    csv.end();
  });
}
