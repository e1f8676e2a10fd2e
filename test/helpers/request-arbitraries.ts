import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

// fast-check arbitraries for requests to the API, drawn from its served OpenAPI document: each
// operation's parameters and request body schema give plausible values, which are then mutated
// (wrong types, extra fields, huge and deep values, odd Unicode, broken encodings).

export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string; // template, e.g. /v1/users/{user_id}
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  body?: Schema;
  success?: Schema;
}

export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const parameters = op.parameters ?? [];
      const successStatus = Object.keys(op.responses).find((status) => status.startsWith('2'));
      return {
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        headerParams: parameters.filter((p) => p.in === 'header'),
        body: op.requestBody?.content['application/json']?.schema,
        success: successStatus ? op.responses[successStatus].content?.['application/json']?.schema : undefined,
      };
    }),
  );
}

export function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) {
    const { allOf, ...rest } = schema;
    return { ...resolve(document, allOf[0]), ...rest };
  }
  return schema;
}

// What exists in the database while the requests run; read at generation time, so fixtures can
// be replaced between properties.
export interface Known {
  ids: { acc: string[]; usr: string[]; key: string[]; evt: string[] };
  apiKeys: string[]; // [0] is the superadmin's
}

type Prefix = keyof Known['ids'];

const pick = <T>(list: () => T[]) => fc.nat().map((i) => list()[i % list().length]);

// ---------------------------------------------------------------- strings

// Texts that have broken servers: lone surrogates, NUL, noncharacters, bidi overrides, combining
// marks, astral characters, line separators, BOMs, injections, numbers-as-text, prototype keys.
const ODD_TEXTS = [
  '',
  ' ',
  '  padded  ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'a\ud800b@example.com',
  '\udc00x',
  '\udbff\udbff',
  '\uffff',
  '\ufffe',
  '\ufeffbom',
  '\u202eevil',
  'zero\u200dwidth',
  'e\u0301\u0301\u0301',
  '🎮',
  '𝄞𝄞',
  '\u2028\u2029',
  '\r\n\t',
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00',
  '%ZZ',
  'ldr_',
  'acc_',
  'usr_not-a-uuid',
  'key_00000000-0000-0000-0000-000000000000',
  'ACC_0B6F4A52-5D8E-4C1E-9A57-2F1C8F0E7D41',
  'a@b',
  '@example.com',
  'user@@example.com',
  'user@example..com',
  'üser@exämple.com',
  'user@[127.0.0.1]',
  '"quoted local"@example.com',
  '2024-02-30T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '1970-01-01T00:00:00Z',
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

// Any text, with lone surrogates mixed into well-formed Unicode now and then.
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_TEXTS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 10 }), loneSurrogate, fc.string({ maxLength: 10 }))
      .map(([a, s, b]) => a + s + b),
  },
);

const hugeString = fc.constantFrom(300, 5_000, 60_000, 120_000).map((n) => 'x'.repeat(n));

function nest(depth: number, asObject: boolean, inner: unknown): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const deepValue = fc.tuple(fc.integer({ min: 2, max: 40 }), fc.boolean()).map(([depth, asObject]) => nest(depth, asObject, 1));

// Values of the wrong type, or of the right type but extreme.
export const mutatedValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepValue },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, [], {}, [null], { $ne: 1 }),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }) },
);

// ---------------------------------------------------------------- plausible values from schemas

const uuid = fc.uuid();

function prefixedId(prefix: Prefix, known: Known): fc.Arbitrary<string> {
  const prefixes: Prefix[] = ['acc', 'usr', 'key', 'evt'];
  return fc.oneof(
    { weight: 6, arbitrary: pick(() => known.ids[prefix]).map((id) => id) },
    { weight: 2, arbitrary: uuid.map((u) => `${prefix}_${u}`) },
    { weight: 1, arbitrary: pick(() => prefixes.flatMap((p) => known.ids[p])) },
    { weight: 1, arbitrary: pick(() => known.ids[prefix]).map((id) => id.toUpperCase()) },
  );
}

function prefixFor(name: string): Prefix | null {
  if (/account_id$/.test(name)) return 'acc';
  if (/user_id$/.test(name)) return 'usr';
  if (/key_id$/.test(name)) return 'key';
  if (/event_id$/.test(name)) return 'evt';
  return null;
}

// Unique per run, so creates are not all conflicts.
const RUN = randomUUID().slice(0, 8);
let emailSequence = 0;
const plausibleEmail = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null).map(() => `pbt-${RUN}-${emailSequence++}@example.com`) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: fc.constantFrom('admin@leadr.local', 'ADMIN@LEADR.LOCAL', 'dup@example.com') },
);

const isoDate = fc
  .integer({ min: -2 * 365 * 86_400_000, max: 30 * 365 * 86_400_000 })
  .map((offset) => new Date(Date.now() + offset).toISOString());

export function plausibleValue(document: OpenApiDocument, raw: Schema, name: string, known: Known): fc.Arbitrary<unknown> {
  const schema = resolve(document, raw);
  const withNull = (arbitrary: fc.Arbitrary<unknown>) =>
    schema.nullable ? fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: fc.constant(null) }) : arbitrary;
  if (schema.enum) return withNull(fc.constantFrom(...schema.enum));
  switch (schema.type) {
    case 'boolean':
      return withNull(fc.boolean());
    case 'integer':
    case 'number':
      return withNull(
        fc.oneof(
          { weight: 8, arbitrary: fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 }) },
          { weight: 1, arbitrary: fc.integer({ min: (schema.minimum ?? -1000) - 5, max: (schema.maximum ?? 1000) + 5 }) },
        ),
      );
    case 'string': {
      const prefix = prefixFor(name);
      if (prefix) return withNull(prefixedId(prefix, known));
      if (schema.format === 'email') return withNull(plausibleEmail);
      if (schema.format === 'date-time') return withNull(isoDate);
      if (schema.pattern) {
        return withNull(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 100)));
      }
      // Within the schema's bounds (after trimming), and now and then just outside them.
      const minLength = schema.minLength ?? 0;
      const maxLength = schema.maxLength ?? 50;
      return withNull(
        fc.oneof(
          {
            weight: 8,
            arbitrary: fc
              .string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, minLength + 30) })
              .filter((text) => text.trim().length >= minLength),
          },
          { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(0, minLength - 1), maxLength: maxLength + 2 }) },
        ),
      );
    }
    default:
      return mutatedValue;
  }
}

// A plausible text with one odd character spliced in: a lone surrogate, NUL, a noncharacter,
// a bidi override or a combining mark (other values pass unchanged).
const ODD_CHARACTERS = ['\ud800', '\udfff', '\u0000', '\uffff', '\u202e', '\u0301', '\ufeff', '\u2028'];
function corrupted(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(plausible, fc.nat(), fc.constantFrom(...ODD_CHARACTERS)).map(([value, at, odd]) => {
    if (typeof value !== 'string') return value;
    const i = value.length === 0 ? 0 : at % value.length;
    return value.slice(0, i) + odd + value.slice(i);
  });
}

// ---------------------------------------------------------------- bodies

export interface GeneratedBody {
  text: string | null; // null: no body at all
  contentType: string | null;
}

const RAW_BODIES = [
  '',
  '{',
  '{"email": ',
  '[]',
  'null',
  '"text"',
  '42',
  'true',
  '{"a":1,}',
  "{'single': 'quotes'}",
  '\ufeff{}',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"a": NaN}',
  '{"a": 1e999}',
  '{"a": "\\ud800"}',
  '{"\\ud800": 1}',
  '{"a": "\\u0000"}',
  '{"a": "\\x41"}',
  '['.repeat(20_000) + ']'.repeat(20_000),
  '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
  '['.repeat(33) + ']'.repeat(33),
  '{"a": "' + 'y'.repeat(110_000) + '"}',
];

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/vnd.api+json',
  'multipart/form-data; boundary=x',
];

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.constant(null) },
);

// JSON.stringify writes lone surrogates as "\udXXX" escapes, as a client would.
function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

export function bodyFor(document: OpenApiDocument, op: Operation, known: Known): fc.Arbitrary<GeneratedBody> {
  const rawBody = fc.record({ text: fc.constantFrom(...RAW_BODIES), contentType });
  const nonObject = fc.record({
    text: fc.oneof(mutatedValue, fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 })).map(jsonText),
    contentType,
  });
  const noBody = fc.constant<GeneratedBody>({ text: null, contentType: null });
  if (!op.body) {
    return fc.oneof({ weight: 10, arbitrary: noBody }, { weight: 1, arbitrary: rawBody }, { weight: 1, arbitrary: nonObject });
  }
  const schema = resolve(document, op.body);
  const properties = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const field = (name: string, propertySchema: Schema) =>
    fc.oneof(
      // absent (required fields less often)
      { weight: required.has(name) ? 1 : 4, arbitrary: fc.constant(undefined) },
      { weight: 20, arbitrary: plausibleValue(document, propertySchema, name, known) },
      { weight: 2, arbitrary: corrupted(plausibleValue(document, propertySchema, name, known)) },
      { weight: 2, arbitrary: mutatedValue },
    );
  const extraFields = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'created_at', 'super_admin', 'key_hash', 'deleted_at', '__proto__', 'status')),
    mutatedValue,
    { maxKeys: 3 },
  );
  const object = fc
    .tuple(fc.record(Object.fromEntries(properties.map(([name, s]) => [name, field(name, s)]))), fc.option(extraFields, { freq: 4 }), contentType)
    .map(([fields, extra, type]) => {
      const present = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      return { text: jsonText({ ...(extra ?? {}), ...present }), contentType: type };
    });
  return fc.oneof(
    { weight: 16, arbitrary: object },
    { weight: 2, arbitrary: rawBody },
    { weight: 2, arbitrary: nonObject },
    { weight: 1, arbitrary: noBody },
  );
}

// ---------------------------------------------------------------- query strings and paths

// Percent-encodes text as UTF-8; a lone surrogate (which has no UTF-8 form) is sent as the bytes
// a careless client would produce for it (CESU-8), which are not valid UTF-8.
export function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += Array.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)])
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(char);
    }
  }
  return out;
}

const RAW_QUERY_PARTS = ['%', '%Z', '%ZZ', '%00', '%ED%A0%80', '%FF', '+', '%2B', '&', '=', '==', '[]', '[a]=1', '%5B%5D'];

const SORTS = ['email:asc', 'created_at:desc,id:asc', 'name:asc', 'display_name:desc', 'id', 'updated_at:asc', 'bogus:asc', 'email:sideways', ',', ':', 'email:asc,email:desc'];

function queryValue(document: OpenApiDocument, param: Parameter, known: Known): fc.Arbitrary<string> {
  const plausible =
    param.name === 'sort'
      ? fc.constantFrom(...SORTS)
      : param.name === 'cursor'
        ? fc.oneof(fc.base64String({ maxLength: 60 }), fc.string({ maxLength: 20 }))
        : plausibleValue(document, param.schema, param.name, known).map((value) => (value === null ? '' : String(value)));
  return fc.oneof(
    { weight: 10, arbitrary: plausible.map(encode) },
    { weight: 2, arbitrary: oddString.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_PARTS) },
  );
}

export function queryFor(document: OpenApiDocument, op: Operation, known: Known): fc.Arbitrary<string> {
  const params = op.queryParams.map((param) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<string[]>([]) },
      { weight: 6, arbitrary: queryValue(document, param, known).map((v) => [`${param.name}=${v}`]) },
      // repeated
      { weight: 1, arbitrary: fc.array(queryValue(document, param, known), { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${param.name}=${v}`)) },
      // bracket syntax
      { weight: 1, arbitrary: queryValue(document, param, known).map((v) => [`${param.name}[]=${v}`, `${param.name}[x]=${v}`]) },
    ),
  );
  const extras = fc.array(
    fc.oneof(
      fc.tuple(fc.string({ maxLength: 8 }), oddString).map(([k, v]) => `${encode(k)}=${encode(v)}`),
      fc.constantFrom(...RAW_QUERY_PARTS),
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...params), fc.option(extras, { freq: 5 })).map(([parts, extra]) => {
    const all = [...parts.flat(), ...(extra ?? [])];
    return all.length > 0 ? `?${all.join('&')}` : '';
  });
}

export function pathFor(op: Operation, known: Known): fc.Arbitrary<string> {
  if (op.pathParams.length === 0) return fc.constant(op.path);
  return fc
    .tuple(
      ...op.pathParams.map((param) => {
        const prefix = prefixFor(param.name)!;
        return fc.oneof(
          { weight: 6, arbitrary: prefixedId(prefix, known).map(encode) },
          // (never empty: "/v1/users/" is the list, another operation)
          { weight: 2, arbitrary: oddString.filter((s) => s.length > 0).map(encode) },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERY_PARTS.filter((p) => !p.includes('&') && !p.includes('='))) },
          { weight: 1, arbitrary: hugeString.map((s) => s.slice(0, 5_000)) },
        );
      }),
    )
    .map((values) => op.pathParams.reduce((path, param, i) => path.replace(`{${param.name}}`, values[i]), op.path));
}

// ---------------------------------------------------------------- headers

// Header values travel as Latin-1: tab, printable ASCII and 0x80-0xFF only.
const latin1Text = fc
  .array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(0x09)), { maxLength: 60 })
  .map((codes) => String.fromCharCode(...codes));

// The API key header, plus the operation's other documented headers and a few common ones.
export function headersFor(op: Operation, known: Known): fc.Arbitrary<Record<string, string>> {
  const apiKey = fc.oneof(
    { weight: 12, arbitrary: pick(() => known.apiKeys.slice(0, 1)) },
    { weight: 4, arbitrary: pick(() => known.apiKeys.slice(1)) },
    { weight: 1, arbitrary: fc.constant<string | undefined>(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('', 'ldr_', 'ldr_' + 'k'.repeat(8_000), 'Bearer ldr_x', `ldr_${randomUUID()}`) },
    { weight: 1, arbitrary: latin1Text },
    { weight: 1, arbitrary: pick(() => known.apiKeys).map((key) => key.slice(0, -1)) },
  );
  const documented = op.headerParams.map((p) => p.name.toLowerCase()).filter((name) => name !== 'leadr-api-key');
  const otherHeaders = fc.dictionary(
    fc.constantFrom(...documented, 'accept', 'x-forwarded-for', 'accept-encoding', 'x-request-id', 'if-none-match', 'range'),
    latin1Text,
    { maxKeys: 2 },
  );
  return fc.tuple(apiKey, fc.option(otherHeaders, { freq: 4 })).map(([key, others]) => ({
    ...(others ?? {}),
    ...(key !== undefined && { 'leadr-api-key': key }),
  }));
}

// ---------------------------------------------------------------- whole requests

export interface GeneratedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: GeneratedBody;
}

export function requestFor(document: OpenApiDocument, op: Operation, known: Known): fc.Arbitrary<GeneratedRequest> {
  return fc
    .record({
      path: pathFor(op, known),
      query: queryFor(document, op, known),
      headers: headersFor(op, known),
      body: bodyFor(document, op, known),
    })
    .map(({ path, query, headers, body }) => {
      const request: GeneratedRequest = {
        method: op.method,
        path: `${path}${query}`,
        headers: { ...headers, ...(body.contentType && { 'content-type': body.contentType }) },
        body,
      };
      // How fast-check prints a counterexample: bodies can be 100 kB.
      Object.defineProperty(request, fc.toStringMethod, { value: () => describeRequest(request) });
      return request;
    });
}

const clip = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

export function describeRequest(request: GeneratedRequest): string {
  return [
    `${request.method} ${clip(request.path)}`,
    `headers ${clip(JSON.stringify(request.headers))}`,
    `body ${request.body.text === null ? '(none)' : clip(JSON.stringify(request.body.text))}`,
  ].join('\n');
}
