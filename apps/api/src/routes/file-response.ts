// A file answer (a workbook, a CSV, a Word document) as the OpenAPI document
// shows it. The body is a stream or a buffer, so nothing is serialized.
import { z } from 'zod';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const CSV = 'text/csv; charset=utf-8';

export const fileResponse = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string().meta({ format: 'binary' }) } },
});
