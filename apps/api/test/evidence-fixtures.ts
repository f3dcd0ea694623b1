// Evidence fixtures made in the test, never committed: photos with sharp (EXIF
// date and GPS written by sharp's withExif), a HEIC by Debian's heif-enc
// (libheif-examples), a PDF by hand, and the bad files of the issue.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import sharp from 'sharp';

/** A 1200×900 JPEG, taken (EXIF DateTimeOriginal, the camera's wall clock) on `takenOn` ('YYYY-MM-DD') at `time`, with a GPS position. */
export async function photoWithExif(takenOn: string, { width = 1200, height = 900, time = '10:30:00' } = {}): Promise<Buffer> {
  const stamp = `${takenOn.replace(/-/g, ':')} ${time}`;
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Evidence 1' },
      IFD2: { DateTimeOriginal: stamp },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '115/1 50/1 0/1' },
    })
    .toBuffer();
}

export const png = (width = 640, height = 480) =>
  sharp({ create: { width, height, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();

/**
 * A HEIC written by heif-enc (libheif-examples) from a picture; fails, never skips, without it.
 * A large one (11000×11000 is 121 megapixels) takes x265 about 10 s of CPU (a minute on a busy
 * machine): a JPEG in, the fastest preset, and kept in the temporary folder for the next run.
 */
export async function heic(width = 400, height = 300): Promise<Buffer> {
  const kept = path.join(os.tmpdir(), `pufa-test-heic-${width}x${height}.heic`);
  if (width * height > 4_000_000) {
    const cached = await readFile(kept).catch(() => null);
    if (cached) return cached;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pufa-heic-'));
  try {
    const large = width * height > 4_000_000;
    const input = path.join(dir, large ? 'in.jpg' : 'in.png');
    const picture = sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 200 } } });
    await writeFile(input, await (large ? picture.jpeg({ quality: 50 }) : picture.png()).toBuffer());
    await promisify(execFile)('heif-enc', ['-q', large ? '10' : '60', ...(large ? ['-p', 'preset=ultrafast'] : []), '-o', path.join(dir, 'out.heic'), input], { timeout: 240_000 });
    // Whole or not at all: renamed into place once written.
    if (large) await copyFile(path.join(dir, 'out.heic'), `${kept}.${process.pid}`).then(() => rename(`${kept}.${process.pid}`, kept));
    return await readFile(path.join(dir, 'out.heic'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A one-page PDF, written out by hand (what file-type needs is the %PDF header). */
export function pdf(text = 'sign-in sheet'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n` +
      `3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** A Windows program's header: what a renamed .exe starts with. */
export function exe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
}

export const svgWithScript = () => Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');

/** A small PNG whose header claims 30000×30000 pixels: a decompression bomb. */
export async function pngBomb(): Promise<Buffer> {
  const bytes = Buffer.from(await png(8, 8));
  // IHDR data starts at byte 16: width, height; its CRC follows the 13 data bytes.
  bytes.writeUInt32BE(30_000, 16);
  bytes.writeUInt32BE(30_000, 20);
  bytes.writeUInt32BE(zlib.crc32(bytes.subarray(12, 29)) >>> 0, 29);
  return bytes;
}

/**
 * `bytes` (a HEIC) with the sizes its header declares (the ispe box) changed: the picture
 * inside stays small, so only a check of the header can refuse it.
 */
export function withDeclaredSize(bytes: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(bytes);
  const at = copy.indexOf('ispe', 0, 'latin1');
  if (at < 0) throw new Error('no ispe box in this HEIC');
  // After the type: version and flags (4 bytes), then width and height.
  copy.writeUInt32BE(width, at + 8);
  copy.writeUInt32BE(height, at + 12);
  return copy;
}

/** A WebP photo, as phones and WeChat save them. */
export const webp = (width = 320, height = 240) => sharp({ create: { width, height, channels: 3, background: { r: 90, g: 30, b: 160 } } }).webp().toBuffer();

/**
 * A Word 2007+ (.docx) or PowerPoint 2007+ (.pptx) file: the OOXML package's parts as Office
 * writes them first ([Content_Types].xml, then the document's folder), zipped by archiver.
 */
export async function officeXml(kind: 'docx' | 'pptx'): Promise<Buffer> {
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve, reject) => { archive.on('end', resolve); archive.on('error', reject); });
  const zip = { file: (name: string, text: string) => archive.append(Buffer.from(text), { name }) };
  const main =
    kind === 'docx'
      ? { part: 'word/document.xml', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml', xml: '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>签到表</w:t></w:r></w:p></w:body></w:document>' }
      : { part: 'ppt/presentation.xml', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', xml: '<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>' };
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${main.part}" ContentType="${main.type}"/></Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main.part}"/></Relationships>`);
  zip.file(main.part, `<?xml version="1.0" encoding="UTF-8"?>${main.xml}`);
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** A Word 97 (.doc) or PowerPoint 97 (.ppt) file: an OLE compound file with the stream each has, written by SheetJS's CFB. */
export async function officeOle(kind: 'doc' | 'ppt'): Promise<Buffer> {
  const XLSX = await import('@e965/xlsx');
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, kind === 'doc' ? '/WordDocument' : '/PowerPoint Document', Buffer.alloc(4096, 1));
  return Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}
