// LibreOffice (Debian's libreoffice-calc) as the independent reader of what we
// export: it opens the file as an office would, and writes every sheet back
// as UTF-8 CSV. A missing LibreOffice fails the test, never skips it.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';

const run = promisify(execFile);

/**
 * The time a test that reads a file through LibreOffice gets (issue 23). One conversion takes
 * 2-5 s on a quiet machine, but LibreOffice is a large program: on the shared 2-core machine,
 * loaded by other test runs, a cold start took over 30 s, the default test timeout, and a test
 * that was right failed. Such tests are given this much instead (the converter itself is killed
 * after CONVERT_TIMEOUT_MS, so its own error shows first), and the conversions of one test process
 * share one LibreOffice profile, which is created once instead of on every call.
 */
export const LIBREOFFICE_TEST_TIMEOUT_MS = 300_000;
const CONVERT_TIMEOUT_MS = 240_000;

/** One profile per test process, used by one conversion at a time. */
const profile = path.join(tmpdir(), `pufa-lo-profile-${process.pid}-${threadId}`);
let queue: Promise<unknown> = Promise.resolve();
process.once('exit', () => rmSync(profile, { recursive: true, force: true }));

/** Every sheet of a file (.xlsx, or .csv read as UTF-8) as rows of the strings LibreOffice shows. */
export function readWithLibreOffice(body: Buffer | string, extension: 'xlsx' | 'csv'): Promise<Record<string, string[][]>> {
  const turn = queue.then(() => convert(body, extension));
  queue = turn.catch(() => undefined);
  return turn;
}

async function convert(body: Buffer | string, extension: 'xlsx' | 'csv'): Promise<Record<string, string[][]>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-lo-'));
  try {
    const input = path.join(dir, `book.${extension}`);
    await writeFile(input, body);
    // 44,34,76 = comma, double quote, UTF-8; the last field -1 writes every sheet to book-<sheet>.csv.
    const csvFilter = 'Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    const inFilter = extension === 'csv' ? [`--infilter=CSV:44,34,76,1`] : [];
    await run('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, ...inFilter, '--convert-to', `csv:${csvFilter}`, '--outdir', path.join(dir, 'out'), input], { timeout: CONVERT_TIMEOUT_MS });
    const sheets: Record<string, string[][]> = {};
    for (const file of await readdir(path.join(dir, 'out'))) {
      const match = /^book(?:-(.+))?\.csv$/.exec(file);
      if (match) sheets[match[1] ?? 'book'] = parse(await readFile(path.join(dir, 'out', file), 'utf8'), { relax_column_count: true, bom: true });
    }
    return sheets;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A workbook printed to PDF by LibreOffice (as File › Export as PDF does): each page's text and size in points. */
export async function printWithLibreOffice(body: Buffer): Promise<{ text: string; width: number; height: number }[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-lo-pdf-'));
  try {
    const input = path.join(dir, 'book.xlsx');
    await writeFile(input, body);
    await run('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', path.join(dir, 'out'), input], { timeout: 120_000 });
    const pdf = path.join(dir, 'out', 'book.pdf');
    const count = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);
    const sizes = [...(await run('pdfinfo', ['-f', '1', '-l', String(count), pdf])).stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)];
    const texts = (await run('pdftotext', [pdf, '-'])).stdout.split('\f').slice(0, count);
    return texts.map((text, i) => ({ text, width: Number(sizes[i]?.[1]), height: Number(sizes[i]?.[2]) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One file inside a zip (an .xlsx), as text, read with Debian's unzip. */
export async function zipEntry(zip: Buffer, entry: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pufa-zip-'));
  try {
    await writeFile(path.join(dir, 'book.zip'), zip);
    return (await run('unzip', ['-p', path.join(dir, 'book.zip'), entry], { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
