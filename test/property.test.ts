/**
 * Property-based tests: random but valid OpenAPI 2.0, 3.0 and 3.1 documents, with the odd shapes
 * real specs have (keyword-named properties, boolean and circular schemas, empty objects, odd
 * casing, extensions everywhere, unicode, very long and numeric-looking keys), serialized as
 * JSON and YAML and linted with the whole recommended ruleset; and the document index on random
 * (also cyclic and malformed) object graphs.
 *
 * Per linted document: lintOne does not throw (an InputError on these valid documents is a
 * failure too); no rule threw; every finding has a path of strings and indices and a 0-based range
 * inside the text; every path resolves in the parsed document and points at the finding's subject
 * (where Spectral can report exact paths, see spectralBlursPaths); the same text lints to the
 * same JSON twice; JSON and YAML give the same findings; so does the document without extensions.
 *
 * Deterministic: a fixed seed. To explore, run with SPECGUARD_PROPERTY_SEED=<n> and
 * SPECGUARD_PROPERTY_SCALE=<factor> (multiplies the number of runs); SPECGUARD_PROPERTY_STATS=1
 * prints what the generators cover. A failure prints the seed, the shrink path and the smallest
 * counterexample fast-check found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDocumentIndex } from '../src/document-index/index.js';
import type { DocumentIndex, JsonPath } from '../src/document-index/index.js';
import { InputError } from '../src/engine/errors.js';
import { lintOne } from '../src/engine/lint.js';
import type { Finding } from '../src/engine/lint.js';
import { parseSpec } from '../src/input/index.js';
import { RULE_CODES } from './helpers.js';

const SEED = Number(process.env.SPECGUARD_PROPERTY_SEED ?? 20_240_611);
const SCALE = Number(process.env.SPECGUARD_PROPERTY_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
/** SPECGUARD_PROPERTY_PATH=<path from a failure report> (with its seed) replays that one case. */
const REPLAY = process.env.SPECGUARD_PROPERTY_PATH;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  seed: SEED,
  numRuns: runs(numRuns),
  ...(REPLAY ? { path: REPLAY, endOnFailure: true } : {}),
});
/** Generous: the file takes about 10 s; these only stop a hung run. */
const LINT_TIMEOUT = 120_000 * Math.max(1, SCALE);
const INDEX_TIMEOUT = 60_000 * Math.max(1, SCALE);

type Version = '2.0' | '3.0' | '3.1';
const VERSIONS: Version[] = ['2.0', '3.0', '3.1'];
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

const ABSENT = Symbol('absent');
/** A field that is there with probability `p` (and shrinks to being absent). */
type Field = fc.Arbitrary<unknown> | readonly [fc.Arbitrary<unknown>, number];

/** A plain object from fields, each required (an arbitrary) or optional ([arbitrary, probability]). */
function obj(fields: Record<string, Field>): fc.Arbitrary<Obj> {
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

const dict = <T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, maxKeys = 3): fc.Arbitrary<Record<string, T>> =>
  fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: maxKeys }).map(entries => Object.fromEntries(entries));

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/**
 * Names that are keywords somewhere in OpenAPI or JSON Schema, or Object.prototype members.
 * `hasOwnProperty` is left out: see the known-problem test at the end of this file.
 */
const KEYWORDS = [
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
const NUMERIC = ['0', '1', '007', '200', '404', '-1', '1.5', '1e3', '0x1F', '.5', 'NaN', 'Infinity', '4294967296', '9007199254740993'];
/**
 * Keys that need escaping in JSON pointers, URIs, YAML or JSON. No `%XX` escapes: Spectral's
 * resolver duplicates such keys (see the known-problem tests at the end of this file).
 */
const ODD = [
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
const UNICODE = ['é', 'ß', 'İ', 'ǅ', '日本語', 'עברית', 'العربية', 'e\u0301', '😀', '👩‍👩‍👧', '\u200b', '\u00a0', 'Ω', 'ﬁ', '\u2028', '\u0085'];

const identifier = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,7}$/);
/** 200 to 1300 characters: past 1024, YAML needs an explicit `? key`. */
const longKey = fc
  .tuple(fc.constantFrom('k', 'é', '😀', 'ab '), fc.integer({ min: 200, max: 1300 }))
  .map(([chunk, n]) => chunk.repeat(Math.ceil(n / chunk.length)));

/** A name for a property, parameter, header, path segment or extension. */
const anyName = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 10, arbitrary: identifier },
  { weight: 2, arbitrary: fc.constantFrom(...NUMERIC) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  { weight: 1, arbitrary: longKey },
);
/** Property names: any name, `$ref` included (its value is an object, so it is no reference). */
const propertyName = anyName;

/** OAS 3 component names must match ^[a-zA-Z0-9.\-_]+$; OAS 2 allows any string. */
const componentName = (v: Version) =>
  v === '2.0'
    ? propertyName
    : fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...KEYWORDS.filter(k => /^[a-zA-Z0-9.\-_]+$/.test(k))) },
        { weight: 3, arbitrary: identifier },
        { weight: 1, arbitrary: fc.constantFrom('0', '200', '1.5', '007', '-1', 'a.b', 'A-B', '_', '.', '..', 'x-not-ext') },
      );

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'yes', 'null', '0', '1.0', '- x', '#', '"', "'", '\n', 'a: b', '{', '*ref', '\u2028') },
);

/** Arbitrary JSON for extension values (no `$ref`, `__proto__` or `hasOwnProperty` keys). */
const UNSAFE_KEYS = new Set(['$ref', '__proto__', 'hasOwnProperty']);
const extensionValue = fc
  .jsonValue({ maxDepth: 2, stringUnit: 'grapheme' })
  .map(value => JSON.parse(JSON.stringify(value), (key, v) => (UNSAFE_KEYS.has(key) ? undefined : v)) as unknown);
/** Extension values shaped like what rules look for: an extension must never be read as any of them. */
const LOOKALIKES = [
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
const EXT_PREFIX = 'x-ext-';
const extensions = fc.oneof(
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
const ext = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(arb, extensions).map(([value, x]) => (isObj(value) && Object.keys(x).length > 0 ? ({ ...value, ...x } as T) : value));

/** `apiKey`, `APIKEY`, `ApiKey`, ` apiKey `...: the rules compare case- and space-insensitively. */
const casing = (word: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant(word) },
    { weight: 2, arbitrary: fc.mixedCase(fc.constant(word)) },
    { weight: 1, arbitrary: fc.constantFrom(word.toUpperCase(), word.toLowerCase(), ` ${word} `) },
  );

// ---------------------------------------------------------------------------------------------
// Placeholders resolved once the whole document is known
// ---------------------------------------------------------------------------------------------

type RefKind = 'schemas' | 'parameters' | 'responses' | 'requestBodies' | 'headers' | 'pathItems';

/** A local $ref to the n-th (modulo) component of a kind; becomes `{ $ref: '#/...' }` in `finalize`. */
class Ref {
  constructor(
    readonly kind: RefKind,
    readonly n: number,
    readonly siblings: Obj = {},
  ) {}
}

/** A security requirement naming the n-th declared scheme (a number) or any name (a string). */
class Requirement {
  constructor(readonly entries: Array<[number | string, string[]]>) {}
}

const ref = (kind: RefKind) => fc.nat(50).map(n => new Ref(kind, n));

function refPrefix(v: Version, kind: RefKind): JsonPath {
  if (v === '2.0') return kind === 'schemas' ? ['definitions'] : [kind];
  return ['components', kind];
}

/** RFC 6901 pointer in a URI fragment: `~` and `/` escaped, then what a fragment may not hold percent-encoded. */
function pointer(path: JsonPath): string {
  const seg = (s: string | number) =>
    String(s)
      .replace(/~/g, '~0')
      .replace(/\//g, '~1')
      .replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@]/gu, c => encodeURIComponent(c));
  return `#/${path.map(seg).join('/')}`;
}

function decodePointer(ref: string): string[] | null {
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
function fallback(v: Version, kind: RefKind): unknown {
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

function containerAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) node = isObj(node) ? node[key as string] : undefined;
  return node;
}

/** Replaces the placeholders with real $refs and requirement objects: a fresh plain JSON tree. */
function finalize(v: Version, raw: Obj): Obj {
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

const STRING_FORMATS = ['date', 'date-time', 'time', 'uuid', 'binary', 'byte', 'email', 'uri', 'password', '', 'Date', 'int64'];
const PATTERNS = ['^[a-z]{1,8}$', '^a|b$', '.*', '^\\d+$', '^[A-Z]{2}[0-9]{1,8}$', '^(?=.{1,5}$).*$', '^(a|b)$', 'x{2,}', '^[^\\]]{0,3}$'];
const MEDIA_TYPES = [
  'application/json',
  'application/xml',
  'text/plain',
  '*/*',
  'multipart/form-data',
  'application/x-www-form-urlencoded',
  'application/vnd.api+json; charset=utf-8',
  'application/octet-stream',
];

function typeArb(v: Version, base: string): fc.Arbitrary<unknown> {
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

function schemaArb(v: Version): { schema: fc.Arbitrary<unknown>; componentSchema: fc.Arbitrary<unknown> } {
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
    { weight: 3, arbitrary: schemaRef as fc.Arbitrary<unknown> },
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
const schemaOrContent = (o: Obj): Obj => {
  if ('schema' in o && 'content' in o) {
    const { content: _dropped, ...rest } = o;
    return rest;
  }
  return o;
};

function parameterArb(v: Version, schema: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
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

function headerArb(v: Version, schema: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
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

const mediaMap = (schema: fc.Arbitrary<unknown>) =>
  dict(
    fc.constantFrom(...MEDIA_TYPES),
    ext(obj({ schema: [schema, 0.85], example: [text, 0.05], examples: [dict(anyName, obj({ value: [extensionValue, 0.8] }), 1), 0.05] })),
    2,
  );

function responseArb(v: Version, schema: fc.Arbitrary<unknown>, header: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
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
      headers: [
        dict(anyName, fc.oneof({ weight: 3, arbitrary: header }, { weight: 1, arbitrary: ref('headers') as fc.Arbitrary<unknown> }), 2),
        0.3,
      ],
      content: [mediaMap(schema), 0.7],
      links: [dict(anyName, obj({ operationId: [identifier, 0.8], description: [text, 0.3] }), 1), 0.05],
    }),
  );
}

const STATUS = ['200', '201', '204', '301', '400', '401', '403', '404', '429', '500', '503', 'default', '2XX', '4XX', '5XX'];
const METHODS: Record<Version, string[]> = {
  '2.0': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'],
  '3.0': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'],
  '3.1': ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'],
};

/** Security requirement lists, `[]` and `[{}]` included. */
const securityArb: fc.Arbitrary<unknown> = (() => {
  const schemeName = fc.oneof({ weight: 4, arbitrary: fc.nat(20) as fc.Arbitrary<number | string> }, { weight: 1, arbitrary: anyName });
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

function securitySchemeArb(v: Version): fc.Arbitrary<unknown> {
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

const SERVER_URLS = [
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
const serverVariable = ext(
  obj({
    default: fc.oneof(fc.constantFrom('http', 'https', 'ws', 'wss', 'api.example.com', 'localhost', '8080', 'eu', ''), text),
    enum: [
      fc.array(fc.constantFrom('http', 'https', 'ws', 'HTTP', 'localhost', 'example.com', '443'), { minLength: 1, maxLength: 3 }),
      0.4,
    ],
    description: [text, 0.2],
  }),
);
const serversArb = fc.array(
  ext(
    obj({
      url: fc.constantFrom(...SERVER_URLS),
      description: [text, 0.4],
      variables: [dict(fc.oneof(fc.constantFrom('scheme', 'host', 'port', 'region'), anyName), serverVariable, 3), 0.4],
    }),
  ),
  { maxLength: 3 },
);

const pathKey = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: anyName.map(s => s.replace(/\//g, '_')) },
      { weight: 1, arbitrary: anyName.map(s => `{${s.replace(/[/{}]/g, '_')}}`) },
    ),
    { maxLength: 3 },
  )
  .map(segments => `/${segments.join('/')}`);

interface Parts {
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

function parts(v: Version): Parts {
  const { schema, componentSchema } = schemaArb(v);
  const parameter = parameterArb(v, schema);
  const header = headerArb(v, schema);
  const response = responseArb(v, schema, header);
  const paramOrRef = fc.oneof({ weight: 3, arbitrary: parameter }, { weight: 1, arbitrary: ref('parameters') as fc.Arbitrary<unknown> });
  const responses = ext(
    dict(
      fc.constantFrom(...STATUS),
      fc.oneof({ weight: 3, arbitrary: response }, { weight: 1, arbitrary: ref('responses') as fc.Arbitrary<unknown> }),
      3,
    ),
  );
  const requestBody = fc.oneof(
    { weight: 3, arbitrary: ext(obj({ description: [text, 0.2], required: [fc.boolean(), 0.3], content: mediaMap(schema) })) },
    { weight: 1, arbitrary: ref('requestBodies') as fc.Arbitrary<unknown> },
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
        .map(([fields, ops]) => ({ ...fields, ...Object.fromEntries(ops) }) as Obj),
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

function documentArb(v: Version): fc.Arbitrary<Obj> {
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
    v === '3.1'
      ? fc.oneof(
          { weight: 5, arbitrary: p.pathItem as fc.Arbitrary<unknown> },
          { weight: 1, arbitrary: ref('pathItems') as fc.Arbitrary<unknown> },
        )
      : p.pathItem;
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

const anyDocument = fc.oneof(...VERSIONS.map(version => documentArb(version).map(doc => ({ version, doc }))));

// ---------------------------------------------------------------------------------------------
// Serialization: JSON (compact, pretty) and block or mixed-flow YAML
// ---------------------------------------------------------------------------------------------

interface Style {
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

const styleArb: fc.Arbitrary<Style> = fc.record({
  format: fc.constantFrom('json', 'yaml'),
  indent: fc.constantFrom(0, 2, 4, '\t'),
  flowDepth: fc.integer({ min: 1, max: 12 }),
  compactSequences: fc.boolean(),
  crlf: fc.boolean(),
  bom: fc.boolean(),
  preamble: fc.boolean(),
}) as fc.Arbitrary<Style>;

/** A YAML double-quoted scalar: JSON's escapes are YAML's, plus escapes for what YAML may not hold raw. */
function yamlString(s: string): string {
  return JSON.stringify(s).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const YAML_RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
const LONG_KEY = 1000; // YAML limits implicit keys to 1024 characters: longer ones are written as `? key`

function yamlKey(key: string): string {
  // Numeric-looking keys are quoted, as OpenAPI requires (`'200':`): Spectral reports an unquoted
  // `200:` as a `parser` error ("Mapping key must be a string scalar rather than number").
  if (PLAIN_KEY.test(key) && !YAML_RESERVED.test(key)) return key;
  return yamlString(key);
}

function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  throw new Error(`not JSON: ${String(value)}`);
}

function hasLongKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasLongKey);
  if (isObj(value)) return Object.entries(value).some(([k, v]) => k.length > LONG_KEY || hasLongKey(v));
  return false;
}

function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  if (isObj(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${yamlString(k)}: ${yamlFlow(v)}`)
      .join(', ')}}`;
  return yamlScalar(value);
}

function yamlLines(value: unknown, indent: number, depth: number, style: Style): string[] {
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

function serialize(doc: Obj, style: Style): string {
  let out: string;
  if (style.format === 'json') {
    out = JSON.stringify(doc, null, style.indent === 0 ? undefined : style.indent);
  } else {
    out = `${style.preamble ? '# generated\n---\n' : ''}${yamlLines(doc, 0, 0, style).join('\n')}\n`;
  }
  if (style.crlf) out = out.replace(/\n/g, '\r\n');
  return style.bom ? `\uFEFF${out}` : out;
}

// ---------------------------------------------------------------------------------------------
// Checks on findings
// ---------------------------------------------------------------------------------------------

const RULE_THREW = 'specguard rule function "';
const INDEX_FAILED = 'specguard index failed';

/** Walks a finding path through parsed data, following a local $ref only where the path goes through one. */
function resolvePath(root: unknown, path: JsonPath): { ok: true; viaRef: boolean; node: unknown } | { ok: false; at: number } {
  let node = root;
  let viaRef = false;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    for (let hops = 0; ; hops++) {
      if (Array.isArray(node)) {
        const index = typeof seg === 'number' ? seg : /^(0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
        if (index < 0 || index >= node.length) return { ok: false, at: i };
        node = node[index];
        break;
      }
      if (isObj(node) && hasOwn(node, String(seg))) {
        node = node[String(seg)];
        break;
      }
      const target = isObj(node) && typeof node.$ref === 'string' ? decodePointer(node.$ref) : null;
      if (target === null || hops > 20) return { ok: false, at: i };
      viaRef = true;
      let next: unknown = root;
      for (const key of target) next = Array.isArray(next) ? next[Number(key)] : isObj(next) && hasOwn(next, key) ? next[key] : undefined;
      if (next === undefined) return { ok: false, at: i };
      node = next;
    }
  }
  return { ok: true, viaRef, node };
}

/** Line lengths as Spectral counts them: lines end at `\n`, so a CRLF line's `\r` is part of it. */
function lineLengths(text: string): number[] {
  return text.split('\n').map(line => line.length);
}

/** Assertions (2), (3), (4) on one run's findings. Returns the number of paths that went through a $ref. */
function checkFindings(findings: Finding[], text: string, data: unknown): number {
  const lines = lineLengths(text);
  let viaRefs = 0;
  for (const f of findings) {
    const where = `${f.code} ${JSON.stringify(f.path)}: ${f.message}`;
    expect(f.message.startsWith(RULE_THREW) || f.message.startsWith(INDEX_FAILED), `a rule threw: ${where}`).toBe(false);
    expect(typeof f.code).toBe('string');
    expect([0, 1, 2, 3]).toContain(f.severity);
    expect(Array.isArray(f.path), where).toBe(true);
    for (const seg of f.path) {
      expect(
        typeof seg === 'string' || (typeof seg === 'number' && Number.isInteger(seg) && seg >= 0),
        `path segment ${String(seg)} in ${where}`,
      ).toBe(true);
    }
    const { start, end } = f.range;
    for (const n of [start.line, start.character, end.line, end.character]) {
      expect(Number.isInteger(n) && n >= 0, `range ${JSON.stringify(f.range)} in ${where}`).toBe(true);
    }
    expect(
      start.line < end.line || (start.line === end.line && start.character <= end.character),
      `start after end: ${JSON.stringify(f.range)} in ${where}`,
    ).toBe(true);
    expect(end.line, `range past the last line (${lines.length} lines): ${JSON.stringify(f.range)} in ${where}`).toBeLessThan(lines.length);
    expect(start.character, `start past the end of line ${start.line}: ${JSON.stringify(f.range)} in ${where}`).toBeLessThanOrEqual(
      lines[start.line],
    );
    expect(end.character, `end past the end of line ${end.line}: ${JSON.stringify(f.range)} in ${where}`).toBeLessThanOrEqual(
      lines[end.line],
    );
    const resolved = resolvePath(data, f.path);
    expect(resolved.ok, `path does not resolve in the document (segment ${resolved.ok ? '' : resolved.at}): ${where}`).toBe(true);
    if (resolved.ok && resolved.viaRef) viaRefs++;
  }
  return viaRefs;
}

async function lintChecked(text: string, source: string): Promise<Finding[]> {
  try {
    return await lintOne({ content: text, source });
  } catch (error) {
    if (error instanceof InputError) throw new Error(`InputError on a valid generated document: ${error.message}`, { cause: error });
    throw error;
  }
}

/**
 * True when Spectral cannot report exact paths in this document, and reports the closest existing
 * ancestor instead (still a valid path): when it maps a result to a $ref's target it
 * percent-encodes the segments after the $ref without decoding them back, so a key with a character other than [A-Za-z0-9_.!~*'()/-] there (a space,
 * `{`, `é`...) is not found; a $ref pointer with a percent-escape is not decoded either.
 */
function spectralBlursPaths(doc: unknown): boolean {
  let refs = false;
  let encodableKey = false;
  const seen = new Set<unknown>();
  const walk = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return false;
    seen.add(node);
    for (const [key, child] of Object.entries(node)) {
      if (key === '$ref' && typeof child === 'string') {
        if (/[%~]/.test(child)) return true;
        refs = true;
      }
      if (/[^A-Za-z0-9_.!~*'()/-]/.test(key)) encodableKey = true;
      if (walk(child)) return true;
    }
    return false;
  };
  return walk(doc) || (refs && encodableKey);
}

const isStringSchema = (node: unknown) =>
  isObj(node) && (node.type === 'string' || (Array.isArray(node.type) && node.type.includes('string')));

/**
 * Each rule's finding must point at the thing its message is about, not at an ancestor. Rules
 * without a precise predicate here must at least point below the document root.
 */
const PRECISE_SUBJECT: Record<string, (node: unknown, path: JsonPath) => boolean> = {
  'specguard-string-max-length': node => isStringSchema(node),
  'specguard-operation-security': (node, path) => {
    const last = String(path[path.length - 1]);
    return (isObj(node) && METHODS['3.1'].includes(last)) || path.map(String).includes('security') || last === 'x-specguard-public';
  },
  'specguard-server-https': (node, path) => typeof node === 'string' && ['url', 'schemes'].some(k => path.map(String).includes(k)),
  'specguard-no-http-basic': (node, path) => typeof node === 'string' && ['type', 'scheme'].includes(String(path[path.length - 1])),
  'specguard-no-api-key-in-url': (node, path) => typeof node === 'string' && path[path.length - 1] === 'in',
};
const SUBJECT: Record<string, (node: unknown, path: JsonPath) => boolean> = Object.fromEntries(
  RULE_CODES.map(code => [code, PRECISE_SUBJECT[code] ?? ((_: unknown, path: JsonPath) => path.length > 0)]),
);

/** Valid documents get only specguard findings, each at its subject (where Spectral can report exact paths). */
function checkSubjects(findings: Finding[], data: unknown, doc: Obj): number {
  const exact = !spectralBlursPaths(doc);
  let checked = 0;
  for (const f of findings) {
    const where = `${f.code} ${JSON.stringify(f.path)}: ${f.message}`;
    expect(Object.keys(SUBJECT), `unexpected finding on a valid document: ${where}`).toContain(f.code);
    const resolved = resolvePath(data, f.path);
    if (exact && resolved.ok) {
      expect(SUBJECT[f.code](resolved.node, f.path), `finding does not point at its subject: ${where}`).toBe(true);
      checked++;
    }
  }
  return checked;
}

/** The document without its generated extensions (`x-ext-` keys), or the document itself when it has none. */
function stripExtensions(doc: Obj): Obj {
  let found = false;
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (!isObj(value)) return value;
    const entries = Object.entries(value).filter(([key]) => !(key.startsWith(EXT_PREFIX) && (found = true)));
    return Object.fromEntries(entries.map(([key, child]) => [key, strip(child)]));
  };
  const plain = strip(doc) as Obj;
  return found ? plain : doc;
}

/** What must not depend on how the document is written: everything but the range. */
const essence = (findings: Finding[]) =>
  findings.map(({ code, message, path, severity }) => JSON.stringify({ code, message, path: path.map(String), severity })).sort();

// ---------------------------------------------------------------------------------------------
// Document index helpers
// ---------------------------------------------------------------------------------------------

/** Replaces every local $ref object by its target, in place on a fresh copy: shared and cyclic, as Spectral resolves. */
function resolveInMemory(doc: Obj): Obj {
  const root = structuredClone(doc);
  const lookup = (ref: string): unknown => {
    const path = decodePointer(ref);
    if (path === null) return undefined;
    let node: unknown = root;
    for (const key of path) node = isObj(node) && hasOwn(node, key) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
    return node;
  };
  // Follow chains of $ref-only objects to a real target; a pure $ref cycle stays as it is.
  const target = (value: unknown): unknown => {
    const seen = new Set<unknown>();
    let node = value;
    while (isObj(node) && typeof node.$ref === 'string' && !seen.has(node)) {
      seen.add(node);
      const next = lookup(node.$ref);
      if (next === undefined) return node;
      node = next;
    }
    return node;
  };
  const visited = new Set<unknown>();
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || visited.has(node)) return;
    visited.add(node);
    const container = node as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const child = container[key];
      if (isObj(child) && typeof child.$ref === 'string') container[key] = target(child);
      walk(container[key]);
    }
  };
  walk(root);
  return root;
}

/** The value at a path, by identity, or a marker when the path does not exist. */
const MISSING = Symbol('missing');
function at(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (Array.isArray(node) && typeof key === 'number' && key >= 0 && key < node.length) node = node[key];
    else if (isObj(node) && typeof key === 'string' && hasOwn(node, key)) node = node[key];
    else return MISSING;
  }
  return node;
}

const ROLES = new Set(['request-body', 'response-body', 'parameter', 'header']);

/**
 * Invariants of the index of `root`. With `extensionsStayPut` (no mutation moved an object that has
 * generated `x-ext-` keys into a name map such as `properties`), also: the index reads nothing
 * inside a specification extension.
 */
function checkIndex(root: Obj, index: DocumentIndex, extensionsStayPut = true): void {
  // Plain checks, not expect(): the values are cyclic graphs, which assertion messages cannot print.
  const check = (ok: boolean, message: () => string) => {
    if (!ok) throw new Error(`document index: ${message()}`);
  };
  const show = (p: JsonPath) => JSON.stringify(p);
  const checkPath = (p: JsonPath, what: string, expected: unknown) => {
    check(at(root, p) === expected, () => `${what} path ${show(p)} does not lead to its object`);
    if (extensionsStayPut) {
      const extension = p.find(seg => typeof seg === 'string' && seg.startsWith(EXT_PREFIX));
      check(extension === undefined, () => `${what} path ${show(p)} goes into the extension ${String(extension)}`);
    }
  };
  for (const op of index.operations) {
    check(
      op.kind === 'path' && op.path.length === 3 && op.path[0] === 'paths' && op.path[1] === op.pathKey && op.path[2] === op.method,
      () => `operation path ${show(op.path)}`,
    );
  }
  for (const op of index.outboundOperations) {
    const [last, secondLast] = [op.path[op.path.length - 1], op.path[op.path.length - 2]];
    check(last === op.method && secondLast === op.pathKey, () => `outbound operation path ${show(op.path)}`);
    if (op.kind === 'webhook')
      check(op.path.length === 3 && op.path[0] === 'webhooks' && op.callback === undefined, () => `webhook path ${show(op.path)}`);
    else {
      const callback = op.callback;
      check(op.kind === 'callback' && callback !== undefined && callback.expression === op.pathKey, () => `callback ${show(op.path)}`);
      const parentPath = callback?.parent?.path ?? ['components'];
      check(
        show(op.path.slice(0, parentPath.length + 2)) === show([...parentPath, 'callbacks', callback?.name ?? '']),
        () => `callback path ${show(op.path)} is not under its parent`,
      );
    }
  }
  for (const op of [...index.operations, ...index.outboundOperations]) {
    checkPath(op.path, 'operation', op.operation);
    for (const { parameter, path } of op.parameters) checkPath(path, 'parameter', parameter);
    if (op.security.path !== null) {
      const list = at(root, op.security.path);
      checkPath(op.security.path, 'security list', list);
      check(Array.isArray(list), () => `security path ${show(op.security.path as JsonPath)} is no list`);
    }
    for (const { requirement, path, schemes } of op.security.requirements) {
      checkPath(path, 'security requirement', requirement);
      check(schemes.length === Object.keys(requirement).length, () => `schemes of requirement ${show(path)}`);
      for (const scheme of schemes) {
        checkPath(scheme.path, 'required scheme', requirement[scheme.name]);
        check(
          scheme.scheme === undefined || scheme.scheme.name === scheme.name,
          () => `required scheme ${show(scheme.path)} resolved to another name`,
        );
      }
    }
    const anonymous = op.security.requirements.length === 0 || op.security.requirements.some(r => Object.keys(r.requirement).length === 0);
    check(op.security.allowsAnonymous === anonymous, () => `allowsAnonymous of ${show(op.path)}`);
    for (const response of op.responses) {
      checkPath(response.path, 'response', response.response);
      check(!response.status.startsWith('x-'), () => `response ${show(response.path)} is an extension`);
      for (const { path, header } of response.headers) checkPath(path, 'response header', header);
      for (const { path, schema } of response.content) if (schema !== undefined) checkPath([...path, 'schema'], 'response schema', schema);
    }
  }
  for (const { scopes } of index.securitySchemes)
    for (const { path, description } of scopes) checkPath(path, 'declared scope', description);
  for (const { scheme, path } of index.securitySchemes) checkPath(path, 'security scheme', scheme);
  for (const server of index.servers) {
    const found = at(root, server.path);
    checkPath(server.path, 'server', found);
    check(isObj(found) && found.url === server.url, () => `server ${show(server.path)} has another url`);
  }
  for (const [schema, entry] of index.schemas) {
    const path = entry.path;
    check(entry.schema === schema, () => `schema entry ${show(path)} keyed by another schema`);
    checkPath(path, 'schema entry', schema);
    const outboundRoles = entry.outboundRoles ?? new Set();
    check(
      (entry.roles.size + outboundRoles.size > 0 || entry.unreached === true) &&
        [...entry.roles, ...outboundRoles].every(role => ROLES.has(role)),
      () => `roles of ${show(path)}: ${[...entry.roles].join()}`,
    );
    // Every role comes with a usage of that role, and every usage starts at an indexed schema that lists it.
    const usages = entry.usages;
    for (const role of entry.roles)
      check(
        usages.some(u => u.role === role && u.operation.kind === 'path'),
        () => `no ${role} usage of ${show(path)}`,
      );
    for (const role of outboundRoles)
      check(
        usages.some(u => u.role === role && u.operation.kind !== 'path'),
        () => `no outbound ${role} usage of ${show(path)}`,
      );
    for (const usage of usages) {
      check(
        (usage.operation.kind === 'path' ? entry.roles : outboundRoles).has(usage.role),
        () => `usage role ${usage.role} of ${show(path)} is not among its roles`,
      );
      checkPath(usage.path, 'usage', usage.schema);
      check(
        index.schemas.get(usage.schema)?.usages.includes(usage) === true,
        () => `usage of ${show(path)} is not a usage of the schema it starts at`,
      );
    }
    check(entry.label === undefined || typeof entry.label === 'string', () => `label of ${show(path)}`);
    check(
      entry.propertyName === undefined || (path[path.length - 2] === 'properties' && path[path.length - 1] === entry.propertyName),
      () => `propertyName ${entry.propertyName} at ${show(path)}`,
    );
    const group = index.allOfPeers.group(schema);
    if (group !== undefined) {
      check(group.includes(schema) && group.length >= 2, () => `allOf group of ${show(path)} lacks the schema or is a single`);
      check(
        group.every(member => index.allOfPeers.group(member) === group),
        () => `allOf group of ${show(path)} differs between its members`,
      );
    }
    if (Array.isArray(schema.allOf)) {
      for (const branch of schema.allOf) {
        if (isObj(branch) && branch !== schema)
          check(group?.includes(branch) === true, () => `an allOf branch of ${show(path)} is not its peer`);
      }
    }
  }
}

/** Random mutations of a document: any value replaced by junk, or by a link to another node (sharing, cycles). */
const junk = fc.oneof(
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
const mutations = fc.array(
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

function mutate(doc: Obj, plan: Array<[number, number, { value: unknown } | { link: number }]>, allowLinks: boolean): Obj {
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

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('property: the recommended ruleset on random valid documents', () => {
  it(
    'never throws or lets a rule throw; findings have valid paths and ranges; the same text lints identically; JSON and YAML agree',
    async () => {
      const codes = new Map<string, number>();
      let viaRefs = 0;
      let documents = 0;
      let subjectsChecked = 0;
      await fc.assert(
        fc.asyncProperty(anyDocument, styleArb, async ({ version, doc }, style) => {
          const other: Style = { ...style, format: style.format === 'json' ? 'yaml' : 'json' };
          const text = serialize(doc, style);
          const source = style.format === 'json' ? 'spec.json' : 'spec.yaml';
          const first = await lintChecked(text, source);
          const data = parseSpec(text, source).document.data;
          viaRefs += checkFindings(first, text, data);
          subjectsChecked += checkSubjects(first, data, doc);
          // (5) the same text twice: identical results.
          const second = await lintChecked(text, source);
          expect(JSON.stringify(second)).toBe(JSON.stringify(first));
          // The other serialization of the same document: the same findings, at its own positions.
          const otherText = serialize(doc, other);
          const otherSource = other.format === 'json' ? 'spec.json' : 'spec.yaml';
          const otherFindings = await lintChecked(otherText, otherSource);
          checkFindings(otherFindings, otherText, parseSpec(otherText, otherSource).document.data);
          expect(essence(otherFindings), `${version}: ${style.format} and ${other.format} disagree`).toEqual(essence(first));
          // Specification extensions change nothing: the same findings without them.
          const plain = stripExtensions(doc);
          if (plain !== doc) {
            const plainFindings = await lintChecked(serialize(plain, style), source);
            expect(essence(plainFindings), `${version}: extensions changed the findings`).toEqual(essence(first));
          }
          documents++;
          for (const f of first) codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
        }),
        params(100),
      );
      if (process.env.SPECGUARD_PROPERTY_STATS) console.log({ documents, viaRefs, subjectsChecked, codes: Object.fromEntries(codes) });
      // The generators must reach every rule, or the property proves little about it.
      for (const code of [
        'specguard-server-https',
        'specguard-no-http-basic',
        'specguard-no-api-key-in-url',
        'specguard-operation-security',
        'specguard-string-max-length',
      ]) {
        expect(codes.get(code) ?? 0, `no ${code} finding in ${documents} documents`).toBeGreaterThan(0);
      }
      // Spectral maps a result reached through a $ref to the $ref's target: paths never need one.
      expect(viaRefs).toBe(0);
    },
    LINT_TIMEOUT,
  );

  it(
    'odd but lintable documents (values replaced by junk) never make a rule throw, and findings still point into the document',
    async () => {
      let linted = 0;
      await fc.assert(
        fc.asyncProperty(anyDocument, mutations, fc.constantFrom<'json' | 'yaml'>('json', 'yaml'), async ({ doc }, plan, format) => {
          const mutated = mutate(doc, plan, false);
          fc.pre(typeof mutated.openapi === 'string' || typeof mutated.swagger === 'string');
          const text = serialize(mutated, {
            format,
            indent: 2,
            flowDepth: 6,
            compactSequences: false,
            crlf: false,
            bom: false,
            preamble: false,
          });
          const source = format === 'json' ? 'spec.json' : 'spec.yaml';
          let findings: Finding[];
          try {
            findings = await lintOne({ content: text, source });
          } catch (error) {
            if (error instanceof InputError) return; // e.g. the version field was replaced
            throw error;
          }
          // Broken $refs are Spectral's invalid-ref findings; they must still be well-formed.
          checkFindings(findings, text, parseSpec(text, source).document.data);
          linted++;
        }),
        params(60),
      );
      if (process.env.SPECGUARD_PROPERTY_STATS) console.log({ linted });
      expect(linted).toBeGreaterThan(runs(60) / 2);
    },
    LINT_TIMEOUT,
  );
});

describe('property: the document index', () => {
  it(
    'on generated documents, unresolved: never throws; every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, ({ doc }) => {
          checkIndex(doc, getDocumentIndex(doc));
        }),
        params(500),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on generated documents with $refs resolved in memory (shared and circular objects): every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, ({ doc }) => {
          const resolved = resolveInMemory(doc);
          checkIndex(resolved, getDocumentIndex(resolved));
        }),
        params(500),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on mutated documents (junk values, random links making cycles and sharing): never throws; every entry path leads to its object',
    () => {
      fc.assert(
        fc.property(anyDocument, mutations, fc.boolean(), ({ doc }, plan, resolveFirst) => {
          const mutated = mutate(resolveFirst ? resolveInMemory(doc) : doc, plan, true);
          checkIndex(mutated, getDocumentIndex(mutated), !plan.some(([, , change]) => 'link' in change));
        }),
        params(600),
      );
    },
    INDEX_TIMEOUT,
  );

  it(
    'on arbitrary values: never throws',
    () => {
      const key = fc.oneof(
        fc.constantFrom(
          ...KEYWORDS,
          ...METHODS['3.1'],
          '/a',
          '/{id}',
          '200',
          'default',
          'application/json',
          'x-specguard-public',
          '$ref',
          'hasOwnProperty',
          '__proto__',
        ),
        anyName,
      );
      const value = fc.letrec<{ value: unknown }>(tie => ({
        value: fc.oneof(
          { depthSize: 'small', maxDepth: 6 },
          fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), text),
          fc.array(tie('value'), { maxLength: 4 }),
          dict(key, tie('value'), 5),
        ),
      })).value;
      const root = fc.tuple(
        fc.constantFrom({ openapi: '3.0.3' }, { openapi: '3.1.0' }, { swagger: '2.0' }, { openapi: 3.1 }, { swagger: 2 }, {}),
        dict(key, value, 8),
      );
      fc.assert(
        fc.property(root, ([header, body]) => {
          const doc = { ...body, ...header } as Obj;
          checkIndex(doc, getDocumentIndex(doc));
        }),
        params(600),
      );
    },
    INDEX_TIMEOUT,
  );
});

/**
 * Problems the properties found outside specguard's rule code, written as the smallest documents
 * that show them. Each test asserts the correct behaviour and is marked `.fails` while the problem
 * lasts: when one starts failing, the problem is fixed; drop its `.fails` and widen the generators
 * (see the notes on KEYWORDS and ODD above).
 */
describe('known problems found by the properties', () => {
  const lintJson = (doc: Obj) => lintOne({ content: JSON.stringify(doc), source: 'spec.json' });
  const HEAD = { openapi: '3.0.3', info: { title: 't', version: '1' } };
  const secured = { security: [{ key: [] }], components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } } };

  it('an object key named "hasOwnProperty" is refused with a clear, located message (it breaks @stoplight/json-ref-resolver)', async () => {
    // crawler.js: `for (const key in target) if (!target.hasOwnProperty(key))`
    await expect(lintJson({ ...HEAD, paths: {}, 'x-a': { hasOwnProperty: 1 } })).rejects.toThrow(
      /^.*spec\.json:1:\d+: a key named "hasOwnProperty" breaks Spectral's \$ref resolver \(an upstream limitation\); rename it to lint this file$/,
    );
  });

  it.fails(
    'a key with a percent-escape (/%41) in a document with a $ref is reported twice, once under a path that does not exist (/A)',
    async () => {
      const doc = {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        paths: { '/%41': { get: { responses: { '200': { description: 'ok', schema: { $ref: '#/definitions/A' } } } } } },
        definitions: { A: {} },
      };
      const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-operation-security');
      expect(findings.map(f => f.path)).toEqual([['paths', '/%41', 'get']]);
    },
  );

  it.fails('a finding under a $ref, at a key Spectral percent-encodes (a space, {, é...), is reported at the parent instead', async () => {
    const doc = {
      ...HEAD,
      ...secured,
      paths: { '/a': { post: { requestBody: { $ref: '#/components/requestBodies/B' }, responses: {} } } },
      components: {
        ...secured.components,
        requestBodies: { B: { content: { 'application/json': { schema: { properties: { 'first name': { type: 'string' } } } } } } },
      },
    };
    const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-string-max-length');
    expect(findings.map(f => f.path)).toEqual([
      ['components', 'requestBodies', 'B', 'content', 'application/json', 'schema', 'properties', 'first name'],
    ]);
  });

  it('a finding at a key containing "~1" or "~0" keeps its exact path (Spectral decodes result path segments; rule-kit escapes them)', async () => {
    const doc = { ...HEAD, paths: { '/a~1b': { get: { responses: {} } } } };
    const findings = (await lintJson(doc)).filter(f => f.code === 'specguard-operation-security');
    expect(findings.map(f => f.path)).toEqual([['paths', '/a~1b', 'get']]);
  });
});

describe.runIf(process.env.SPECGUARD_PROPERTY_STATS)('generator statistics (SPECGUARD_PROPERTY_STATS=1)', () => {
  it('prints document sizes and generation time', () => {
    const t0 = performance.now();
    const docs = fc.sample(anyDocument, { seed: SEED, numRuns: 100 });
    const t1 = performance.now();
    const sizes = docs.map(({ doc }) => JSON.stringify(doc).length).sort((a, b) => a - b);
    console.log(`generated 100 documents in ${Math.round(t1 - t0)} ms; JSON size median ${sizes[50]}, p90 ${sizes[90]}, max ${sizes[99]}`);
    const cyclic = (root: unknown): boolean => {
      const onPath = new Set<unknown>();
      const done = new Set<unknown>();
      const visit = (node: unknown): boolean => {
        if (typeof node !== 'object' || node === null || done.has(node)) return false;
        if (onPath.has(node)) return true;
        onPath.add(node);
        const found = Object.values(node).some(visit);
        onPath.delete(node);
        done.add(node);
        return found;
      };
      return visit(root);
    };
    const count = (pred: (doc: Obj, text: string) => boolean) => docs.filter(({ doc }) => pred(doc, JSON.stringify(doc))).length;
    console.log({
      versions: Object.fromEntries(VERSIONS.map(v => [v, docs.filter(d => d.version === v).length])),
      withRefs: count((_, t) => t.includes('"$ref":"#')),
      circular: count(doc => cyclic(resolveInMemory(doc))),
      booleanSchemas: count((_, t) => /"(schema|items|additionalProperties|not)":(true|false)/.test(t)),
      typeArrays: count((_, t) => /"type":\[/.test(t)),
      emptySecurity: count((_, t) => t.includes('"security":[]')),
      anonymousSecurity: count((_, t) => t.includes('"security":[{}')),
      serverVariables: count((_, t) => t.includes('"variables":{"')),
      extensions: count((_, t) => t.includes(`"${EXT_PREFIX}`)),
      longKeys: count((_, t) => /"[^"]{1001,}":/.test(t)),
      callbacks: count((_, t) => t.includes('"callbacks":{"')),
      webhooks: count((_, t) => t.includes('"webhooks":{"')),
    });
  }, 600_000);
});
