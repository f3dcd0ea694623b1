import { z } from 'zod';
import { EVIDENCE_LIMITS } from '../evidence.ts';
import { idSchema, optionalText, queryIdSchema } from './common.ts';

export const EventFileSchema = z
  .object({
    id: idSchema,
    eventId: idSchema,
    originalName: z.string(),
    contentType: z.string(),
    kind: z.enum(['image', 'document']),
    bytes: z.number().int(),
    sha256: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    /** EXIF date and time the photo was taken (ISO), when the photo says. */
    takenAt: z.string().nullable(),
    /** The calendar day the camera's clock showed ('YYYY-MM-DD', the server's time zone), what the date rule compares and people are shown. */
    takenOn: z.string().nullable(),
    /** The original carries a GPS position (never the thumbnails). */
    hasGps: z.boolean(),
    /** Taken more than 2 days from the event's dates. */
    dateMismatch: z.boolean(),
    caption: z.string(),
    sortOrder: z.number().int(),
    createdAt: z.string(),
    deletedAt: z.string().nullable(),
  })
  .meta({ id: 'EventFile' });
export type EventFile = z.infer<typeof EventFileSchema>;

export const FileIdParamsSchema = z.strictObject({ id: queryIdSchema });

export const EventFileListQuerySchema = z.strictObject({
  /** Also the files deleted in the last 30 days (restorable). */
  deleted: z.enum(['include']).optional(),
});

export const EventFilePatchSchema = z
  .strictObject({
    caption: optionalText(EVIDENCE_LIMITS.captionLength).optional(),
    /** The file's new place among the event's files, from 0. */
    position: z.number().int().min(0).max(EVIDENCE_LIMITS.filesPerEvent).optional(),
  })
  .refine((patch) => patch.caption !== undefined || patch.position !== undefined, { message: 'caption or position' });
export type EventFilePatch = z.infer<typeof EventFilePatchSchema>;

export const ThumbnailQuerySchema = z.strictObject({
  /** small: the gallery's thumbnail (320 px); large: the full view (1600 px). Both without EXIF/GPS. */
  size: z.enum(['small', 'large']).default('small'),
});

export const EventEvidenceSummarySchema = z.object({ files: z.number().int(), photos: z.number().int(), mismatched: z.number().int() });
export type EventEvidenceSummary = z.infer<typeof EventEvidenceSummarySchema>;


/** The 图文台账 of a period as the print page shows it. */
export const EvidenceBookSchema = z
  .object({
    unitName: z.string(),
    unitNameEn: z.string(),
    from: z.string(),
    to: z.string(),
    totals: z.object({ activities: z.number().int(), audience: z.number().int(), leaflets: z.number().int() }),
    events: z.array(
      z.object({
        id: idSchema,
        startDate: z.string(),
        endDate: z.string().nullable(),
        title: z.string(),
        notes: z.string(),
        township: z.string(),
        figures: z.array(z.object({ label: z.string(), value: z.string() })),
        /** Up to 4 photos in the clerk's order. */
        photos: z.array(EventFileSchema),
        fileCount: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'EvidenceBook' });
export type EvidenceBookJson = z.infer<typeof EvidenceBookSchema>;
