// Evidence files (佐证材料): which types an office may attach, the limits, how a
// file's name is made safe, and the photo-date rule. Web and API use these.
import type { Bilingual } from './validation-messages.ts';

/**
 * The accepted types, as read from the bytes. Images are shown inline
 * (browsers render them); everything else is only ever downloaded.
 * Word 97 and PowerPoint 97 files are OLE compound files: the bytes say
 * "compound file", the name's extension says which.
 */
export const EVIDENCE_TYPES = {
  'image/jpeg': { kind: 'image', ext: 'jpg', inline: true },
  'image/png': { kind: 'image', ext: 'png', inline: true },
  'image/webp': { kind: 'image', ext: 'webp', inline: true },
  'image/heic': { kind: 'image', ext: 'heic', inline: false },
  'application/pdf': { kind: 'document', ext: 'pdf', inline: false },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { kind: 'document', ext: 'docx', inline: false },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { kind: 'document', ext: 'pptx', inline: false },
  'application/msword': { kind: 'document', ext: 'doc', inline: false },
  'application/vnd.ms-powerpoint': { kind: 'document', ext: 'ppt', inline: false },
} as const satisfies Record<string, { kind: 'image' | 'document'; ext: string; inline: boolean }>;
export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;
export type EvidenceKind = 'image' | 'document';

export const isEvidenceContentType = (type: string): type is EvidenceContentType => Object.hasOwn(EVIDENCE_TYPES, type);

/** What the upload control offers to pick (the server still decides from the bytes). */
export const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.webp,.heic,.heif,.pdf,.doc,.docx,.ppt,.pptx,image/*';

export const EVIDENCE_LIMITS = {
  /** Per file; FILES_MAX_FILE_MB changes it on the server. */
  fileBytes: 25 * 1024 * 1024,
  /** All live files of one event; FILES_MAX_EVENT_MB. */
  eventBytes: 300 * 1024 * 1024,
  filesPerEvent: 100,
  /** Decoded pixels: a 108-megapixel phone photo passes, a 30000×30000 "decompression bomb" does not. */
  imagePixels: 120_000_000,
  captionLength: 500,
  /** The printed 图文台账 shows at most this many photos per event. */
  photosPerPrintedEvent: 4,
} as const;

/** Days a photo may be taken before the start or after the end of its event. */
export const PHOTO_DATE_TOLERANCE_DAYS = 2;

/**
 * True when a photo taken at `takenAt` (its EXIF date, a local calendar day
 * 'YYYY-MM-DD') lies more than PHOTO_DATE_TOLERANCE_DAYS days outside the
 * event's dates: a reused or mislabelled photo the clerk and inspector should see.
 */
export function isPhotoDateMismatch(takenDay: string, startDate: string, endDate: string | null): boolean {
  const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
  const taken = day(takenDay);
  return taken < day(startDate) - PHOTO_DATE_TOLERANCE_DAYS || taken > day(endDate ?? startDate) + PHOTO_DATE_TOLERANCE_DAYS;
}

export const PHOTO_DATE_MISMATCH: Bilingual = { zh: '照片拍摄日期与活动日期不符', en: 'The photo was taken on another date than the event' };

/**
 * The calendar day 'YYYY-MM-DD' of `date` on this process's clock. EXIF times
 * are the camera's wall clock without a zone; exifr reads them in the server's
 * zone, so this gives back the day the camera showed (Asia/Shanghai on a
 * server in China: a photo at 07:00 is on its own day, not UTC's day before).
 */
export const localCalendarDay = (date: Date): string =>
  `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * What a person is told about a photo's date, beside the photo (gallery, full
 * view, 图文台账, the pack's captions.txt): the day it was taken, and when that
 * is more than PHOTO_DATE_TOLERANCE_DAYS outside the event's dates, that it is.
 * null when the photo carries no date.
 */
export function photoDateNote(file: { takenOn: string | null; dateMismatch: boolean }): Bilingual | null {
  if (!file.takenOn) return null;
  return file.dateMismatch
    ? { zh: `拍摄于 ${file.takenOn}，不在活动日期内`, en: `Taken on ${file.takenOn}, outside the event's dates` }
    : { zh: `拍摄于 ${file.takenOn}`, en: `Taken on ${file.takenOn}` };
}

/**
 * A file or folder name that is safe on Windows, macOS and Linux and in a zip:
 * no path separators or reserved characters, no control characters, no leading
 * dots, at most `max` characters. Chinese is kept.
 */
export function sanitizeFileName(name: string, max = 100): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .trim();
  const shortened = [...cleaned].slice(0, max).join('').trim();
  // Names Windows reserves for devices.
  if (!shortened || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(shortened)) return 'file';
  return shortened;
}

/** `name` with its extension replaced by the one its bytes say. */
export function withExtension(name: string, ext: string): string {
  const stem = sanitizeFileName(name).replace(/\.[^.]{1,8}$/, '') || 'file';
  return `${stem}.${ext}`;
}

/** The refusals of an upload, worded for the clerk. */
export const EVIDENCE_ERRORS = {
  empty: { zh: '文件是空的', en: 'The file is empty' },
  tooLarge: (mb: number): Bilingual => ({ zh: `文件超过 ${mb} MB`, en: `The file is larger than ${mb} MB` }),
  eventFull: (mb: number, count: number): Bilingual => ({
    zh: `该活动的附件已达上限（${count} 个或共 ${mb} MB）`,
    en: `This event already has the most files allowed (${count} files or ${mb} MB in all)`,
  }),
  unsupported: {
    zh: '不支持的文件类型：请上传照片（JPEG、PNG、WebP、HEIC）、PDF、Word 或 PowerPoint 文件',
    en: 'Unsupported file type: upload photos (JPEG, PNG, WebP, HEIC), PDF, Word or PowerPoint files',
  },
  imageTooLarge: { zh: '图片尺寸过大，无法处理', en: 'The image has too many pixels to process' },
  corruptImage: { zh: '图片已损坏，无法读取', en: 'The image is damaged and cannot be read' },
  noFile: { zh: '请选择要上传的文件', en: 'choose a file to upload' },
} satisfies Record<string, Bilingual | ((...args: never[]) => Bilingual)>;
