import { describe, expect, it } from 'vitest';
import { EVIDENCE_ERRORS, EventFilePatchSchema, isEvidenceContentType, isPhotoDateMismatch, localCalendarDay, photoDateNote, sanitizeFileName, withExtension } from '../src/index.ts';

describe('isPhotoDateMismatch: more than 2 days outside the event', () => {
  it.each([
    ['2026-03-13', '2026-03-15', null, false],
    ['2026-03-12', '2026-03-15', null, true],
    ['2026-03-17', '2026-03-15', null, false],
    ['2026-03-18', '2026-03-15', null, true],
    ['2026-03-22', '2026-03-15', '2026-03-20', false],
    ['2026-03-23', '2026-03-15', '2026-03-20', true],
    ['2025-03-15', '2026-03-15', null, true],
    // Across a month and a year end.
    ['2026-12-30', '2027-01-01', null, false],
    ['2027-03-02', '2027-02-28', null, false],
  ])('taken %s, event %s–%s: %s', (taken, start, end, expected) => {
    expect(isPhotoDateMismatch(taken, start, end)).toBe(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['现场照片.jpg', '现场照片.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\clerk\\签到表.pdf', '签到表.pdf'],
    ['a<b>c:d"e|f?g*h.png', 'a_b_c_d_e_f_g_h.png'],
    ['..hidden.', 'hidden'],
    ['evil\u202egpj.exe', 'evil_gpj.exe'],
    ['line\nbreak.jpg', 'line_break.jpg'],
    ['CON.txt', 'file'],
    ['', 'file'],
    ['   ', 'file'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('keeps at most the given number of characters, Chinese counted as one', () => {
    expect([...sanitizeFileName('宣'.repeat(300))]).toHaveLength(100);
  });

  it('gives the extension the bytes say', () => {
    expect(withExtension('photo.exe', 'jpg')).toBe('photo.jpg');
    expect(withExtension('IMG_0001.HEIC', 'heic')).toBe('IMG_0001.heic');
    expect(withExtension('签到表', 'pdf')).toBe('签到表.pdf');
  });
});

describe('the accepted types', () => {
  it('has photos, PDF and Office, never SVG or HTML', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf', 'application/msword']) expect(isEvidenceContentType(type)).toBe(true);
    for (const type of ['image/svg+xml', 'text/html', 'application/x-msdownload', 'toString', '__proto__']) expect(isEvidenceContentType(type)).toBe(false);
  });
});

describe('EventFilePatchSchema', () => {
  it('trims the caption, takes a position, and refuses an empty patch', () => {
    expect(EventFilePatchSchema.parse({ caption: ' 签到表 ' })).toEqual({ caption: '签到表' });
    expect(EventFilePatchSchema.parse({ position: 0 })).toEqual({ position: 0 });
    expect(EventFilePatchSchema.safeParse({}).success).toBe(false);
    expect(EventFilePatchSchema.safeParse({ caption: 'x'.repeat(501) }).success).toBe(false);
    expect(EventFilePatchSchema.safeParse({ position: -1 }).success).toBe(false);
  });
});

describe("localCalendarDay: the day on this process's clock", () => {
  it('pads month, day and year, in the local zone (whatever it is)', () => {
    expect(localCalendarDay(new Date(2026, 0, 5, 7, 0))).toBe('2026-01-05');
    expect(localCalendarDay(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
    const early = new Date(2026, 2, 9);
    early.setFullYear(987);
    expect(localCalendarDay(early)).toBe('0987-03-09');
  });
});

describe("photoDateNote: the photo's day beside it", () => {
  it('says the day, and that it is outside the event when it is', () => {
    expect(photoDateNote({ takenOn: '2026-03-15', dateMismatch: false })).toEqual({ zh: '拍摄于 2026-03-15', en: 'Taken on 2026-03-15' });
    expect(photoDateNote({ takenOn: '2025-03-15', dateMismatch: true })).toEqual({ zh: '拍摄于 2025-03-15，不在活动日期内', en: "Taken on 2025-03-15, outside the event's dates" });
    expect(photoDateNote({ takenOn: null, dateMismatch: false })).toBeNull();
  });
});

describe('EVIDENCE_ERRORS', () => {
  it('word the limits with their figures', () => {
    expect(EVIDENCE_ERRORS.tooLarge(25)).toEqual({ zh: '文件超过 25 MB', en: 'The file is larger than 25 MB' });
    expect(EVIDENCE_ERRORS.eventFull(300, 100)).toEqual({ zh: '该活动的附件已达上限（100 个或共 300 MB）', en: 'This event already has the most files allowed (100 files or 300 MB in all)' });
  });
});

// Issue 23: names a phone or a zip would choke on, and the extensions the bytes decide.
describe('sanitizeFileName: the rest of the rules', () => {
  it.each([
    ['两个  空格\u3000照片.jpg', '两个 空格 照片.jpg'],
    ['tab\there.jpg', 'tab_here.jpg'],
    ['del\u007f.jpg', 'del_.jpg'],
    ['isolate\u2066x\u2069.jpg', 'isolate_x_.jpg'],
    ['  照片.jpg  ', '照片.jpg'],
    ['. .照片. .', '照片'],
    ['com1.txt', 'file'],
    ['LPT9', 'file'],
    ['nul.tar.gz', 'file'],
    ['aux', 'file'],
    ['prn.doc', 'file'],
    // Only the bare device names: a longer name is a name.
    ['console.txt', 'console.txt'],
    ['com.txt', 'com.txt'],
    ['auxiliary.pdf', 'auxiliary.pdf'],
    ['my con.txt', 'my con.txt'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });
  it('cuts at the limit and takes off a space the cut leaves at the end', () => {
    expect(sanitizeFileName(`${'宣'.repeat(9)} 传单.pdf`, 10)).toBe('宣'.repeat(9));
    expect(sanitizeFileName('宣传单.pdf', 3)).toBe('宣传单');
  });
});

describe('withExtension: the extension the bytes say', () => {
  it.each([
    ['archive.tar.gz', 'zip', 'archive.tar.zip'],
    ['report.verylongext', 'pdf', 'report.verylongext.pdf'],
    ['photo.jpeg', 'jpg', 'photo.jpg'],
    ['CON.jpg', 'jpg', 'file.jpg'],
    ['', 'png', 'file.png'],
  ])('%j as %s → %j', (name, ext, expected) => {
    expect(withExtension(name, ext)).toBe(expected);
  });
});

describe('isPhotoDateMismatch: the day before and after the tolerance, across a month', () => {
  it.each([
    ['2026-02-26', '2026-03-01', null, true],
    ['2026-02-27', '2026-03-01', null, false],
    ['2026-03-03', '2026-02-28', '2026-03-01', false],
    ['2026-03-04', '2026-02-28', '2026-03-01', true],
    ['2026-03-15', '2026-03-15', '2026-03-15', false],
  ])('taken %s, event %s–%s: %s', (taken, start, end, expected) => {
    expect(isPhotoDateMismatch(taken, start, end)).toBe(expected);
  });
});
