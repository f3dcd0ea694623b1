// Ledger import (导入台账): upload a file, see and fix the preview, commit it
// as events, undo it. Multipart uploads are accepted on POST /api/imports only.
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ApiErrorSchema,
  describeIssues,
  fieldError,
  ImportBatchSchema,
  ImportBatchSummarySchema,
  ImportCommitJobSchema,
  ImportCommitResultSchema,
  ImportForgetQuerySchema,
  ImportIdParamsSchema,
  ImportRememberedQuerySchema,
  ImportRememberedSchema,
  ImportPatchSchema,
  ImportTemplateQuerySchema,
  ImportUndoResultSchema,
  IMPORT_LIMITS,
  queryIdSchema,
} from '@pufa/domain';
import { ImportRejectedError, inScope, type Actor } from '@pufa/db';
import { HttpError, notFound, RequestValidationError } from '../http-errors.ts';
import { ACCESS } from '../plugins/auth.ts';
import { plainJsonResponse } from '../plugins/validation.ts';
import { attachment, CONTENT_TYPES, download } from '../file-download.ts';
import { FILE_ERRORS, LedgerFileError } from '../imports/file-errors.ts';

// SheetJS, iconv, chardet and ExcelJS are loaded on the first import or template, not at start.
const readLedgerFile = async (bytes: Buffer) => (await import('../imports/read-ledger-file.ts')).readLedgerFile(bytes);
const importTemplate: typeof import('../imports/template.ts').importTemplate = async (...args) => (await import('../imports/template.ts')).importTemplate(...args);

const BATCH = { zh: '导入批次', en: 'Import batch' };

const tags = ['imports'];
const errors = { 400: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema, 409: ApiErrorSchema };

/** The form fields that may come with the file. */
const UploadFieldsSchema = z.strictObject({
  townshipId: queryIdSchema.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** For the OpenAPI document only: multipart bodies are read by the handler, not the validator. */
const UploadBodySchema = z.object({
  file: z.string().meta({ format: 'binary', description: `.xlsx, .xls or .csv (UTF-8 or GBK/GB18030), at most ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB and ${IMPORT_LIMITS.rows} rows` }),
  townshipId: z.string().optional().meta({ description: 'The township the events belong to; needed when you have more than one' }),
  year: z.string().optional().meta({ description: 'Year of dates written without one ("3月15日"), when neither the title nor the sheet name says' }),
});

/** Turns the import's own refusals into HTTP answers with their words. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LedgerFileError || error instanceof ImportRejectedError) throw new HttpError(error.statusCode, error.words);
    throw error;
  }
}

const UPLOAD_ERRORS: Record<string, { status: number; words: { zh: string; en: string } }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, words: FILE_ERRORS.tooLarge },
  FST_FILES_LIMIT: { status: 400, words: { zh: '一次只能上传一个文件', en: 'Upload one file at a time' } },
  FST_PARTS_LIMIT: { status: 400, words: { zh: '上传的内容过多', en: 'Too many parts in the upload' } },
  FST_FIELDS_LIMIT: { status: 400, words: { zh: '上传的内容过多', en: 'Too many fields in the upload' } },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, words: { zh: '请以 multipart/form-data 上传文件', en: 'Send the file as multipart/form-data' } },
};

function defaultTownship(actor: Actor, requested: number | undefined): number {
  if (requested !== undefined) return requested;
  if (actor.townshipIds !== 'all' && actor.townshipIds.length === 1) return actor.townshipIds[0]!;
  throw new RequestValidationError([fieldError(['townshipId'], { zh: '请选择导入到哪个乡镇', en: 'choose the township to import into' })]);
}

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: IMPORT_LIMITS.fileBytes, files: 1, fields: 5, parts: 6, fieldSize: 1000 },
  });

  app.post(
    '/api/imports',
    {
      config: { access: ACCESS.editors },
      ...plainJsonResponse,
      // The multipart body is read by the handler (with limits); the schema documents it.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        tags,
        operationId: 'uploadImport', summary: 'Upload a ledger file: its sheets, header, column mapping and a preview of every row',
        description:
          'multipart/form-data with `file` (.xlsx/.xls/.csv), optional `townshipId` and `year`. Nothing is written to the ledger until ' +
          'POST /api/imports/{id}/commit. Bad files answer 400/413/415 with a message: not a spreadsheet, password-protected, empty, no header, ' +
          'too large, too many rows, a zip bomb. Formulas are never evaluated: their saved results are read and marked.',
        consumes: ['multipart/form-data'],
        body: UploadBodySchema,
        response: { 201: ImportBatchSchema, 400: ApiErrorSchema, 413: ApiErrorSchema, 415: ApiErrorSchema },
      },
    },
    async (request, reply) =>
      answer(async () => {
        if (!request.isMultipart()) throw new HttpError(415, UPLOAD_ERRORS.FST_INVALID_MULTIPART_CONTENT_TYPE!.words);
        const fields: Record<string, string> = {};
        let upload: { bytes: Buffer; fileName: string } | null = null;
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file') throw new RequestValidationError([fieldError([part.fieldname], { zh: '文件应放在 file 字段', en: 'send the file in the field named file' })]);
              upload = { bytes: await part.toBuffer(), fileName: part.filename || 'upload' };
            } else fields[part.fieldname] = String(part.value);
          }
        } catch (error) {
          const known = UPLOAD_ERRORS[(error as { code?: string }).code ?? ''];
          if (known) throw new HttpError(known.status, known.words);
          if (error instanceof RequestValidationError) throw error;
          throw new HttpError(400, FILE_ERRORS.corrupt);
        }
        const parsed = UploadFieldsSchema.safeParse(fields, { reportInput: true });
        if (!parsed.success) throw new RequestValidationError(describeIssues(parsed.error.issues));
        if (!upload) throw new RequestValidationError([fieldError(['file'], { zh: '请选择要上传的文件', en: 'choose a file to upload' })]);
        const townshipId = defaultTownship(request.actor, parsed.data.townshipId);
        const file = await readLedgerFile(upload.bytes);
        const batch = await app.imports.create(request.actor, {
          townshipId,
          fileName: upload.fileName,
          fileSha256: file.sha256,
          fileBytes: upload.bytes.length,
          format: file.format,
          sheets: file.sheets,
          year: parsed.data.year ?? null,
        });
        return reply.code(201).send(batch);
      }),
  );

  app.get(
    '/api/imports',
    { config: { access: ACCESS.signedIn }, schema: { operationId: 'listImports', tags, summary: 'Import batches in your scope, newest first: who imported what and when', response: { 200: z.array(ImportBatchSummarySchema) } } },
    (request) => app.imports.list(request.actor),
  );

  app.get(
    '/api/imports/template.xlsx',
    {
      config: { access: ACCESS.editors },
      schema: { operationId: 'getImportTemplate', tags, summary: '导入模板.xlsx: the recognised headers, with the township’s villages, campaigns and catalogs as drop-down lists', querystring: ImportTemplateQuerySchema, response: { 200: download(CONTENT_TYPES.xlsx, 'The template, as an attachment'), 400: ApiErrorSchema, 404: ApiErrorSchema } },
    },
    async (request, reply) => {
      const townshipId = defaultTownship(request.actor, request.query.townshipId);
      const data = await app.imports.templateData(request.actor, townshipId);
      if (!data) throw notFound({ zh: '乡镇', en: 'Township' });
      const body = await importTemplate(data.catalogs, data.townshipName);
      return attachment(reply, CONTENT_TYPES.xlsx, '导入模板.xlsx', 'import-template.xlsx').send(body as never);
    },
  );

  app.get(
    '/api/imports/:id',
    { ...plainJsonResponse, config: { access: ACCESS.signedIn }, schema: { operationId: 'getImport', tags, summary: 'One import batch with its preview (recomputed against the ledger as it is now)', params: ImportIdParamsSchema, response: { 200: ImportBatchSchema, 404: ApiErrorSchema } } },
    async (request) => (await app.imports.get(request.actor, request.params.id)) ?? Promise.reject(notFound(BATCH)),
  );

  app.patch(
    '/api/imports/:id',
    {
      config: { access: ACCESS.editors },
      ...plainJsonResponse,
      schema: {
        tags,
        operationId: 'updateImport', summary: 'Change the mapping, the year, excluded rows, kept duplicates, cell text or matched names; answers the new preview',
        params: ImportIdParamsSchema,
        body: ImportPatchSchema,
        response: { 200: ImportBatchSchema, ...errors },
      },
    },
    (request) => answer(async () => (await app.imports.patch(request.actor, request.params.id, request.body)) ?? Promise.reject(notFound(BATCH))),
  );

  app.post(
    '/api/imports/:id/commit',
    {
      config: { access: ACCESS.editors, idempotent: true },
      schema: {
        tags,
        operationId: 'commitImport', summary: 'Create the events of every valid row, in one transaction (all or nothing); a second commit creates nothing',
        description:
          'A file of more lines than IMPORT_JOB_ROWS (2,000; all sheets) is committed by a background job: 202 with the job at once ' +
          '(the same job while one is queued or running, whoever started it); GET /api/imports/{id}/commit-job follows it. ' +
          'The job is the same transaction: until it is done nothing is imported, and its `result` is this 200 answer.',
        params: ImportIdParamsSchema,
        response: { 200: ImportCommitResultSchema, 202: ImportCommitJobSchema, ...errors },
      },
    },
    (request, reply) =>
      answer(async () => {
        const { id } = request.params;
        const size = await app.imports.commitSize(request.actor, id);
        if (!size) throw notFound(BATCH);
        if (size.status === 'preview' && size.lines > app.jobSettings.importJobRows) {
          const started = await app.imports.startCommitJob(request.actor, id, request.user!.id);
          if (started === null) throw notFound(BATCH);
          if (started !== 'committed') {
            if (started.created) await app.jobQueue.send(started.job.id);
            return reply.code(202).send(started.job);
          }
          // Committed meanwhile: the direct commit answers what it created (nothing more).
        }
        return (await app.imports.commit(request.actor, id)) ?? Promise.reject(notFound(BATCH));
      }),
  );

  const COMMIT_JOB = { zh: '导入任务', en: 'Import commit job' };
  app.get(
    '/api/imports/:id/commit-job',
    {
      config: { access: ACCESS.signedIn },
      schema: { operationId: 'getImportCommitJob', tags, summary: "The batch's latest commit job (a large file's): status, rows committed of the total, and once done the commit's answer", params: ImportIdParamsSchema, response: { 200: ImportCommitJobSchema, 404: ApiErrorSchema } },
    },
    async (request) => {
      // Embedded PGlite: the one connection is the running commit's until it ends; its progress is answered from this process's memory.
      const live = app.jobQueue.kind === 'in-process' ? app.liveImportCommits.get(request.params.id) : undefined;
      if (live && inScope(request.actor, live.townshipId)) return live.job;
      return (await app.imports.commitJob(request.actor, request.params.id)) ?? Promise.reject(notFound(COMMIT_JOB));
    },
  );

  app.post(
    '/api/imports/:id/commit-job/cancel',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'cancelImportCommitJob', summary: "Cancel the batch's queued or running commit: nothing is imported (its transaction is rolled back) and the batch stays in preview",
        description: 'A job already done stays done: undo the import instead. By whoever started it or an administrator (403 otherwise).',
        params: ImportIdParamsSchema,
        response: { 200: ImportCommitJobSchema, ...errors },
      },
    },
    (request) =>
      answer(async () => {
        const job = await app.imports.cancelCommitJob(request.actor, request.params.id);
        if (!job) throw notFound(COMMIT_JOB);
        if (job.status === 'cancelled') await app.jobQueue.cancel(job.id);
        return job;
      }),
  );

  app.post(
    '/api/imports/:id/undo',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'undoImport', summary: 'Undo an import: its events are deleted (soft, audited, restorable one by one) within 30 days of the commit',
        description: 'An administrator may undo any import in scope; a clerk only an import they committed themselves (403 otherwise, saying who can).',
        params: ImportIdParamsSchema,
        response: { 200: ImportUndoResultSchema, ...errors },
      },
    },
    (request) => answer(async () => (await app.imports.undo(request.actor, request.params.id)) ?? Promise.reject(notFound(BATCH))),
  );

  const REMEMBERED = { zh: '乡镇', en: 'Township' };
  app.get(
    '/api/imports/remembered',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'getImportRemembered', summary: 'What the township’s earlier imports taught: column mapping and names matched by hand (applied to its next files)',
        querystring: ImportRememberedQuerySchema,
        response: { 200: ImportRememberedSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => (await app.imports.remembered(request.actor, defaultTownship(request.actor, request.query.townshipId))) ?? Promise.reject(notFound(REMEMBERED)),
  );

  app.delete(
    '/api/imports/remembered',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'forgetImportRemembered', summary: 'Forget one remembered column or name: later files (and batches still in preview) no longer get it; answers what is remembered now',
        querystring: ImportForgetQuerySchema,
        response: { 200: ImportRememberedSchema, ...errors },
      },
    },
    (request) =>
      answer(async () => {
        const { kind, key, townshipId } = request.query;
        return (await app.imports.forget(request.actor, defaultTownship(request.actor, townshipId), kind, key)) ?? Promise.reject(notFound(REMEMBERED));
      }),
  );
};
