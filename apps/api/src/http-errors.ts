// Errors the API answers with, each worded in Chinese and English.
import type { Bilingual, FieldError } from '@pufa/domain';

/** A request field failed validation (schema or database reference checks). */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly fields: FieldError[]) {
    super(fields.map((f) => f.messageEn).join('; '));
    this.name = 'RequestValidationError';
  }
}

/** An expected HTTP error with a message for people. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly words: Bilingual,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(words.en);
    this.name = 'HttpError';
  }
}

export const notFound = (what: Bilingual = { zh: '记录', en: 'Record' }) =>
  new HttpError(404, { zh: `${what.zh}不存在或已被删除`, en: `${what.en} not found (it may have been deleted)` });

/** Words for the errors Fastify itself raises before a handler runs. */
export const FRAMEWORK_ERRORS: Record<string, Bilingual> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { zh: '请求内容为空', en: 'The request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { zh: '请求内容过大', en: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { zh: '不支持的内容类型，请使用 application/json', en: 'Unsupported content type; send application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { zh: '请求长度不正确', en: 'The request length is wrong' },
  FST_ERR_BAD_URL: { zh: '网址不正确', en: 'The URL is malformed' },
};
