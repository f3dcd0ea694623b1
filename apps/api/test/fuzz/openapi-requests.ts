// Requests for every operation of the OpenAPI document, as fast-check
// arbitraries: values that fit each schema (ids drawn from the database, so
// many requests get past validation into the repositories) mixed with values a
// careless client or an attacker sends: wrong types, huge and odd strings (NUL,
// lone surrogates), out-of-range numbers, unknown ids, malformed JSON and wrong
// content types.
import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject & { exclusiveMinimum?: boolean | number };

export interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  operationId: string;
  parameters: OpenAPIV3.ParameterObject[];
  body?: Schema;
}

export interface FuzzRequest {
  operation: string;
  method: Operation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const INT32_MAX = 2_147_483_647;

/** Strings that have broken servers: NUL, lone surrogates, RTL marks, formulas, SQL, paths, huge. */
const oddString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uDBFF\u0000') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\uFEFF',
      '\u202Eevil',
      '=HYPERLINK("http://x")',
      "'; DROP TABLE event; --",
      '../../etc/passwd',
      '%00',
      '__proto__',
      '𠀀𠀁', // beyond the basic plane
      ' ',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.nat({ max: 300_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => '普'.repeat(n)) },
);

/** Numbers outside every column's range, and things that only look like numbers. */
const oddNumber = fc.constantFrom(0, -1, -0, 0.5, INT32_MAX, INT32_MAX + 1, -INT32_MAX - 2, 2 ** 53, 2 ** 63, 1e308, -1e308, Number.MIN_VALUE);
const oddNumberText = fc.constantFrom('0x10', '1e3', ' 1', '1 ', '+1', '-1', '01', '1.0', '2147483648', '99999999999999999999', 'NaN', 'Infinity', '', '%00', '١');

/** Anything JSON can carry, for a field of the wrong type. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { maxDepth: 2 },
  fc.constant(null),
  fc.boolean(),
  oddNumber,
  oddString,
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

function resolve(document: OpenAPIV3.Document, schema: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): Schema {
  if ('$ref' in schema) return resolve(document, document.components!.schemas![schema.$ref.split('/').pop()!]!);
  return schema as Schema;
}

export interface Context {
  document: OpenAPIV3.Document;
  /** Ids of rows that exist, so a value can name a real record. */
  knownIds: number[];
  /** Realistic values for fields and parameters by name (a township in scope, this year), so requests get past validation. */
  hints?: Record<string, fc.Arbitrary<unknown>>;
}

/** A value that fits the schema (mostly), built from known ids and sensible dates. */
function fitting(ctx: Context, raw: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject, depth = 0, name?: string): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.document, raw);
  const hint = name === undefined || schema.type === 'array' ? undefined : ctx.hints?.[name];
  if (hint) return fc.oneof({ weight: 19, arbitrary: hint }, fitting(ctx, schema, depth));
  const nullable = schema.nullable ? (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }) : (a: fc.Arbitrary<unknown>) => a;
  if (schema.enum) return nullable(fc.constantFrom(...schema.enum));
  if (schema.anyOf ?? schema.oneOf) return fc.oneof(...(schema.anyOf ?? schema.oneOf)!.map((s) => fitting(ctx, s, depth)));
  if (schema.allOf) return fitting(ctx, schema.allOf[0]!, depth);
  switch (schema.type) {
    case 'integer': {
      const min = typeof schema.minimum === 'number' ? schema.minimum + (schema.exclusiveMinimum === true ? 1 : 0) : -INT32_MAX;
      const max = typeof schema.maximum === 'number' ? schema.maximum : INT32_MAX;
      const inRange = fc.integer({ min, max: Math.min(max, min + 1000) });
      const known = ctx.knownIds.filter((id) => id >= min && id <= max);
      return nullable(known.length && min >= 1 ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...known) }, inRange) : inRange);
    }
    case 'number':
      return nullable(fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true }));
    case 'boolean':
      return nullable(fc.boolean());
    case 'string': {
      if (schema.format === 'date') {
        return nullable(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      }
      if (schema.pattern) return nullable(fc.stringMatching(new RegExp(schema.pattern)));
      return nullable(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) }));
    }
    case 'array': {
      if (depth > 3) return fc.constant([]);
      // Objects in a list are told apart by their first field (materials by type), as the API asks.
      const items = resolve(ctx.document, schema.items!);
      const firstKey = Object.keys(items.properties ?? {})[0];
      const selector = (value: unknown) => (firstKey && value && typeof value === 'object' ? (value as Record<string, unknown>)[firstKey] : value);
      return nullable(fc.uniqueArray(fitting(ctx, items, depth + 1, name && `${name}[]`), { maxLength: Math.min(schema.maxItems ?? 3, 3), selector }));
    }
    case 'object':
    default: {
      if (depth > 3 || !schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, fitting(ctx, value, depth + 1, key)]));
      return nullable(fc.record(fields, { requiredKeys: [...required] as never[] }));
    }
  }
}

/** Dates that look right and are not, or are at the edges of what a column holds. */
const oddDate = fc.constantFrom('2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '1900-01-01', '2026-1-1', '2026-01-01T00:00:00Z', '20260101');

/** A string a person types freely (a title, a note, a search), as opposed to a date, a code or a choice. */
const isFreeText = (schema: Schema) => schema.type === 'string' && !schema.format && !schema.pattern && !schema.enum;

/** A value of the field's own type that is still wrong or extreme, or a value of another type. */
function oddValue(ctx: Context, raw: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.document, raw);
  const sameType: fc.Arbitrary<unknown> | undefined =
    schema.type === 'string' ? (schema.format === 'date' ? fc.oneof(oddDate, oddString) : oddString)
    : schema.type === 'integer' || schema.type === 'number' ? oddNumber
    : schema.type === 'array' && schema.items ? fc.oneof(fc.array(oddValue(ctx, schema.items), { minLength: 1, maxLength: 3 }), fc.nat({ max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i + 1)))
    : undefined;
  const otherType = fc.oneof(anyJson, fc.constant(undefined));
  return sameType ? fc.oneof({ weight: 3, arbitrary: sameType }, otherType) : otherType;
}

/**
 * Mostly a value that fits the schema, so the request reaches the repositories;
 * else one field of it made odd (the rest still fits), an unknown field added, or any JSON at all.
 */
function fuzzed(ctx: Context, raw: OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject): fc.Arbitrary<unknown> {
  const schema = resolve(ctx.document, raw);
  const fit = fitting(ctx, schema);
  const properties = Object.entries(schema.properties ?? {});
  const withField = (key: string, value: fc.Arbitrary<unknown>) =>
    fc.tuple(fit, value).map(([object, odd]) => (object && typeof object === 'object' ? JSON.parse(JSON.stringify({ ...object, [key]: odd })) : object));
  const oneOdd = properties.length
    ? fc.oneof(...properties.map(([key, property]) => withField(key, oddValue(ctx, property))), withField('unknownField', anyJson))
    : anyJson;
  // Every free-text field carrying the same odd string (NUL, a lone surrogate...), the rest fitting.
  const textKeys = properties.filter(([, property]) => isFreeText(resolve(ctx.document, property))).map(([key]) => key);
  const allTextOdd = fc.tuple(fit, oddString).map(([object, odd]) =>
    object && typeof object === 'object' ? { ...object, ...Object.fromEntries(textKeys.map((key) => [key, odd])) } : object,
  );
  return fc.oneof(
    { weight: 4, arbitrary: fit },
    { weight: 5, arbitrary: oneOdd },
    { weight: textKeys.length ? 3 : 0, arbitrary: allTextOdd },
    { weight: 1, arbitrary: anyJson },
  );
}

/** A value as parameter text (objects as JSON: some have a toString of the wrong type). */
const asText = (value: unknown) => encode(value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value));

/** Text for a path or query parameter that fits its schema. */
function fittingText(ctx: Context, parameter: OpenAPIV3.ParameterObject): fc.Arbitrary<string> {
  return fitting(ctx, parameter.schema!, 0, parameter.name).map((value) => (Array.isArray(value) ? encode(value.join(',')) : asText(value)));
}

/** Text for a parameter that does not fit: odd numbers and strings, or raw bytes no decoder accepts. */
const oddText: fc.Arbitrary<string> = fc.oneof(
  oddNumberText.map(encode),
  oddString.map(encode),
  // A lone surrogate in UTF-8, a bare continuation byte, an overlong slash, broken escapes.
  fc.constantFrom('%ED%A0%80', '%FF', '%C0%AF', '%', '%zz', '%2e%2e%2f', '1%00', '1;2', '1/2'),
);

/** Values for some parameters: all fitting, or all fitting but one. */
function parameterValues(ctx: Context, parameters: OpenAPIV3.ParameterObject[], include: (p: OpenAPIV3.ParameterObject) => fc.Arbitrary<boolean>) {
  if (!parameters.length) return fc.constant([] as (string | undefined)[]);
  const fits = fc.tuple(...parameters.map((p) => fc.tuple(include(p), fittingText(ctx, p)).map(([isSent, text]) => (isSent ? text : undefined))));
  const oddParameter = fc.oneof(...parameters.map((p, index) => fc.tuple(fc.constant(index), fc.oneof(oddText, oddValue(ctx, p.schema!).map(asText)))));
  const oneOdd = fc.tuple(fits, oddParameter).map(([values, [index, odd]]) => values.map((v, i) => (i === index ? odd : v)));
  const textIndexes = parameters.flatMap((p, i) => (isFreeText(resolve(ctx.document, p.schema!)) ? [i] : []));
  const allTextOdd = fc.tuple(fits, oddString).map(([values, odd]) => values.map((v, i) => (textIndexes.includes(i) ? encode(odd) : v)));
  return fc.oneof({ weight: 3, arbitrary: fits }, { weight: 3, arbitrary: oneOdd }, { weight: textIndexes.length ? 2 : 0, arbitrary: allTextOdd });
}

/** encodeURIComponent that survives lone surrogates (which it refuses) by sending their UTF-8 bytes. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

const JSON_TYPE = 'application/json';

/** A body: the schema's (fuzzed) value as JSON, or malformed JSON, or another content type. */
type Body = { payload?: string; contentType?: string };

function bodyFor(ctx: Context, schema: Schema | undefined): fc.Arbitrary<Body> {
  const asJson = (schema ? fuzzed(ctx, schema) : anyJson).map((value) => ({ payload: JSON.stringify(value) ?? 'null', contentType: JSON_TYPE }));
  const malformed = fc
    .constantFrom('{', '{"a":', '[1,]', 'nul', "{'a':1}", '\u0000', '"\\ud800"', '{"__proto__":{"x":1}}', '['.repeat(50_000) + ']'.repeat(50_000), '1'.repeat(400))
    .map((payload) => ({ payload, contentType: JSON_TYPE }));
  const wrongType = fc
    .tuple(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml', 'application/jsonx', ''),
      fc.constantFrom('a=1', '--x\r\n', '<a/>', '{}'),
    )
    .map(([contentType, payload]) => ({ payload, contentType }));
  const empty = fc.constantFrom<Body>({ contentType: JSON_TYPE, payload: '' }, {});
  return fc.oneof({ weight: 14, arbitrary: asJson }, { weight: 2, arbitrary: malformed }, { weight: 2, arbitrary: wrongType }, { weight: 1, arbitrary: empty });
}

/** The operations of the document, with their parameters and JSON body schema resolved. */
export function operationsOf(document: OpenAPIV3.Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item?.[method];
      if (!op) continue;
      const body = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[JSON_TYPE]?.schema;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        operationId: op.operationId!,
        parameters: (op.parameters ?? []) as OpenAPIV3.ParameterObject[],
        body: body ? resolve(document, body) : undefined,
      });
    }
  }
  return operations;
}

/** Requests for one operation. */
export function requestsFor(ctx: Context, operation: Operation): fc.Arbitrary<FuzzRequest> {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  const path = parameterValues(ctx, pathParams, () => fc.constant(true)).map((values) =>
    pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] ?? '1'), operation.path),
  );
  // Required query parameters are mostly sent, optional ones half the time.
  const isSent = (p: OpenAPIV3.ParameterObject) => (p.required ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)) : fc.boolean());
  const query = fc
    .tuple(
      parameterValues(ctx, queryParams, isSent),
      fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, fc.tuple(fc.constantFrom('unknown', 'page', '__proto__', 'from[]'), oddString.map(encode))),
    )
    .map(([values, extra]) => {
      const pairs = queryParams.flatMap((p, i) => (values[i] === undefined ? [] : [`${p.name}=${values[i]}`]));
      if (extra) pairs.push(`${extra[0]}=${extra[1]}`);
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  const hasBody = operation.method !== 'GET' && operation.method !== 'DELETE';
  const body = hasBody ? bodyFor(ctx, operation.body) : fc.oneof({ weight: 9, arbitrary: fc.constant<Body>({}) }, bodyFor(ctx, undefined));
  return fc.tuple(path, query, body).map(([url, search, { payload, contentType }]) => ({
    operation: `${operation.method} ${operation.path}`,
    method: operation.method,
    url: url + search,
    headers: contentType === undefined ? {} : ({ 'content-type': contentType } as Record<string, string>),
    payload,
  }));
}

/** Requests for any operation of the document. */
export function anyRequest(ctx: Context): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operationsOf(ctx.document).map((operation) => requestsFor(ctx, operation)));
}
