// 图文台账 as a PDF (pdfkit): a cover with the period's totals, then each event
// on a page of its own in date order: date and title, its figures, up to four
// photos (the display size, without metadata) with their captions. Every page
// carries the office's name and its number. Streamed page by page: nothing is
// buffered but the page being written.
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { photoDateNote } from '@pufa/domain';
import type { FileStore } from '../evidence/file-store.ts';
import { printedPhotos, type EvidenceBook } from './evidence-book.ts';
import type { CjkFont } from './cjk-font.ts';

const WORDS = {
  zh: { title: '普法宣传图文台账', period: '期间', page: (n: number) => `第 ${n} 页`, none: '（无影像资料）', totals: '合计', activities: '开展活动', times: '次', audience: '受众', personTimes: '人次', leaflets: '发放宣传资料', copies: '份', more: (n: number) => `另有 ${n} 个文件见佐证材料包` },
  en: { title: 'Legal-publicity ledger with photos', period: 'Period', page: (n: number) => `Page ${n}`, none: '(no evidence files)', totals: 'Totals', activities: 'Activities', times: '', audience: 'Audience', personTimes: 'person-times', leaflets: 'Leaflets', copies: 'copies', more: (n: number) => `${n} more files in the evidence pack` },
};

const MARGIN = 48;
const PHOTO_GAP = 10;

export async function writeEvidencePdf(out: Writable, book: EvidenceBook, store: FileStore, font: CjkFont, signal: AbortSignal): Promise<void> {
  const { data } = book;
  const lang = data.names.lang;
  const w = WORDS[lang];
  const office = lang === 'en' ? data.unitNameEn : data.unitName;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${office} ${w.title} ${data.from} – ${data.to}`, Creator: 'Pufa Tracker' } });
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  // Awaited at the end; a stopped export returns early instead, and what its writer still sends
  // to the discarded stream then fails with nobody waiting: that must not be an unhandled rejection.
  finished.catch(() => undefined);
  doc.pipe(out);
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');

  // Header and page number on every page, written in the margins as the page is added.
  let pageNumber = 0;
  doc.on('pageAdded', () => stamp());
  function stamp() {
    pageNumber += 1;
    const { width, height } = doc.page;
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.save().fontSize(9).fillColor('#666');
    doc.text(`${office} · ${w.title}`, MARGIN, 22, { width: width - 2 * MARGIN, align: 'left', lineBreak: false });
    doc.text(w.page(pageNumber), MARGIN, height - 32, { width: width - 2 * MARGIN, align: 'center', lineBreak: false });
    doc.restore().fillColor('#000');
    doc.page.margins.bottom = bottom;
    doc.x = MARGIN;
    doc.y = MARGIN;
  }
  stamp();

  // Cover: the office, the period, the period's totals from the report's figures.
  const f = data.report.figures;
  doc.moveDown(6).fontSize(24).text(office, { align: 'center' }).moveDown(0.5).fontSize(20).text(w.title, { align: 'center' });
  doc.moveDown(1).fontSize(12).text(`${w.period}: ${data.from} – ${data.to}`, { align: 'center' });
  doc.moveDown(2).fontSize(12).text(`${w.totals}: ${w.activities} ${f.activities} ${w.times} · ${w.audience} ${f.audience} ${w.personTimes} · ${w.leaflets} ${f.leaflets} ${w.copies}`, { align: 'center' });

  const contentWidth = doc.page.width - 2 * MARGIN;
  for await (const batch of book.events(signal)) {
    for (const entry of batch) {
      if (signal.aborted) return;
      const { event } = entry;
      doc.addPage();
      doc.fontSize(15).text(`${event.startDate}${event.endDate && event.endDate !== event.startDate ? ` ~ ${event.endDate}` : ''}  ${event.title}`);
      doc.moveDown(0.3).fontSize(10).fillColor('#333');
      const figures = [...(entry.township && data.unit?.level !== 'township' ? [{ label: lang === 'en' ? 'Township' : '乡镇(街道)', value: entry.township }] : []), ...entry.figures];
      doc.text(figures.map((fig) => `${fig.label}: ${fig.value}`).join('    '), { width: contentWidth });
      if (event.notes) doc.moveDown(0.2).text(event.notes, { width: contentWidth });
      doc.fillColor('#000').moveDown(0.6);

      const photos = printedPhotos(entry);
      const others = entry.files.length - photos.length;
      if (entry.files.length === 0) doc.fontSize(11).fillColor('#a00').text(w.none).fillColor('#000');
      // Two photos a row, each in a box of half the width; the rows fill the rest of the page.
      const boxWidth = (contentWidth - PHOTO_GAP) / 2;
      const top = doc.y;
      const room = doc.page.height - MARGIN - 20 - top;
      const boxHeight = Math.min(boxWidth * 0.75, (room - (photos.length > 2 ? PHOTO_GAP : 0)) / (photos.length > 2 ? 2 : 1) - 30);
      for (const [index, { file, storageKey }] of photos.entries()) {
        const x = MARGIN + (index % 2) * (boxWidth + PHOTO_GAP);
        const y = top + Math.floor(index / 2) * (boxHeight + 30 + PHOTO_GAP);
        // pdfkit embeds JPEG and PNG: the display size (WebP, no metadata) becomes a JPEG for the page.
        const jpeg = await sharp(await readAll(store.read(storageKey, 'large'))).jpeg({ quality: 80 }).toBuffer();
        doc.image(jpeg, x, y, { fit: [boxWidth, boxHeight], align: 'center', valign: 'center' });
        // The photo's day beside it (the county compares it with the event's date above), never an internal flag.
        const note = photoDateNote(file);
        doc.fontSize(9).text(file.caption || file.originalName, x, y + boxHeight + 4, { width: boxWidth, height: 12, ellipsis: true, align: 'center', lineBreak: false });
        if (note) doc.fontSize(8).fillColor(file.dateMismatch ? '#a00' : '#555').text(note[lang === 'en' ? 'en' : 'zh'], x, y + boxHeight + 16, { width: boxWidth, height: 12, ellipsis: true, align: 'center', lineBreak: false }).fillColor('#000');
      }
      if (others > 0) doc.fontSize(9).fillColor('#666').text(w.more(others), MARGIN, doc.page.height - MARGIN - 14, { width: contentWidth, lineBreak: false }).fillColor('#000');
    }
  }
  doc.end();
  await finished;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
