// Finishes the generated OpenAPI document from what the app itself enforces, so
// the document cannot drift from the code: the session cookie as a security
// scheme on every route whose access rule needs it, and the error answers that
// the shared hooks give (401/403 from the auth hook, 403 from the CSRF check,
// 400/408/413/415 from body parsing and validation, 409 from the write conflict
// mapping, 503 when the database is unreachable). Components nobody refers to
// are dropped (the zod registry makes an input and an output variant of each).
import type { OpenAPIV3 } from 'openapi-types';
import type { RouteRule } from './plugins/auth.ts';

const SESSION_SCHEME = 'session';
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
/** Sign-in and sign-out change no records: a conflict cannot happen there. */
const NO_CONFLICT = new Set(['/api/auth/login', '/api/auth/logout']);

const errorResponse = (description: string, headers?: OpenAPIV3.ResponseObject['headers']): OpenAPIV3.ResponseObject => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

/** The error answers the shared hooks give, as reusable components. */
export const SHARED_RESPONSES = {
  BadRequest: errorResponse('A field is missing or wrong (`fields` names each), or the body is not valid JSON; nothing was changed'),
  Unauthorized: errorResponse('Not signed in, or the session has expired'),
  Forbidden: errorResponse('The role may not do this, or the request came from another site'),
  NotFound: errorResponse('No such record within the user’s scope'),
  Conflict: errorResponse('The record changed meanwhile (a stale `version` answers with `currentVersion`); reload and try again; nothing was changed'),
  RequestTimeout: errorResponse('The whole request did not arrive within 30 s (e.g. a Content-Length larger than the body)'),
  PayloadTooLarge: errorResponse('The body is larger than 256 KiB'),
  UnsupportedMediaType: errorResponse('The body is not of the content type the operation takes (application/json; multipart/form-data for an upload)'),
  TooManyRequests: errorResponse('Too many failed sign-ins; wait and try again'),
  IdempotencyKeyReused: errorResponse('The Idempotency-Key was already used with a different request; nothing was changed'),
  ServiceUnavailable: errorResponse('The database is unreachable for the moment; try again after Retry-After seconds; nothing was changed', {
    'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  }),
} satisfies Record<string, OpenAPIV3.ResponseObject>;

type SharedResponse = keyof typeof SHARED_RESPONSES;

/** The header every create takes (plugins/idempotency.ts). */
const IDEMPOTENCY_PARAMETER: OpenAPIV3.ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'One key per user action (a UUID): the first request with it does the work and stores its answer with it; a repeat with the same ' +
    'request gets that answer back (header Idempotent-Replayed: true) and changes nothing; the same key with another request answers 422. ' +
    'Retry a 503, a timeout or a lost answer with the same key. Keys are kept 30 days per user.',
  schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
};
const STATUS: Record<SharedResponse, string> = {
  BadRequest: '400',
  Unauthorized: '401',
  Forbidden: '403',
  NotFound: '404',
  Conflict: '409',
  RequestTimeout: '408',
  PayloadTooLarge: '413',
  UnsupportedMediaType: '415',
  TooManyRequests: '429',
  IdempotencyKeyReused: '422',
  ServiceUnavailable: '503',
};

/** `/api/events/{id}` → `/api/events/:id`, the form the route table uses. */
const routeUrl = (openapiPath: string) => openapiPath.replace(/\{([^}]+)\}/g, ':$1');

/** Which shared error answers an operation can give, from its rule and its inputs. */
export function sharedErrors(method: string, url: string, rule: RouteRule, operation: OpenAPIV3.OperationObject): SharedResponse[] {
  const errors: SharedResponse[] = [];
  const hasBody = Boolean(operation.requestBody);
  // Every operation refuses query parameters it does not declare (plugins/validation.ts).
  errors.push('BadRequest');
  if (hasBody) errors.push('RequestTimeout', 'PayloadTooLarge', 'UnsupportedMediaType');
  if (rule.access !== 'public') errors.push('Unauthorized');
  // Roles narrower than "signed in" get 403; so does any write from another site.
  if (Array.isArray(rule.access) || WRITE_METHODS.has(method)) errors.push('Forbidden');
  if (WRITE_METHODS.has(method) && !NO_CONFLICT.has(url)) errors.push('Conflict');
  // Every route reads the database (the session at least).
  errors.push('ServiceUnavailable');
  return errors;
}

/** Drops component schemas and responses that nothing outside them refers to, directly or through another kept one. */
export function dropUnusedComponents(document: OpenAPIV3.Document): void {
  const components = document.components ?? {};
  const refsIn = (value: unknown) => [...JSON.stringify(value ?? null).matchAll(/"#\/components\/(schemas|responses)\/([^"]+)"/g)].map((m) => `${m[1]}/${m[2]}`);
  const pending = refsIn({ ...document, components: { ...components, schemas: undefined, responses: undefined } });
  const used = new Set<string>();
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    if (used.has(ref)) continue;
    used.add(ref);
    const [kind, name] = ref.split('/') as ['schemas' | 'responses', string];
    pending.push(...refsIn(components[kind]?.[name]));
  }
  for (const kind of ['schemas', 'responses'] as const) {
    for (const name of Object.keys(components[kind] ?? {})) {
      if (!used.has(`${kind}/${name}`)) delete components[kind]![name];
    }
  }
}

/** Adds security, shared error answers and servers; removes unused components. */
export function finishDocument(document: OpenAPIV3.Document, routeTable: readonly RouteRule[]): OpenAPIV3.Document {
  document.servers = [{ url: '/', description: 'The server that serves this document' }];
  document.security = [{ [SESSION_SCHEME]: [] }];
  document.components ??= {};
  document.components.securitySchemes = {
    [SESSION_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: 'pufa_session',
      description: 'The httpOnly session cookie that POST /api/auth/login sets',
    },
  };
  document.components.responses = { ...SHARED_RESPONSES };
  for (const [path, item] of Object.entries(document.paths)) {
    const url = routeUrl(path);
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item?.[method];
      if (!operation) continue;
      const rule = routeTable.find((r) => r.url === url && r.method === method.toUpperCase());
      if (!rule) throw new Error(`OpenAPI: no access rule for ${method.toUpperCase()} ${url}`);
      if (!operation.operationId) throw new Error(`OpenAPI: ${method.toUpperCase()} ${url} declares no operationId`);
      if (rule.access === 'public') operation.security = [];
      const shared = new Set(sharedErrors(method, url, rule, operation));
      // A status the route declares itself (404, 409, 429...) gets the shared wording too.
      for (const name of Object.keys(STATUS) as SharedResponse[]) {
        if (STATUS[name] in operation.responses) shared.add(name);
      }
      if (rule.idempotent) {
        operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_PARAMETER];
        shared.add('IdempotencyKeyReused');
      }
      for (const name of shared) operation.responses[STATUS[name]] = { $ref: `#/components/responses/${name}` };
    }
  }
  unwrapSingleAllOf(document);
  dropUnusedComponents(document);
  return document;
}

/** zod writes an optional reference as `allOf: [{ $ref }]`; a lone member is the schema itself. */
function unwrapSingleAllOf(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(unwrapSingleAllOf);
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const allOf = (value as { allOf?: unknown[] } | null)?.allOf;
    if (Array.isArray(allOf) && allOf.length === 1 && Object.keys(value as object).length === 1) record[key] = allOf[0];
    unwrapSingleAllOf(record[key]);
  }
}
