/**
 * Generators for the property tests (test/property.test.ts): random but valid OpenAPI 2.0, 3.0
 * and 3.1 documents with the odd shapes real specs have, their JSON and YAML serializations, and
 * random mutations (junk values, shared and cyclic links) for the index properties.
 */
import fc from 'fast-check';
import type { JsonPath } from '../../src/document-index/index.js';

export type Version = '2.0' | '3.0' | '3.1';
export const VERSIONS: Version[] = ['2.0', '3.0', '3.1'];
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

export const ABSENT = Symbol('absent');
/** A field that is there with probability `p` (and shrinks to being absent). */
export type Field = fc.Arbitrary<unknown> | readonly [fc.Arbitrary<unknown>, number];

/** A plain object from fields, each required (an arbitrary) or optional ([arbitrary, probability]). */
export function obj(fields: Record<string, Field>): fc.Arbitrary<Obj> {
  const keys = Object.keys(fields);
  const arbs = keys.map(key => {
    const field = fields[key];
    if (!Array.isArray(field)) return field as fc.Arbitrary<unknown>;
    const [arb, p] = field as readonly [fc.Arbitrary<unknown>, number];
    const present = Math.max(1, Math.round(p * 20));
    return fc.oneof(
      { withCrossShrink: true },
      { weight: Math.max(1, 20 - present), arbitrary: fc.constant<unknown>(ABSENT) },
      { weight: present, arbitrary: arb },
    );
  });
  return fc.tuple(...arbs).map(values => {
    const out: Obj = {};
    keys.forEach((key, i) => {
      if (values[i] !== ABSENT) out[key] = values[i];
    });
    return out;
  });
}

export const dict = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxKeys = 3): fc.Arbitrary<Record<string, T>> =>
  fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: maxKeys }).map(entries => Object.fromEntries(entries));

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * Names that are keywords somewhere in OpenAPI or JSON Schema, or Object.prototype members.
 * `hasOwnProperty` is left out: see the known-problem test at the end of this file.
 */
export const KEYWORDS = [
  'parameters',
  'responses',
  'paths',
  'security',
  'securitySchemes',
  'securityDefinitions',
  'type',
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'required',
  'schema',
  'schemas',
  'content',
  'name',
  'in',
  'get',
  'post',
  'put',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
  'servers',
  'components',
  'definitions',
  'headers',
  'requestBody',
  'description',
  'default',
  'enum',
  'const',
  'maxLength',
  'format',
  'pattern',
  'nullable',
  'additionalProperties',
  'readOnly',
  'writeOnly',
  'url',
  'variables',
  'scheme',
  'flows',
  'openapi',
  'swagger',
  'info',
  'string',
  'object',
  'array',
  'null',
  'example',
  'discriminator',
  'webhooks',
  'callbacks',
  '$ref',
  '$id',
  'x-specguard-public',
  'constructor',
  'toString',
  'valueOf',
  'isPrototypeOf',
  'length',
  'prototype',
];
/** Keys YAML or JavaScript may read as numbers (quoted in YAML, as OpenAPI requires for response codes). */
export const NUMERIC = [
  '0',
  '1',
  '007',
  '200',
  '404',
  '-1',
  '1.5',
  '1e3',
  '0x1F',
  '.5',
  'NaN',
  'Infinity',
  '4294967296',
  '9007199254740993',
];
/**
 * Keys that need escaping in JSON pointers, URIs, YAML or JSON. No `%XX` escapes: Spectral's
 * resolver duplicates such keys (see the known-problem tests at the end of this file).
 */
export const ODD = [
  '',
  ' ',
  'a b',
  'a/b',
  '/',
  'a~b',
  '~1',
  '~0',
  '%',
  '100%',
  '%zz',
  '#',
  '#/x',
  "it's",
  'a"b',
  'a\\b',
  'a:b',
  '- a',
  '? x',
  'tab\there',
  'new\nline',
  '{id}',
  '[0]',
  '*',
  '&a',
  '!x',
  '@',
  '`',
  '|',
  '>',
  'true',
  'False',
  'NULL',
  'yes',
  'no',
  '~',
];
export const UNICODE = [
  'é',
  'ß',
  'İ',
  'ǅ',
  '日本語',
  'עברית',
  'العربية',
  'e\u0301',
  '😀',
  '👩‍👩‍👧',
  '\u200b',
  '\u00a0',
  'Ω',
  'ﬁ',
  '\u2028',
  '\u0085',
];

export const identifier = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);
/** 200 to 1300 characters: past 1024, YAML needs an explicit `? key`. */
export const longKey = fc
  .tuple(fc.constantFrom('k', 'é', '😀', 'ab '), fc.integer({ min: 200, max: 1300 }))
  .map(([chunk, n]) => chunk.repeat(Math.ceil(n / chunk.length)));

/** A name for a property, parameter, header, path segment or extension. */
export const anyName = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 10, arbitrary: identifier },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: longKey },
);
/** Property names: any name, `$ref` included (its value is an object, so it is no reference). */
export const propertyName = anyName;

/** OAS 3 component names must match ^[a-zA-Z0-9.\-_]+$; OAS 2 allows any string. */
export const componentName = (v: Version) =>
  v === '2.0'
    ? propertyName
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS.filter(k => /^[a-zA-Z0-9.\-_]+$/.test(k))) },
        { weight: 3, arbitrary: identifier },
        { weight: 1, arbitrary: fc.constantFrom('0', '200', '1.5', '007', '-1', 'a.b', 'A-B', '_', '.', '..', 'x-not-ext') },
      );

export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'yes', 'null', '0', '1.0', '- x', '#', '"', "'", '\n', 'a: b', '{', '*ref', '\u2028') },
);

/** Arbitrary JSON for extension values (no `$ref`, `__proto__` or `hasOwnProperty` keys). */
export const UNSAFE_KEYS = new Set(['$ref', '__proto__', 'hasOwnProperty']);
export const extensionValue = fc
  .jsonValue({ maxDepth: 2, stringUnit: 'grapheme' })
  .map(value => JSON.parse(JSON.stringify(value), (key, v: unknown) => (UNSAFE_KEYS.has(key) ? undefined : v)) as unknown);
/** Extension values shaped like what rules look for: an extension must never be read as any of them. */
export const LOOKALIKES = [
  { type: 'string' },
  { type: 'object', properties: { a: { type: 'string' } } },
  {
    description: 'd',
    schema: { type: 'string' },
    content: { 'application/json': { schema: { type: 'string' } } },
    headers: { 'X-H': { type: 'string', schema: { type: 'string' } } },
  },
  {
    parameters: [{ name: 'q', in: 'query', type: 'string', schema: { type: 'string' } }],
    requestBody: { content: { 'application/json': { schema: { type: 'string' } } } },
    responses: {},
  },
  { get: { responses: {} }, post: { security: [] } },
  [{ url: 'http://insecure.example.com' }],
  { url: 'http://insecure.example.com' },
  { type: 'http', scheme: 'basic' },
  { type: 'apiKey', in: 'query', name: 'key' },
];
/**
 * Generated extension keys start with `x-ext-`, which no other generated key does, so a test can
 * tell an extension from a property or path that merely starts with `x-`.
 */
export const EXT_PREFIX = 'x-ext-';
export const extensions = fc.oneof(
  { weight: 9, arbitrary: fc.constant({}) },
  {
    weight: 1,
    arbitrary: dict(
      anyName.map(n => `${EXT_PREFIX}${n}`),
      fc.oneof({ weight: 2, arbitrary: extensionValue }, { weight: 1, arbitrary: fc.constantFrom<unknown>(...LOOKALIKES) }),
      2,
    ),
  },
);
/** Adds `x-` keys to the objects an arbitrary makes. */
export const ext = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arb, extensions).map(([value, x]) => (isObj(value) && Object.keys(x).length > 0 ? { ...value, ...x } : value));

/** `apiKey`, `APIKEY`, `ApiKey`, ` apiKey `...: the rules compare case- and space-insensitively. */
export const casing = (word: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(word) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constant(word)) },
    { weight: 1, arbitrary: fc.constantFrom(word.toUpperCase(), word.toLowerCase(), ` ${word} `) },
  );

// ---------------------------------------------------------------------------------------------
// Placeholders resolved once the whole document is known
// ---------------------------------------------------------------------------------------------

export type RefKind = 'schemas' | 'parameters' | 'responses' | 'requestBodies' | 'headers' | 'pathItems';

/** A local $ref to the n-th (modulo) component of a kind; becomes `{ $ref: '#/...' }` in `finalize`. */
export class Ref {
  constructor(
    readonly kind: RefKind,
    readonly n: number,
    readonly siblings: Obj = {},
  ) {}
}

/** A security requirement naming the n-th declared scheme (a number) or any name (a string). */
export class Requirement {
  constructor(readonly entries: Array<[number | string, string[]]>) {}
}

export const ref = (kind: RefKind) => fc.nat(50).map(n => new Ref(kind, n));

export function refPrefix(v: Version, kind: RefKind): JsonPath {
  if (v === '2.0') return kind === 'schemas' ? ['definitions'] : [kind];
  return ['components', kind];
}

/** RFC 6901 pointer in a URI fragment: `~` and `/` escaped, then what a fragment may not hold percent-encoded. */
export function pointer(path: JsonPath): string {
  const seg = (s: string | number) =>
    String(s)
      .replace(/~/g, '~0')
      .replace(/\//g, '~1')
      .replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/gu, c => encodeURIComponent(c));
  return `#/${path.map(seg).join('/')}`;
}

export function decodePointer(ref: string): string[] | null {
  if (!ref.startsWith('#')) return null;
  const body = ref.slice(1);
  if (body === '') return [];
  if (!body.startsWith('/')) return null;
  try {
    return body
      .slice(1)
      .split('/')
      .map(s => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
  } catch {
    return null;
  }
}

/** What a $ref becomes when the document declares no component of its kind. */
export function fallback(v: Version, kind: RefKind): unknown {
  switch (kind) {
    case 'schemas':
      return v === '3.1' ? true : {};
    case 'parameters':
      return v === '2.0' ? { name: 'fallback', in: 'query', type: 'string', maxLength: 8 } : { name: 'fallback', in: 'query', schema: {} };
    case 'responses':
      return { description: 'fallback' };
    case 'requestBodies':
      return { content: {} };
    default:
      return {};
  }
}

export function containerAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) node = isObj(node) ? node[key as string] : undefined;
  return node;
}

/** Replaces the placeholders with real $refs and requirement objects: a fresh plain JSON tree. */
export function finalize(v: Version, raw: Obj): Obj {
  const names = (path: JsonPath) => {
    const container = containerAt(raw, path);
    return isObj(container) ? Object.keys(container) : [];
  };
  const schemeNames = names(v === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes']);
  const build = (value: unknown): unknown => {
    if (value instanceof Ref) {
      const list = names(refPrefix(v, value.kind));
      if (list.length === 0) return fallback(v, value.kind);
      return { $ref: pointer([...refPrefix(v, value.kind), list[value.n % list.length]]), ...(build(value.siblings) as Obj) };
    }
    if (value instanceof Requirement) {
      const name = (n: number | string) =>
        typeof n === 'string' ? n : schemeNames.length > 0 ? schemeNames[n % schemeNames.length] : 'undeclared';
      return Object.fromEntries(value.entries.map(([n, scopes]) => [name(n), [...scopes]]));
    }
    if (Array.isArray(value)) return value.map(build);
    if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, child]) => [k, build(child)]));
    return value;
  };
  return build(raw) as Obj;
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

export const STRING_FORMATS = ['date', 'date-time', 'time', 'uuid', 'binary', 'byte', 'email', 'uri', 'password', '', 'Date', 'int64'];
export const PATTERNS = [
  '^[a-z]{1,8}$',
  '^a|b$',
  '.*',
  '^\\d+$',
  '^[A-Z]{2}[0-9]{1,8}$',
  '^(?=.{1,5}$).*$',
  '^(a|b)$',
  'x{2,}',
  '^[^\\]]{0,3}$',
];
export const MEDIA_TYPES = [
  'application/json',
  'application/xml',
  'text/plain',
  '*/*',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/vnd.api+json; charset=utf-8',
  'application/octet-stream',
];

export function typeArb(v: Version, base: string): fc.Arbitrary<unknown> {
  if (v !== '3.1') return fc.constant(base);
  const others = fc.uniqueArray(fc.constantFrom('string', 'null', 'integer', 'number', 'object', 'array', 'boolean'), {
    minLength: 1,
    maxLength: 3,
  });
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant(base) },
    { weight: 2, arbitrary: fc.constantFrom([base, 'null'], ['null', base], [base]) },
    { weight: 1, arbitrary: others.map(t => [base, ...t.filter(x => x !== base)]) },
  );
}

export function schemaArb(v: Version): { schema: fc.Arbitrary<unknown>; componentSchema: fc.Arbitrary<unknown> } {
  const v31 = v === '3.1';
  const v3 = v !== '2.0';
  const common = (p: number): Record<string, Field> => ({
    description: [text, p],
    readOnly: [fc.boolean(), p],
    writeOnly: [fc.boolean(), p],
    ...(v === '3.0' ? { nullable: [fc.boolean(), p] } : {}),
    ...(v === '2.0' ? { 'x-nullable': [fc.boolean(), p] } : {}),
  });
  const stringSchema = obj({
    type: typeArb(v, 'string'),
    maxLength: [fc.nat(1000), 0.4],
    minLength: [fc.nat(5), 0.1],
    format: [fc.constantFrom(...STRING_FORMATS), 0.3],
    pattern: [fc.constantFrom(...PATTERNS), 0.2],
    enum: [fc.array(text, { maxLength: 3 }), 0.1],
    default: [text, 0.05],
    ...(v31
      ? {
          const: [text, 0.05],
          contentMediaType: [fc.constantFrom(...MEDIA_TYPES), 0.1],
          contentEncoding: [fc.constantFrom('base64', '8bit'), 0.05],
        }
      : {}),
    ...common(0.1),
  });
  const scalarSchema = obj({
    type: fc.constantFrom('integer', 'number', 'boolean', ...(v31 ? ['null'] : [])).chain(t => typeArb(v, t)),
    format: [fc.constantFrom('int32', 'int64', 'float', 'double', 'date'), 0.3],
    minimum: [fc.integer({ min: -5, max: 5 }), 0.2],
    maximum: [fc.nat(1000), 0.2],
    enum: [fc.array(fc.integer(), { maxLength: 3 }), 0.1],
    ...common(0.05),
  });
  const typeless = obj({
    maxLength: [fc.nat(50), 0.3],
    format: [fc.constantFrom(...STRING_FORMATS), 0.3],
    description: [text, 0.3],
    example: [text, 0.1],
  });
  const schemaRef = v31
    ? fc
        .tuple(ref('schemas'), fc.option(obj({ description: text }), { nil: undefined, freq: 4 }))
        .map(([r, s]) => (s ? new Ref(r.kind, r.n, s) : r))
    : ref('schemas');
  const leaf = fc.oneof(
    { weight: 4, arbitrary: ext(stringSchema) },
    { weight: 2, arbitrary: scalarSchema },
    { weight: 1, arbitrary: typeless },
    { weight: 3, arbitrary: schemaRef },
    ...(v31 ? [{ weight: 1, arbitrary: fc.boolean() as fc.Arbitrary<unknown> }] : []),
  );
  const depthIdentifier = fc.createDepthIdentifier();
  const built = fc.letrec<{ schema: unknown; object: unknown; array: unknown; composed: unknown; nonRef: unknown }>(tie => {
    const sub = tie('schema');
    const subOrBool = v3 ? fc.oneof(sub, fc.boolean()) : sub;
    return {
      schema: fc.oneof(
        { depthSize: 'small', maxDepth: 3, depthIdentifier },
        { weight: 6, arbitrary: leaf },
        { weight: 2, arbitrary: tie('object') },
        { weight: 1, arbitrary: tie('array') },
        { weight: 1, arbitrary: tie('composed') },
      ),
      // A component schema is never a bare $ref (a chain of $refs alone would be a cycle with no schema).
      nonRef: fc.oneof(
        ext(stringSchema),
        scalarSchema,
        fc.constant({}),
        tie('object'),
        tie('object'),
        tie('array'),
        tie('composed'),
        ...(v31 ? [fc.boolean()] : []),
      ),
      object: ext(
        obj({
          type: [typeArb(v, 'object'), 0.8],
          properties: [dict(propertyName, sub, 4), 0.8],
          required: [fc.uniqueArray(propertyName, { maxLength: 3 }), 0.3],
          additionalProperties: [subOrBool, 0.15],
          minProperties: [fc.nat(3), 0.05],
          ...(v3 ? { patternProperties: [dict(fc.constantFrom('^x-', '.*', '^[a-z]+$'), sub, 1), 0.05] } : {}),
          ...(v31
            ? { propertyNames: [sub, 0.05], unevaluatedProperties: [subOrBool, 0.05], dependentSchemas: [dict(propertyName, sub, 1), 0.05] }
            : {}),
          ...common(0.05),
        }),
      ),
      array: ext(
        obj({
          type: typeArb(v, 'array'),
          items: v31 ? [subOrBool, 0.8] : sub,
          minItems: [fc.nat(3), 0.1],
          maxItems: [fc.nat(30), 0.2],
          ...(v31
            ? { prefixItems: [fc.array(sub, { maxLength: 2 }), 0.1], contains: [sub, 0.05], unevaluatedItems: [subOrBool, 0.05] }
            : {}),
          ...common(0.05),
        }),
      ),
      composed: ext(
        obj({
          allOf: [fc.array(sub, { maxLength: 3 }), 0.6],
          ...(v3 ? { anyOf: [fc.array(sub, { maxLength: 2 }), 0.3], oneOf: [fc.array(sub, { maxLength: 2 }), 0.3], not: [sub, 0.1] } : {}),
          ...(v31 ? { if: [sub, 0.1], then: [sub, 0.1], else: [sub, 0.1] } : {}),
          type: [fc.constantFrom('object', 'string'), 0.2],
          properties: [dict(propertyName, sub, 2), 0.3],
        }),
      ),
    };
  });
  return { schema: built.schema, componentSchema: built.nonRef };
}

// ---------------------------------------------------------------------------------------------
// Parameters, responses, operations, security, servers
// ---------------------------------------------------------------------------------------------

/** OAS 3 parameters and headers have `schema` or `content`, not both. */
export const schemaOrContent = (o: Obj): Obj => {
  if ('schema' in o && 'content' in o) {
    const { content: _dropped, ...rest } = o;
    return rest;
  }
  return o;
};

export function parameterArb(v: Version, schema: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (v === '2.0') {
    const items = obj({
      type: fc.constantFrom('string', 'integer', 'number'),
      maxLength: [fc.nat(20), 0.3],
      format: [fc.constantFrom(...STRING_FORMATS), 0.2],
      enum: [fc.array(text, { maxLength: 2 }), 0.1],
    });
    const body = obj({ name: anyName, in: fc.constant('body'), required: [fc.boolean(), 0.3], description: [text, 0.2], schema });
    const other = obj({
      name: anyName,
      in: fc.constantFrom('query', 'header', 'path', 'formData'),
      required: [fc.boolean(), 0.3],
      type: fc.constantFrom('string', 'string', 'integer', 'number', 'boolean', 'array', 'file'),
      maxLength: [fc.nat(100), 0.3],
      format: [fc.constantFrom(...STRING_FORMATS), 0.2],
      pattern: [fc.constantFrom(...PATTERNS), 0.1],
      enum: [fc.array(text, { maxLength: 3 }), 0.1],
      items: [items, 0.3],
      collectionFormat: [fc.constantFrom('csv', 'multi', 'pipes'), 0.1],
      description: [text, 0.2],
    }).map(p => (p.in === 'path' ? { ...p, required: true } : p));
    return ext(fc.oneof(body, other));
  }
  return ext(
    obj({
      name: anyName,
      in: fc.constantFrom('query', 'header', 'path', 'cookie'),
      required: [fc.boolean(), 0.3],
      description: [text, 0.2],
      deprecated: [fc.boolean(), 0.1],
      style: [fc.constantFrom('form', 'simple', 'deepObject'), 0.1],
      explode: [fc.boolean(), 0.1],
      schema: [schema, 0.8],
      content: [dict(fc.constantFrom(...MEDIA_TYPES), obj({ schema: [schema, 0.8] }), 1), 0.2],
    }).map(p => schemaOrContent(p.in === 'path' ? { ...p, required: true } : p)),
  );
}

export function headerArb(v: Version, schema: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (v === '2.0') {
    return ext(
      obj({
        type: fc.constantFrom('string', 'integer', 'array', 'boolean'),
        maxLength: [fc.nat(100), 0.3],
        format: [fc.constantFrom(...STRING_FORMATS), 0.2],
        items: [fc.constant({ type: 'string' }), 0.1],
        description: [text, 0.2],
      }),
    );
  }
  return ext(
    obj({
      description: [text, 0.2],
      required: [fc.boolean(), 0.1],
      deprecated: [fc.boolean(), 0.05],
      schema: [schema, 0.8],
      content: [dict(fc.constantFrom(...MEDIA_TYPES), obj({ schema: [schema, 0.8] }), 1), 0.15],
    }).map(schemaOrContent),
  );
}

export const mediaMap = (schema: fc.Arbitrary<unknown>) =>
  dict(
    fc.constantFrom(...MEDIA_TYPES),
    ext(obj({ schema: [schema, 0.85], example: [text, 0.05], examples: [dict(anyName, obj({ value: [extensionValue, 0.8] }), 1), 0.05] })),
    2,
  );

export function responseArb(v: Version, schema: fc.Arbitrary<unknown>, header: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (v === '2.0') {
    return ext(
      obj({
        description: text,
        schema: [schema, 0.6],
        headers: [dict(anyName, header, 2), 0.3],
        examples: [dict(fc.constantFrom(...MEDIA_TYPES), extensionValue, 1), 0.05],
      }),
    );
  }
  return ext(
    obj({
      description: text,
      headers: [dict(anyName, fc.oneof({ weight: 3, arbitrary: header }, { weight: 1, arbitrary: ref('headers') }), 2), 0.3],
      content: [mediaMap(schema), 0.7],
      links: [dict(anyName, obj({ operationId: [identifier, 0.8], description: [text, 0.3] }), 1), 0.05],
    }),
  );
}

export const STATUS = ['200', '201', '204', '301', '400', '401', '403', '404', '429', '500', '503', 'default', '2XX', '4XX', '5XX'];
export const METHODS: Record<Version, string[]> = {
  '2.0': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'],
  '3.0': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'],
  '3.1': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'],
};

/** Security requirement lists, `[]` and `[{}]` included. */
export const securityArb: fc.Arbitrary<unknown> = (() => {
  const schemeName = fc.oneof({ weight: 4, arbitrary: fc.nat(20) }, { weight: 1, arbitrary: anyName });
  const scopes = fc.array(fc.oneof(identifier, fc.constantFrom('read:users', 'write', '')), { maxLength: 2 });
  const requirement = fc
    .uniqueArray(fc.tuple(schemeName, scopes), { selector: ([name]) => String(name), maxLength: 2 })
    .map(entries => new Requirement(entries));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.constant([new Requirement([])]) },
    { weight: 4, arbitrary: fc.array(requirement, { minLength: 1, maxLength: 3 }) },
  );
})();

export function securitySchemeArb(v: Version): fc.Arbitrary<unknown> {
  const url = fc.constantFrom('https://auth.example.com/authorize', 'http://auth.example.com/token', '/oauth/token', '');
  const scopes = dict(fc.oneof(identifier, fc.constantFrom('read:users', 'write', '')), text, 3);
  const apiKey = obj({
    type: casing('apiKey'),
    name: anyName,
    in: fc.constantFrom('query', 'header', 'cookie', 'Query', 'QUERY', ' query ', 'path', 'Header', 'PATH'),
    description: [text, 0.2],
  });
  if (v === '2.0') {
    return ext(
      fc.oneof(
        obj({ type: casing('basic'), description: [text, 0.2] }),
        apiKey,
        obj({
          type: casing('oauth2'),
          flow: fc.constantFrom('implicit', 'password', 'application', 'accessCode'),
          authorizationUrl: [url, 0.5],
          tokenUrl: [url, 0.5],
          scopes,
        }),
      ),
    );
  }
  const flow = obj({ authorizationUrl: [url, 0.5], tokenUrl: [url, 0.5], refreshUrl: [url, 0.1], scopes });
  const flows = ext(obj({ implicit: [flow, 0.3], password: [flow, 0.3], clientCredentials: [flow, 0.3], authorizationCode: [flow, 0.3] }));
  return ext(
    fc.oneof(
      obj({
        type: casing('http'),
        scheme: fc.constantFrom(
          'basic',
          'Basic',
          'BASIC',
          ' basic ',
          'bearer',
          'Bearer',
          'digest',
          'Digest',
          'negotiate',
          'hoba',
          'mutual',
          '',
        ),
        bearerFormat: [fc.constantFrom('JWT', ''), 0.2],
        description: [text, 0.2],
      }),
      apiKey,
      obj({ type: casing('oauth2'), flows, description: [text, 0.2] }),
      obj({ type: casing('openIdConnect'), openIdConnectUrl: url }),
      ...(v === '3.1' ? [obj({ type: casing('mutualTLS'), description: [text, 0.2] })] : []),
    ),
  );
}

export const SERVER_URLS = [
  'https://api.example.com',
  'http://api.example.com/v1',
  'HTTP://API.EXAMPLE.COM',
  'http://localhost:8080',
  'http://127.0.0.1',
  'http://[::1]:3000/',
  'ws://stream.example.com',
  'wss://stream.example.com',
  '/relative',
  '',
  '{scheme}://{host}/v1',
  'https://{region}.example.com:{port}',
  '{scheme}://localhost',
  'http://{host}',
  'https://user:pw@example.com',
  '//example.com',
];
export const serverVariable = ext(
  obj({
    default: fc.oneof(fc.constantFrom('http', 'https', 'ws', 'wss', 'api.example.com', 'localhost', '8080', 'eu', ''), text),
    enum: [
      fc.array(fc.constantFrom('http', 'https', 'ws', 'HTTP', 'localhost', 'example.com', '443'), { minLength: 1, maxLength: 3 }),
      0.4,
    ],
    description: [text, 0.2],
  }),
);
export const serversArb = fc.array(
  ext(
    obj({
      url: fc.constantFrom(...SERVER_URLS),
      description: [text, 0.4],
      variables: [dict(fc.oneof(fc.constantFrom('scheme', 'host', 'port', 'region'), anyName), serverVariable, 3), 0.4],
    }),
  ),
  { maxLength: 3 },
);

export const pathKey = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: anyName.map(s => s.replace(/\//g, '_')) },
      { weight: 1, arbitrary: anyName.map(s => `{${s.replace(/[/{}]/g, '_')}}`) },
    ),
    { maxLength: 3 },
  )
  .map(segments => `/${segments.join('/')}`);

export interface Parts {
  schema: fc.Arbitrary<unknown>;
  componentSchema: fc.Arbitrary<unknown>;
  parameter: fc.Arbitrary<unknown>;
  header: fc.Arbitrary<unknown>;
  response: fc.Arbitrary<unknown>;
  securityScheme: fc.Arbitrary<unknown>;
  pathItem: fc.Arbitrary<Obj>;
  /** A Callback object (expression to path item); OAS 3.x. */
  callback: fc.Arbitrary<unknown>;
}

export function parts(v: Version): Parts {
  const { schema, componentSchema } = schemaArb(v);
  const parameter = parameterArb(v, schema);
  const header = headerArb(v, schema);
  const response = responseArb(v, schema, header);
  const paramOrRef = fc.oneof({ weight: 3, arbitrary: parameter }, { weight: 1, arbitrary: ref('parameters') });
  const responses = ext(
    dict(fc.constantFrom(...STATUS), fc.oneof({ weight: 3, arbitrary: response }, { weight: 1, arbitrary: ref('responses') }), 3),
  );
  const requestBody = fc.oneof(
    { weight: 3, arbitrary: ext(obj({ description: [text, 0.2], required: [fc.boolean(), 0.3], content: mediaMap(schema) })) },
    { weight: 1, arbitrary: ref('requestBodies') },
  );
  const publicMark = fc.constantFrom<unknown>('health check', '', '  ', false, true, 0, 1, null, {}, []);
  const operationOf = (callbacks: fc.Arbitrary<unknown> | null) =>
    ext(
      obj({
        tags: [fc.array(identifier, { maxLength: 2 }), 0.2],
        summary: [text, 0.2],
        operationId: [identifier, 0.3],
        parameters: [fc.array(paramOrRef, { maxLength: 3 }), 0.5],
        responses: v === '3.1' ? [responses, 0.9] : responses,
        deprecated: [fc.boolean(), 0.05],
        security: [securityArb, 0.5],
        'x-specguard-public': [publicMark, 0.15],
        ...(v === '2.0'
          ? {
              consumes: [fc.array(fc.constantFrom(...MEDIA_TYPES), { maxLength: 2 }), 0.1],
              produces: [fc.array(fc.constantFrom(...MEDIA_TYPES), { maxLength: 2 }), 0.1],
              schemes: [fc.subarray(['http', 'https', 'ws', 'wss']), 0.1],
            }
          : { requestBody: [requestBody, 0.4], servers: [serversArb, 0.1], ...(callbacks ? { callbacks: [callbacks, 0.05] } : {}) }),
      }),
    );
  const pathItemOf = (operation: fc.Arbitrary<unknown>): fc.Arbitrary<Obj> =>
    ext(
      fc
        .tuple(
          obj({
            summary: [text, 0.1],
            description: [text, 0.1],
            parameters: [fc.array(paramOrRef, { maxLength: 2 }), 0.3],
            ...(v !== '2.0' ? { servers: [serversArb, 0.1] } : {}),
          }),
          fc.uniqueArray(fc.tuple(fc.constantFrom(...METHODS[v]), operation), { selector: ([m]) => m, maxLength: 3 }),
        )
        .map(([fields, ops]) => ({ ...fields, ...Object.fromEntries(ops) })),
    );
  const callbackItem = pathItemOf(operationOf(null));
  const callback = ext(dict(fc.constantFrom('{$request.body#/url}', 'https://example.com/hook', '{$url}'), callbackItem, 1));
  const callbacks = dict(anyName, callback, 1);
  const operation = operationOf(v === '2.0' ? null : callbacks);
  return {
    schema,
    componentSchema,
    parameter,
    header,
    response,
    securityScheme: securitySchemeArb(v),
    pathItem: pathItemOf(operation),
    callback,
  };
}

export function documentArb(v: Version): fc.Arbitrary<Obj> {
  const p = parts(v);
  const info = ext(
    obj({
      title: text,
      version: fc.constantFrom('1', '1.0.0', '2024-01-01'),
      description: [text, 0.2],
      ...(v === '3.1' ? { summary: [text, 0.1] } : {}),
    }),
  );
  const pathItemOrRef =
    v === '3.1' ? fc.oneof({ weight: 5, arbitrary: p.pathItem }, { weight: 1, arbitrary: ref('pathItems') }) : p.pathItem;
  const paths = ext(dict(pathKey, pathItemOrRef, 4));
  const tags = fc.array(obj({ name: identifier, description: [text, 0.3] }), { maxLength: 2 });
  const root =
    v === '2.0'
      ? obj({
          swagger: fc.constant('2.0'),
          info,
          host: [fc.constantFrom('api.example.com', 'localhost', 'localhost:8080', '127.0.0.1', 'LOCALHOST', '[::1]'), 0.5],
          basePath: [fc.constantFrom('/', '/v1'), 0.3],
          schemes: [fc.oneof(fc.subarray(['http', 'https', 'ws', 'wss', 'HTTP']), fc.constant('http')), 0.6],
          consumes: [fc.array(fc.constantFrom(...MEDIA_TYPES), { maxLength: 2 }), 0.2],
          paths,
          definitions: [dict(componentName(v), p.componentSchema, 4), 0.8],
          parameters: [dict(componentName(v), p.parameter, 2), 0.3],
          responses: [dict(componentName(v), p.response, 2), 0.3],
          securityDefinitions: [dict(componentName(v), p.securityScheme, 3), 0.7],
          security: [securityArb, 0.5],
          tags: [tags, 0.2],
        })
      : obj({
          openapi: fc.constantFrom(...(v === '3.0' ? ['3.0.0', '3.0.3', '3.0.4'] : ['3.1.0', '3.1.1'])),
          info,
          ...(v === '3.1'
            ? {
                jsonSchemaDialect: [fc.constant('https://spec.openapis.org/oas/3.1/dialect/base'), 0.1],
                webhooks: [dict(anyName, p.pathItem, 2), 0.15],
              }
            : {}),
          servers: [serversArb, 0.6],
          paths: v === '3.1' ? [paths, 0.9] : paths,
          components: [
            ext(
              obj({
                schemas: [dict(componentName(v), p.componentSchema, 4), 0.8],
                parameters: [dict(componentName(v), p.parameter, 2), 0.3],
                responses: [dict(componentName(v), p.response, 2), 0.3],
                requestBodies: [dict(componentName(v), ext(obj({ description: [text, 0.2], content: mediaMap(p.schema) })), 2), 0.3],
                headers: [dict(componentName(v), p.header, 2), 0.3],
                securitySchemes: [dict(componentName(v), p.securityScheme, 4), 0.7],
                callbacks: [dict(componentName(v), p.callback, 1), 0.1],
                ...(v === '3.1' ? { pathItems: [dict(componentName(v), p.pathItem, 2), 0.15] } : {}),
              }),
            ),
            0.85,
          ],
          security: [securityArb, 0.5],
          tags: [tags, 0.2],
        });
  return ext(root).map(raw => finalize(v, raw));
}

export const anyDocument = fc.oneof(...VERSIONS.map(version => documentArb(version).map(doc => ({ version, doc }))));

// ---------------------------------------------------------------------------------------------
// Serialization: JSON (compact, pretty) and block or mixed-flow YAML
// ---------------------------------------------------------------------------------------------

export interface Style {
  format: 'json' | 'yaml';
  /** JSON: indent ('' = one line). YAML: indent width. */
  indent: 0 | 2 | 4 | '\t';
  /** YAML: containers at this depth and deeper are written in flow (JSON) style. */
  flowDepth: number;
  /** YAML: a sequence under a mapping key starts at the key's indentation. */
  compactSequences: boolean;
  crlf: boolean;
  bom: boolean;
  /** YAML: a leading comment and a `---` document start marker. */
  preamble: boolean;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  format: fc.constantFrom('json', 'yaml'),
  indent: fc.constantFrom(0, 2, 4, '\t'),
  flowDepth: fc.integer({ min: 1, max: 12 }),
  compactSequences: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  preamble: fc.boolean(),
}) as fc.Arbitrary<Style>;

/** A YAML double-quoted scalar: JSON's escapes are YAML's, plus escapes for what YAML may not hold raw. */
export function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
export const LONG_KEY = 1000; // YAML limits implicit keys to 1024 characters: longer ones are written as `? key`

export function yamlKey(key: string): string {
  // Numeric-looking keys are quoted, as OpenAPI requires (`'200':`): Spectral reports an unquoted
  // `200:` as a `parser` error ("Mapping key must be a string scalar rather than number").
  if (PLAIN_KEY.test(key) && !YAML_RESERVED.test(key)) return key;
  return yamlString(key);
}

export function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  throw new Error(`not JSON: a ${typeof value}`);
}

export function hasLongKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLongKey);
  if (isObj(value)) return Object.entries(value).some(([k, v]) => k.length > LONG_KEY || hasLongKey(v));
  return false;
}

export function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  if (isObj(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${yamlString(k)}: ${yamlFlow(v)}`)
      .join(', ')}}`;
  return yamlScalar(value);
}

export function yamlLines(value: unknown, indent: number, depth: number, style: Style): string[] {
  const width = style.indent === '\t' || style.indent === 0 ? 2 : style.indent;
  const pad = ' '.repeat(indent);
  const isContainer = (v: unknown) => (Array.isArray(v) && v.length > 0) || (isObj(v) && Object.keys(v).length > 0);
  const inline = (v: unknown) => (isContainer(v) ? null : Array.isArray(v) ? '[]' : isObj(v) ? '{}' : yamlScalar(v));
  const useFlow = (v: unknown) => depth + 1 >= style.flowDepth && !hasLongKey(v);
  const lines: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const scalar = inline(item);
      if (scalar !== null) lines.push(`${pad}- ${scalar}`);
      else if (useFlow(item)) lines.push(`${pad}- ${yamlFlow(item)}`);
      else {
        const inner = yamlLines(item, indent + 2, depth + 1, style);
        lines.push(`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
      }
    }
    return lines;
  }
  for (const [key, child] of Object.entries(value as Obj)) {
    const head = key.length > LONG_KEY ? `${pad}? ${yamlString(key)}\n${pad}:` : `${pad}${yamlKey(key)}:`;
    const scalar = inline(child);
    if (scalar !== null) lines.push(`${head} ${scalar}`);
    else if (useFlow(child)) lines.push(`${head} ${yamlFlow(child)}`);
    else {
      const childIndent = Array.isArray(child) && style.compactSequences && key.length <= LONG_KEY ? indent : indent + width;
      lines.push(head, ...yamlLines(child, childIndent, depth + 1, style));
    }
  }
  return lines;
}

export function serialize(doc: Obj, style: Style): string {
  let out: string;
  if (style.format === 'json') {
    out = JSON.stringify(doc, null, style.indent === 0 ? undefined : style.indent);
  } else {
    out = `${style.preamble ? '# generated\n---\n' : ''}${yamlLines(doc, 0, 0, style).join('\n')}\n`;
  }
  if (style.crlf) out = out.replace(/\n/g, '\r\n');
  return style.bom ? `\uFEFF${out}` : out;
}

/** Random mutations of a document: any value replaced by junk, or by a link to another node (sharing, cycles). */
export const junk = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    '',
    'string',
    'http://x',
    [],
    {},
    [null],
    [{}],
    [[]],
    { $ref: 'nowhere' },
    { $ref: '#/nowhere' },
    { toString: 1 },
    [{ valueOf: {}, toString: {} }],
  ),
  extensionValue,
);
export const mutations = fc.array(
  fc.tuple(
    fc.nat(),
    fc.nat(),
    fc.oneof(
      junk.map(value => ({ value })),
      fc.nat().map(link => ({ link })),
    ),
  ),
  { maxLength: 8 },
);

export function mutate(doc: Obj, plan: Array<[number, number, { value: unknown } | { link: number }]>, allowLinks: boolean): Obj {
  const root = structuredClone(doc);
  const nodes: Array<Obj | unknown[]> = [];
  const seen = new Set<unknown>();
  const collect = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    nodes.push(node as Obj);
    for (const child of Object.values(node)) collect(child);
  };
  collect(root);
  for (const [i, k, change] of plan) {
    const node = nodes[i % nodes.length] as Record<string, unknown>;
    const keys = Object.keys(node);
    if (keys.length === 0) continue;
    const key = keys[k % keys.length];
    if ('link' in change) {
      if (allowLinks) node[key] = nodes[change.link % nodes.length];
    } else {
      node[key] = structuredClone(change.value);
    }
  }
  return root;
}
