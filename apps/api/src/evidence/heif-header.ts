// The pixel size of a HEIC/HEIF photo, read from its header (the ISO base media
// file format boxes) without decoding anything: meta → iprp → ipco → ispe, the
// "image spatial extents" property every image item must have (ISO/IEC 23008-12).
// heic-convert decodes the whole picture into memory (a 121-megapixel HEIC of
// 27 KB takes a minute and 1.6 GB), so the pixel limit is checked here first.

export interface HeifExtents {
  width: number;
  height: number;
}

interface Box {
  type: string;
  /** Where the box's content starts and ends (after its header). */
  start: number;
  end: number;
}

/** The boxes directly inside bytes[from, to); stops at the first malformed one. */
function* boxes(bytes: Buffer, from: number, to: number): Generator<Box> {
  let offset = from;
  while (offset + 8 <= to) {
    let size = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      if (offset + 16 > to) return;
      const large = bytes.readBigUInt64BE(offset + 8);
      if (large > BigInt(to - offset)) return;
      size = Number(large);
      header = 16;
    } else if (size === 0) size = to - offset;
    if (size < header || offset + size > to) return;
    yield { type, start: offset + header, end: offset + size };
    offset += size;
  }
}

const child = (bytes: Buffer, parent: Box, type: string) => [...boxes(bytes, parent.start, parent.end)].find((box) => box.type === type);

/**
 * The extents of every image item in the file (the primary picture, its tiles,
 * its thumbnails); the largest is what a decoder would allocate. An empty list
 * when the header has none: not a valid HEIF file.
 */
export function heifExtents(bytes: Buffer): HeifExtents[] {
  const meta = [...boxes(bytes, 0, bytes.length)].find((box) => box.type === 'meta');
  // meta is a full box: a version and flags (4 bytes) precede its children.
  const iprp = meta && child(bytes, { ...meta, start: meta.start + 4 }, 'iprp');
  const ipco = iprp && child(bytes, iprp, 'ipco');
  if (!ipco) return [];
  const extents: HeifExtents[] = [];
  for (const box of boxes(bytes, ipco.start, ipco.end)) {
    // ispe: version and flags (4 bytes), then width and height (32 bits each).
    if (box.type === 'ispe' && box.end - box.start >= 12) extents.push({ width: bytes.readUInt32BE(box.start + 4), height: bytes.readUInt32BE(box.start + 8) });
  }
  return extents;
}
