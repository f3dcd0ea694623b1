// Files the API sends (workbooks, CSV, Word, the import template): how the
// OpenAPI document describes them, and how the browser is told to save them.
import { z } from 'zod';
import type { FastifyReply } from 'fastify';

export const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
} as const;

/** A file answer in the OpenAPI document; the body is a stream or a buffer, so nothing is serialized. */
export const download = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string().meta({ format: 'binary' }) } },
});

/** A download name in Chinese for the browser, with an ASCII fallback for old clients. */
export function attachment(reply: FastifyReply, type: string, name: string, ascii: string) {
  return reply.type(type).header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
}
