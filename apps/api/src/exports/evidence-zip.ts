// The evidence pack (佐证材料.zip): the ledger workbook, then one folder per
// event ("2026-03-15 3·15消费者权益日宣传") with its files in the clerk's order
// and captions.txt. Streamed: files are read from the store as the zip is written
// (each opened when archiver reaches it), so a year of photos never sits in memory.
import type { Writable } from 'node:stream';
import { PassThrough } from 'node:stream';
import { ZipArchive, type EntryData, type ZipEntryData } from 'archiver';
import { photoDateNote, sanitizeFileName } from '@pufa/domain';
import type { FileStore } from '../evidence/file-store.ts';
import type { EvidenceBook } from './evidence-book.ts';

/** Already compressed: stored as they are (deflating a JPEG costs time and gains nothing). */
const COMPRESSED = /^(image\/|application\/vnd\.openxmlformats)/;

const WORDS = {
  zh: { none: '（无影像资料）' },
  en: { none: '(no evidence files)' },
};

export async function writeEvidenceZip(
  out: Writable,
  book: EvidenceBook,
  store: FileStore,
  writeWorkbook: (out: Writable, signal: AbortSignal) => Promise<void>,
  workbookName: string,
  signal: AbortSignal,
): Promise<void> {
  const lang = book.data.names.lang;
  const words = WORDS[lang];
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('close', resolve);
    archive.on('error', reject);
    out.on('error', reject);
  });
  // Awaited at the end; a stopped export returns early instead, and what its writer still sends
  // to the discarded stream then fails with nobody waiting: that must not be an unhandled rejection.
  finished.catch(() => undefined);
  signal.addEventListener('abort', () => archive.abort(), { once: true });
  archive.pipe(out);

  // The workbook first: archiver reads entries in order, so its stream is drained as it is written.
  const workbook = new PassThrough();
  const workbookDone = writeWorkbook(workbook, signal).catch((error: unknown) => workbook.destroy(error as Error));
  archive.append(workbook, { name: workbookName });
  await workbookDone;

  const folders = new Set<string>();
  for await (const batch of book.events(signal)) {
    for (const { event, files } of batch) {
      let folder = sanitizeFileName(`${event.startDate} ${event.title}`, 80);
      // Two events of one day with one title: the second folder gets its id.
      if (folders.has(folder)) folder = `${folder} (${event.id})`;
      folders.add(folder);
      const lines = [`${event.startDate}${event.endDate && event.endDate !== event.startDate ? ` ~ ${event.endDate}` : ''} ${event.title}`, ''];
      if (files.length === 0) lines.push(words.none);
      const names = new Set<string>();
      files.forEach(({ file, storageKey }, index) => {
        let name = `${String(index + 1).padStart(2, '0')}-${file.originalName}`;
        if (names.has(name)) name = `${String(index + 1).padStart(2, '0')}-${file.id}-${file.originalName}`;
        names.add(name);
        const entry: ZipEntryData = { name: `${folder}/${name}`, store: COMPRESSED.test(file.contentType), date: new Date(file.createdAt) };
        // The store's stream opens when archiver reaches the entry: one file open at a time.
        archive.append(store.read(storageKey), entry as EntryData);
        const note = photoDateNote(file);
        lines.push(`${name}\t${file.caption}\t${note ? note[lang === 'en' ? 'en' : 'zh'] : ''}\tSHA-256 ${file.sha256}`);
      });
      // CRLF and a BOM: Notepad on an inspector's Windows PC opens it right.
      archive.append(`\uFEFF${lines.join('\r\n')}\r\n`, { name: `${folder}/captions.txt` });
    }
  }
  if (signal.aborted) return;
  await archive.finalize();
  await finished;
}
