// Evidence files of events (佐证材料): upload, list, download, thumbnails,
// caption and order, delete and restore. Scope follows the event: a file of an
// event the user may not see answers 404, like the event.
import { createHash } from 'node:crypto';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import {
  ApiErrorSchema,
  EventFileListQuerySchema,
  EventFilePatchSchema,
  EventFileSchema,
  EventIdParamsSchema,
  EVIDENCE_ERRORS,
  EVIDENCE_LIMITS,
  EVIDENCE_TYPES,
  FileIdParamsSchema,
  fieldError,
  isEvidenceContentType,
  isPhotoDateMismatch,
  localCalendarDay,
  optionalText,
  ThumbnailQuerySchema,
  withExtension,
  describeIssues,
  type Bilingual,
} from '@pufa/domain';
import { EvidenceLimitError } from '@pufa/db';
import { HttpError, notFound, RequestValidationError } from '../http-errors.ts';
import { ACCESS } from '../plugins/auth.ts';
import { EvidenceFileError, inspectUpload } from '../evidence/inspect-upload.ts';
import { discardSpooled, spoolUpload, type SpooledUpload } from '../evidence/spool-upload.ts';
import type { Variant } from '../evidence/file-store.ts';

const FILE = { zh: '文件', en: 'File' };
const EVENT = { zh: '活动', en: 'Event' };
const tags = ['files'];

const refuse = (status: number, words: Bilingual) => new HttpError(status, { zh: `文件：${words.zh}`, en: `File: ${words.en}` }, { fields: [fieldError(['file'], words)] });

const UploadBodySchema = z.object({
  file: z.string().meta({ format: 'binary', description: 'JPEG, PNG, WebP, HEIC, PDF, .docx, .pptx, .doc or .ppt; the type is read from the bytes' }),
  caption: z.string().optional().meta({ description: `At most ${EVIDENCE_LIMITS.captionLength} characters` }),
});
const CaptionSchema = optionalText(EVIDENCE_LIMITS.captionLength);

const binary = (description: string, types: string[]) => ({
  description,
  content: Object.fromEntries(types.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }])),
});

/** Headers of every file answer: the exact type, no sniffing, nothing in it may run (an SVG or HTML never gets here, and still). */
function fileHeaders(reply: FastifyReply, contentType: string, disposition: 'inline' | 'attachment', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return reply
    .type(contentType)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { maxFileBytes, maxEventBytes } = app.evidenceSettings;
  const limits = { eventBytes: maxEventBytes, filesPerEvent: EVIDENCE_LIMITS.filesPerEvent };
  const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
  /** A row whose file is gone (a disk restored without it) answers 404, logged for the operator; never a 500. */
  async function ensureOnDisk(storageKey: string, variant?: Variant) {
    if (await app.fileStore.exists(storageKey, variant)) return;
    app.log.error({ storageKey, variant, store: app.fileStore.location }, 'evidence file missing from the file store');
    throw notFound(FILE);
  }

  await app.register(multipart, { limits: { fileSize: maxFileBytes, files: 1, fields: 3, parts: 4, fieldSize: 4_000 } });

  app.post(
    '/api/events/:id/files',
    {
      config: { access: ACCESS.editors, idempotent: 'handler' },
      // The multipart body is read by the handler (with limits), the id checked there too; the schema documents both.
      validatorCompiler: () => (data) => ({ value: data }),
      schema: {
        tags,
        operationId: 'uploadEventFile',
        summary: 'Attach a file (photo, scan, PDF, Word, PowerPoint) to an event',
        description:
          `multipart/form-data: \`file\` and an optional \`caption\`. The type is read from the bytes; anything else (SVG, HTML, programs) is refused with 415. ` +
          `At most ${megabytes(maxFileBytes)} MB a file and ${megabytes(maxEventBytes)} MB or ${EVIDENCE_LIMITS.filesPerEvent} files an event (413). ` +
          'Photos get a display size and a thumbnail without metadata; a photo whose EXIF date is more than 2 days from the event is flagged dateMismatch.',
        consumes: ['multipart/form-data'],
        params: EventIdParamsSchema,
        body: UploadBodySchema,
        response: { 201: EventFileSchema, 400: ApiErrorSchema, 404: ApiErrorSchema, 413: ApiErrorSchema, 415: ApiErrorSchema, 422: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const params = EventIdParamsSchema.safeParse(request.params, { reportInput: true });
      if (!params.success) throw new RequestValidationError(describeIssues(params.error.issues));
      const eventId = params.data.id;
      const event = await app.evidence.eventForUpload(request.actor, eventId);
      if (!event) throw notFound(EVENT);
      if (!request.isMultipart()) throw new HttpError(415, { zh: '请以 multipart/form-data 上传文件', en: 'Send the file as multipart/form-data' });
      let upload: (SpooledUpload & { name: string }) | null = null;
      // The spooled copy goes whatever happens: stored (the store has its own), refused or failed;
      // a refusal's answer is sent by the error handler, after the finally.
      try {
        let rawCaption = '';
        try {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file') throw new RequestValidationError([fieldError([part.fieldname], { zh: '文件应放在 file 字段', en: 'send the file in the field named file' })]);
              // To a temporary file as it arrives (hashed on the way), never whole in memory.
              upload = { ...(await spoolUpload(part.file, app.fileStore.spoolFolder)), name: part.filename || 'file' };
              if (part.file.truncated) throw Object.assign(new Error('file too large'), { code: 'FST_REQ_FILE_TOO_LARGE' });
            } else if (part.fieldname === 'caption') rawCaption = String(part.value);
            else throw new RequestValidationError([fieldError([part.fieldname], { zh: '不认识的字段', en: 'unknown field' })]);
          }
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw refuse(413, EVIDENCE_ERRORS.tooLarge(megabytes(maxFileBytes)));
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw refuse(400, { zh: '一次上传一个文件', en: 'upload one file a request' });
          if (error instanceof RequestValidationError) throw error;
          throw refuse(400, { zh: '上传的内容不完整', en: 'the upload is incomplete' });
        }
        const caption = CaptionSchema.safeParse(rawCaption, { reportInput: true });
        if (!caption.success) throw new RequestValidationError(describeIssues(caption.error.issues.map((issue) => ({ ...issue, path: ['caption'] }))));
        if (!upload) throw refuse(400, EVIDENCE_ERRORS.noFile);
        // A repeat of an upload sent with an Idempotency-Key (the same file and caption) gets the stored answer.
        const fingerprint = { sha256: upload.sha256, name: upload.name, caption: caption.data };
        if (await app.checkIdempotency(request, reply, fingerprint)) {
          await discardSpooled(upload);
          return reply;
        }
        let inspected;
        try {
          inspected = await inspectUpload(upload, upload.name);
        } catch (error) {
          if (error instanceof EvidenceFileError) throw refuse(error.statusCode, error.words);
          throw error;
        }
        const storageKey = app.fileStore.newKey();
        await app.fileStore.put(storageKey, { original: upload, small: inspected.small, large: inspected.large });
        try {
          const file = await app.evidence.create(
            request.actor,
            eventId,
            {
              storageKey,
              originalName: withExtension(upload.name, inspected.ext),
              contentType: inspected.contentType,
              kind: inspected.kind,
              bytes: upload.bytes,
              sha256: inspected.sha256,
              width: inspected.width,
              height: inspected.height,
              takenAt: inspected.takenAt,
              hasGps: inspected.hasGps,
              dateMismatch: inspected.takenAt ? isPhotoDateMismatch(localCalendarDay(inspected.takenAt), event.startDate, event.endDate) : false,
              caption: caption.data,
            },
            limits,
          );
          if (!file) throw notFound(EVENT);
          // Gone before the answer (the finally would run after it is sent).
          await discardSpooled(upload);
          return reply.code(201).send(file);
        } catch (error) {
          // No row, so no file: the bytes written for it go.
          await app.fileStore.remove(storageKey).catch((removeError: unknown) => request.log.error({ err: removeError, storageKey }, 'removing an unstored upload failed'));
          if (error instanceof EvidenceLimitError) throw refuse(413, EVIDENCE_ERRORS.eventFull(megabytes(maxEventBytes), EVIDENCE_LIMITS.filesPerEvent));
          throw error;
        }
      } finally {
        await discardSpooled(upload);
      }
    },
  );

  app.get(
    '/api/events/:id/files',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        tags,
        operationId: 'listEventFiles',
        summary: "An event's files in their order",
        description: '`deleted=include` adds the files deleted in the last 30 days (deletedAt set), which can be restored.',
        params: EventIdParamsSchema,
        querystring: EventFileListQuerySchema,
        response: { 200: z.array(EventFileSchema), 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => (await app.evidence.list(request.actor, request.params.id, { includeDeleted: request.query.deleted === 'include' })) ?? Promise.reject(notFound(EVENT)),
  );

  app.get(
    '/api/files/:id',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        tags,
        operationId: 'getFile',
        summary: 'The original file, byte for byte',
        description: 'JPEG, PNG and WebP are sent inline with their exact type; everything else (HEIC, PDF, Office) as an attachment. Always with X-Content-Type-Options: nosniff.',
        params: FileIdParamsSchema,
        response: { 200: binary('The original', Object.keys(EVIDENCE_TYPES)), 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const found = await app.evidence.get(request.actor, request.params.id);
      if (!found || !isEvidenceContentType(found.file.contentType)) throw notFound(FILE);
      await ensureOnDisk(found.storageKey);
      const { inline } = EVIDENCE_TYPES[found.file.contentType];
      fileHeaders(reply, found.file.contentType, inline ? 'inline' : 'attachment', found.file.originalName).header('content-length', found.file.bytes);
      return reply.send(app.fileStore.read(found.storageKey) as never);
    },
  );

  app.get(
    '/api/files/:id/thumbnail',
    {
      config: { access: ACCESS.signedIn },
      schema: {
        tags,
        operationId: 'getFileThumbnail',
        summary: "A photo's thumbnail (small, 320 px) or display size (large, 1600 px), as WebP without EXIF or GPS",
        description: 'Documents have none: 404.',
        params: FileIdParamsSchema,
        querystring: ThumbnailQuerySchema,
        response: { 200: binary('The picture', ['image/webp']), 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const found = await app.evidence.get(request.actor, request.params.id);
      if (!found || found.file.kind !== 'image') throw notFound(FILE);
      await ensureOnDisk(found.storageKey, request.query.size);
      const stem = found.file.originalName.replace(/\.[^.]+$/, '');
      fileHeaders(reply, 'image/webp', 'inline', `${stem}.webp`);
      return reply.send(app.fileStore.read(found.storageKey, request.query.size) as never);
    },
  );

  app.patch(
    '/api/files/:id',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'updateFile',
        summary: "Change a file's caption or its place in the event's order (position from 0)",
        params: FileIdParamsSchema,
        body: EventFilePatchSchema,
        response: { 200: EventFileSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => (await app.evidence.patch(request.actor, request.params.id, request.body)) ?? Promise.reject(notFound(FILE)),
  );

  app.delete(
    '/api/files/:id',
    {
      config: { access: ACCESS.editors },
      schema: {
        tags,
        operationId: 'deleteFile',
        summary: 'Delete a file (soft, audited; restorable for 30 days)',
        params: FileIdParamsSchema,
        response: { 204: z.null(), 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      if (!(await app.evidence.delete(request.actor, request.params.id))) throw notFound(FILE);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/files/:id/restore',
    {
      config: { access: ACCESS.editors },
      schema: { tags, operationId: 'restoreFile', summary: 'Restore a deleted file (within 30 days); it goes last in the order', params: FileIdParamsSchema, response: { 200: EventFileSchema, 400: ApiErrorSchema, 404: ApiErrorSchema } },
    },
    async (request) => (await app.evidence.restore(request.actor, request.params.id)) ?? Promise.reject(notFound(FILE)),
  );
};
