import { z } from 'zod';

/** One problem with one field, worded for a clerk in Chinese and English. */
export const FieldErrorSchema = z.object({
  /** Dotted path of the field, e.g. "materials.0.quantity". */
  field: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** Every error the API answers with (4xx and 5xx) has this shape. */
export const ApiErrorSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string(),
    messageEn: z.string(),
    fields: z.array(FieldErrorSchema).optional(),
    /** On 409: the version now stored, so a client can reload it. */
    currentVersion: z.number().int().optional(),
    /** On 409 from the period lock: the submitted or approved period ("2026-11" or "2026"). */
    lockedPeriod: z.string().optional(),
  })
  .meta({ id: 'ApiError' });
export type ApiError = z.infer<typeof ApiErrorSchema>;
