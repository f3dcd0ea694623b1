// Ledger import (导入台账): what the API answers for an uploaded file and accepts
// to change it. The rules behind the answers are in ../import/.
import { z } from 'zod';
import { ImportFieldSchema } from '../import/columns.ts';
import { idSchema, queryIdSchema } from './common.ts';

/** Limits on a file and what it holds; a file beyond them is refused with a message, never parsed on. */
export const IMPORT_LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  /** Everything inside an .xlsx once unzipped: a "zip bomb" is refused before parsing. */
  unzippedBytes: 200 * 1024 * 1024,
  zipEntries: 2000,
  rows: 20_000,
  columns: 60,
  cells: 600_000,
  cellChars: 5000,
  sheets: 50,
} as const;

export const IMPORT_STATUSES = ['preview', 'committed', 'undone'] as const;
/** locked: valid, but dated in a month or year the township has submitted (see import/locks.ts). */
export const IMPORT_ROW_STATUSES = ['valid', 'invalid', 'duplicate', 'excluded', 'skipped', 'locked'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

const rowIdSchema = z.string().regex(/^\d{1,3}:\d{1,7}$/).meta({ description: '"<sheet index>:<row number in the sheet>"' });
const bilingual = { message: z.string(), messageEn: z.string() };

export const ImportColumnSchema = z.object({
  index: z.number().int(),
  header: z.string(),
  /** What the mapping is keyed by (the header, normalized): the same on every sheet. */
  key: z.string(),
  field: ImportFieldSchema,
  /** false: chosen by a clerk (now or in an earlier import of this office). */
  guessed: z.boolean(),
  /** The cells look like villages or departments: taken as that field (applied) or asked about. */
  hint: z.object({ field: z.enum(['villages', 'departments']), applied: z.boolean(), ...bilingual }).optional(),
});

/** A quantity of a file's 合计 row against what the import counts, with the difference explained. */
export const ImportTotalCheckSchema = z.object({
  /** The 合计 row's number in its sheet. */
  rowNumber: z.number().int(),
  field: ImportFieldSchema,
  fileTotal: z.number(),
  importedTotal: z.number(),
  matches: z.boolean(),
  ...bilingual,
});
export type ImportTotalCheck = z.infer<typeof ImportTotalCheckSchema>;

export const ImportSheetSummarySchema = z.object({
  index: z.number().int(),
  name: z.string(),
  /** The title lines above the header ("涂市镇2021年普法宣传活动台账"). */
  title: z.string(),
  /** 1-based row number of the header; null when the sheet has none (it is not imported). */
  headerRow: z.number().int().nullable(),
  year: z.number().int().nullable(),
  yearSource: z.enum(['title', 'sheetName', 'request']).nullable(),
  columns: z.array(ImportColumnSchema),
  dataRows: z.number().int(),
  /** The sheet's 合计 rows, each quantity compared with the rows to be imported. */
  totals: z.array(ImportTotalCheckSchema),
});
export type ImportSheetSummary = z.infer<typeof ImportSheetSummarySchema>;

export const ImportCellIssueSchema = z.object({
  field: z.string(),
  ...bilingual,
  /** For an unknown name: the text, and the closest names to pick from. */
  text: z.string().optional(),
  candidates: z.array(z.object({ id: idSchema, name: z.string() })).optional(),
});
export type ImportCellIssue = z.infer<typeof ImportCellIssueSchema>;

export const ImportInterpretationSchema = z.object({ field: z.string(), from: z.string(), ...bilingual });

/** What a row would become; fields may be missing or wrong on an invalid row. */
export const ImportEventPreviewSchema = z.object({
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  title: z.string(),
  townshipId: z.number().int(),
  campaignId: z.number().int().nullable(),
  location: z.string(),
  villageIds: z.array(z.number().int()),
  sixInto: z.array(z.string()),
  formIds: z.array(z.number().int()),
  lawIds: z.array(z.number().int()),
  departmentIds: z.array(z.number().int()),
  targetGroupIds: z.array(z.number().int()),
  audience: z.number().int().nullable(),
  consultations: z.number().int().nullable(),
  materials: z.array(z.object({ materialTypeId: z.number().int(), quantity: z.number().int() })),
  notes: z.string(),
});
export type ImportEventPreview = z.infer<typeof ImportEventPreviewSchema>;

export const ImportRowSchema = z.object({
  id: rowIdSchema,
  sheet: z.string(),
  rowNumber: z.number().int(),
  status: z.enum(IMPORT_ROW_STATUSES),
  /** Why a row is skipped, a duplicate or locked. */
  reason: z.object(bilingual).optional(),
  /** The text of the row's cells by field (what the clerk typed, for display and editing). */
  cells: z.record(z.string(), z.string()),
  event: ImportEventPreviewSchema,
  errors: z.array(ImportCellIssueSchema),
  interpretations: z.array(ImportInterpretationSchema),
});
export type ImportRow = z.infer<typeof ImportRowSchema>;

export const ImportSummarySchema = z.object({
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  duplicates: z.number().int(),
  excluded: z.number().int(),
  skipped: z.number().int(),
  /** Valid rows in a submitted or approved period: not imported until the county returns it. */
  locked: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const ImportAliasesSchema = z.strictObject({
  villages: z.record(z.string().max(100), idSchema).optional(),
  /** null: the name is not counted as a department (不计入部门). */
  departments: z.record(z.string().max(100), idSchema.nullable()).optional(),
});

/** What the clerk can change before committing; each part replaces what was there. */
export const ImportPatchSchema = z
  .strictObject({
    /** Header key → field. Keys not named keep their current field. */
    mapping: z.record(z.string().max(200), ImportFieldSchema).optional(),
    year: z.number().int().min(2000).max(2100).nullable().optional(),
    excludedRows: z.array(rowIdSchema).max(100_000).optional(),
    /** Rows flagged as duplicates that are to be imported all the same. */
    keepDuplicateRows: z.array(rowIdSchema).max(100_000).optional(),
    /** Corrected cell text, by row and field ("1:5" → { date: "2021-03-15" }); merged into earlier edits, "" clears. */
    cellEdits: z.record(rowIdSchema, z.record(z.string().max(40), z.string().max(2000))).optional(),
    /** A name the file uses, matched by hand to a village or department; remembered for the office. */
    aliases: ImportAliasesSchema.optional(),
  })
  .meta({ id: 'ImportPatch' });
export type ImportPatch = z.infer<typeof ImportPatchSchema>;

export const ImportBatchSummarySchema = z.object({
  id: idSchema,
  townshipId: idSchema,
  fileName: z.string(),
  format: z.string(),
  status: z.enum(IMPORT_STATUSES),
  createdAt: z.string(),
  createdBy: z.object({ id: idSchema, displayName: z.string() }).nullable(),
  committedAt: z.string().nullable(),
  committedBy: z.object({ id: idSchema, displayName: z.string() }).nullable(),
  undoneAt: z.string().nullable(),
  eventCount: z.number().int(),
  /** Until when the import can be undone (30 days after the commit), by an administrator or by whoever committed it. */
  undoUntil: z.string().nullable(),
});
export type ImportBatchSummary = z.infer<typeof ImportBatchSummarySchema>;

// The result and the job are also nested, where they may be null: their shapes without an OpenAPI
// name, so that the document inlines them (OpenAPI 3.0 cannot mark a reference nullable).
const importCommitResultShape = z.object({
  batchId: idSchema,
  /** Events created by this call: 0 on a second commit. */
  created: z.number().int(),
  /** The batch's events. */
  eventIds: z.array(idSchema),
  summary: ImportSummarySchema,
});
export const ImportCommitResultSchema = importCommitResultShape.meta({ id: 'ImportCommitResult' });
export type ImportCommitResult = z.infer<typeof ImportCommitResultSchema>;

/**
 * A commit of a file of more than this many lines (all its sheets) runs as a background job: the
 * request answers at once and the page shows rows committed of the total. IMPORT_JOB_ROWS on the server.
 */
export const IMPORT_JOB_ROWS = 2000;

export const IMPORT_COMMIT_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

/** A large import's commit as a background job. The commit is still one transaction: until `done`, nothing is imported. */
const importCommitJobShape = z.object({
  id: z.string(),
  batchId: idSchema,
  status: z.enum(IMPORT_COMMIT_JOB_STATUSES),
  /** Events written so far, of `total` (the rows to import; 0 of 0 while the preview is checked again). */
  done: z.number().int(),
  total: z.number().int(),
  /** Why it failed, Chinese then English on a second line (jobErrorIn picks the page's). */
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Once done: what the direct commit answers. */
  result: importCommitResultShape.nullable(),
});
export const ImportCommitJobSchema = importCommitJobShape.meta({ id: 'ImportCommitJob' });
export type ImportCommitJob = z.infer<typeof ImportCommitJobSchema>;

export const ImportBatchSchema = ImportBatchSummarySchema.extend({
  year: z.number().int().nullable(),
  /** The clerk's row choices so far (PATCH replaces these lists). */
  excludedRows: z.array(z.string()),
  keepDuplicateRows: z.array(z.string()),
  sheets: z.array(ImportSheetSummarySchema),
  rows: z.array(ImportRowSchema),
  summary: ImportSummarySchema,
  /** Same file (by content) imported before into this township: its batch. */
  sameFileAs: z.object({ id: idSchema, status: z.enum(IMPORT_STATUSES), createdAt: z.string() }).nullable(),
  /** The batch's latest commit job (large files only), so a page opened later shows its progress or why it failed. */
  commitJob: importCommitJobShape.nullable(),
}).meta({ id: 'ImportBatch' });
export type ImportBatch = z.infer<typeof ImportBatchSchema>;


export const ImportUndoResultSchema = z.object({ batchId: idSchema, deletedEventIds: z.array(idSchema) });

export const ImportIdParamsSchema = z.strictObject({ id: queryIdSchema });
export const ImportTemplateQuerySchema = z.strictObject({ townshipId: queryIdSchema.optional() });

export const ImportRememberedKindSchema = z.enum(['columns', 'villages', 'departments']);
export type ImportRememberedKind = z.infer<typeof ImportRememberedKindSchema>;

/** What an office's earlier imports taught: applied to its next files, each shown in the preview, each can be forgotten. */
export const ImportRememberedSchema = z
  .object({
    townshipId: idSchema,
    /** Header (normalized) → the field its column became. */
    columns: z.array(z.object({ key: z.string(), field: z.string() })),
    villages: z.array(z.object({ text: z.string(), id: idSchema, name: z.string().nullable() })),
    /** id null: the name is not counted as a department. */
    departments: z.array(z.object({ text: z.string(), id: idSchema.nullable(), name: z.string().nullable() })),
  })
  .meta({ id: 'ImportRemembered' });
export type ImportRemembered = z.infer<typeof ImportRememberedSchema>;

export const ImportRememberedQuerySchema = z.strictObject({ townshipId: queryIdSchema.optional() });
export const ImportForgetQuerySchema = z.strictObject({
  townshipId: queryIdSchema.optional(),
  kind: ImportRememberedKindSchema,
  key: z.string().min(1).max(200),
});
