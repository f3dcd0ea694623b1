// What an uploaded file is, from its bytes: the type (never the name), its
// SHA-256, and for a photo its size, EXIF date and whether it carries a GPS
// position, with the display size and thumbnail the gallery shows. The
// derivatives are re-encoded by sharp, which writes no metadata unless asked:
// no EXIF, no GPS leaves the server in them.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import exifr from 'exifr';
import { heifExtents } from './heif-header.ts';
import type { SpooledUpload } from './spool-upload.ts';
import { EVIDENCE_ERRORS, EVIDENCE_LIMITS, EVIDENCE_TYPES, isEvidenceContentType, type Bilingual, type EvidenceContentType } from '@pufa/domain';

/** A refusal with the clerk's words (answered 4xx on the file field). */
export class EvidenceFileError extends Error {
  constructor(
    readonly statusCode: number,
    readonly words: Bilingual,
  ) {
    super(words.en);
    this.name = 'EvidenceFileError';
  }
}

export interface InspectedUpload {
  contentType: EvidenceContentType;
  kind: 'image' | 'document';
  ext: string;
  sha256: string;
  width: number | null;
  height: number | null;
  /** EXIF DateTimeOriginal as the camera's wall clock, read in the server's zone. */
  takenAt: Date | null;
  hasGps: boolean;
  small?: Buffer;
  large?: Buffer;
}

// Each upload is decoded once and never again: libvips' operation cache would only hold memory.
sharp.cache(false);

const OLE_BY_EXTENSION: Record<string, EvidenceContentType> = { '.doc': 'application/msword', '.ppt': 'application/vnd.ms-powerpoint' };

/** The accepted type of the file's bytes (its first few kilobytes), or an EvidenceFileError. */
export async function detectEvidenceType(upload: SpooledUpload, fileName: string): Promise<EvidenceContentType> {
  if (upload.bytes === 0) throw new EvidenceFileError(400, EVIDENCE_ERRORS.empty);
  const detected = await fileTypeFromFile(upload.path);
  if (!detected) throw new EvidenceFileError(415, EVIDENCE_ERRORS.unsupported);
  if (detected.mime === 'image/heif' || detected.mime === 'image/heic' || detected.ext === 'heic') return 'image/heic';
  // Word 97 / PowerPoint 97 are compound files: the bytes cannot say which, the name can.
  if (detected.mime === 'application/x-cfb') {
    const byName = OLE_BY_EXTENSION[path.extname(fileName).toLowerCase()];
    if (byName) return byName;
  }
  if (isEvidenceContentType(detected.mime)) return detected.mime;
  throw new EvidenceFileError(415, EVIDENCE_ERRORS.unsupported);
}

/** A document is only sniffed (never read whole); a photo is decoded for its size, EXIF and thumbnails. */
export async function inspectUpload(upload: SpooledUpload, fileName: string): Promise<InspectedUpload> {
  const contentType = await detectEvidenceType(upload, fileName);
  const { kind, ext } = EVIDENCE_TYPES[contentType];
  const { sha256 } = upload;
  if (kind !== 'image') return { contentType, kind, ext, sha256, width: null, height: null, takenAt: null, hasGps: false };
  const bytes = await readFile(upload.path);
  if (contentType === 'image/heic') checkHeifHeader(bytes);
  const decodable = contentType === 'image/heic' ? await heicToJpeg(bytes) : bytes;
  const [pictures, exif] = await Promise.all([renderImage(decodable), readExif(bytes)]);
  return { contentType, kind, ext, sha256, ...pictures, ...exif };
}

async function renderImage(bytes: Buffer) {
  const options = { limitInputPixels: EVIDENCE_LIMITS.imagePixels, failOn: 'error' } as const;
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    metadata = await sharp(bytes, options).metadata();
  } catch (error) {
    // sharp checks limitInputPixels against the header before decoding anything.
    if (/pixel limit/i.test(String(error))) throw new EvidenceFileError(422, EVIDENCE_ERRORS.imageTooLarge);
    throw new EvidenceFileError(422, EVIDENCE_ERRORS.corruptImage);
  }
  // Checked from the header, before anything is decoded: a 30000×30000 PNG of a few KB is refused here.
  if (!metadata.width || !metadata.height || metadata.width * metadata.height > EVIDENCE_LIMITS.imagePixels) {
    throw new EvidenceFileError(422, EVIDENCE_ERRORS.imageTooLarge);
  }
  const resized = (input: Buffer, edge: number, quality: number) =>
    sharp(input, options).rotate().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }).webp({ quality }).toBuffer();
  try {
    // The original is decoded once (JPEGs shrink on load); the thumbnail comes from the display size.
    const large = await resized(bytes, 1600, 82);
    const small = await resized(large, 320, 70);
    const sideways = (metadata.orientation ?? 1) >= 5;
    return { small, large, width: sideways ? metadata.height : metadata.width, height: sideways ? metadata.width : metadata.height };
  } catch (error) {
    if (/pixel limit/i.test(String(error))) throw new EvidenceFileError(422, EVIDENCE_ERRORS.imageTooLarge);
    throw new EvidenceFileError(422, EVIDENCE_ERRORS.corruptImage);
  }
}

/**
 * heic-convert decodes the whole picture before sharp could check its size: the
 * pixel limit is applied to the sizes the header declares first. A header
 * without them is not a picture we can read.
 */
function checkHeifHeader(bytes: Buffer) {
  const extents = heifExtents(bytes);
  if (extents.length === 0) throw new EvidenceFileError(422, EVIDENCE_ERRORS.corruptImage);
  if (extents.some(({ width, height }) => width * height > EVIDENCE_LIMITS.imagePixels)) throw new EvidenceFileError(422, EVIDENCE_ERRORS.imageTooLarge);
}

/** sharp's prebuilt libvips has no HEVC decoder: iPhone photos go through heic-convert (libheif in WebAssembly). */
async function heicToJpeg(bytes: Buffer): Promise<Buffer> {
  const { default: convert } = await import('heic-convert');
  try {
    return Buffer.from(await convert({ buffer: bytes, format: 'JPEG', quality: 0.9 }));
  } catch {
    throw new EvidenceFileError(422, EVIDENCE_ERRORS.corruptImage);
  }
}

async function readExif(bytes: Buffer): Promise<{ takenAt: Date | null; hasGps: boolean }> {
  const tags = (await exifr.parse(bytes, { tiff: true, exif: true, gps: true, pick: ['DateTimeOriginal', 'CreateDate', 'GPSLatitude', 'GPSLongitude', 'latitude', 'longitude'] }).catch(() => null)) as
    | { DateTimeOriginal?: unknown; CreateDate?: unknown; latitude?: unknown; GPSLatitude?: unknown }
    | null
    | undefined;
  const date = tags?.DateTimeOriginal ?? tags?.CreateDate;
  const takenAt = date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
  const hasGps = typeof tags?.latitude === 'number' || Array.isArray(tags?.GPSLatitude);
  return { takenAt, hasGps };
}
