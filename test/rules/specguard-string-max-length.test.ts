import { describe, expect, it } from 'vitest';
import { isLengthBoundedPattern } from '../../functions/stringMaxLength.js';
import { findingOf, findingsOf, ruleDefinition, rulesetOverriding, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { versionCases } from '../spec-builders.js';
import { HEAD, MAX_LENGTH_HINT } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-string-max-length';
const FUNCTION = ruleDefinition(CODE).functionName;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;
type Version = (typeof VERSIONS)[number];
type Json = Record<string, unknown>;
type Path = string[];

const message = (name: string) =>
  `${name} is a string without maxLength: add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.`;
const finding = (name: string, p: Path) => findingOf(CODE)(message(name), p);

/*
 * Documents are built as objects and linted as JSON (JSON is YAML), so one case is written once
 * for every version: the helpers below put a schema where each version keeps it.
 */
const OK = { description: 'ok' };

/** A whole document: `paths` plus named component schemas (`definitions` in 2.0). */
function doc(version: Version, paths: Json, schemas: Json = {}): string {
  const header = version === '2.0' ? { swagger: '2.0' } : { openapi: version === '3.0' ? '3.0.3' : '3.1.0' };
  const components = version === '2.0' ? { definitions: schemas } : { components: { schemas } };
  return JSON.stringify({ ...header, info: { title: 't', version: '1' }, security: [{ key: [] }], paths, ...components }, null, 2);
}

const ref = (version: Version, name: string) => ({ $ref: version === '2.0' ? `#/definitions/${name}` : `#/components/schemas/${name}` });
const componentPath = (version: Version, name: string): Path =>
  version === '2.0' ? ['definitions', name] : ['components', 'schemas', name];

/** An operation whose request body is `schema`. */
function bodyOp(version: Version, schema: unknown, responseSchema?: unknown): Json {
  const responses = { '200': responseSchema === undefined ? OK : responseOf(version, responseSchema) };
  return version === '2.0'
    ? { parameters: [{ name: 'body', in: 'body', schema }], responses }
    : { requestBody: { content: { 'application/json': { schema } } }, responses };
}
/** Where bodyOp puts the request body schema of POST /users. */
const bodyPath = (version: Version, p = '/users', method = 'post'): Path =>
  version === '2.0'
    ? ['paths', p, method, 'parameters', '0', 'schema']
    : ['paths', p, method, 'requestBody', 'content', 'application/json', 'schema'];

function responseOf(version: Version, schema: unknown, headers?: Json): Json {
  return version === '2.0'
    ? { ...OK, schema, ...(headers ? { headers } : {}) }
    : { ...OK, content: { 'application/json': { schema } }, ...(headers ? { headers } : {}) };
}

/** A non-body parameter with the given schema keywords (OAS2 puts them on the parameter itself). */
function param(version: Version, name: string, where: string, schema: Json): Json {
  return version === '2.0'
    ? { name, in: where, ...(where === 'path' ? { required: true } : {}), ...schema }
    : { name, in: where, ...(where === 'path' ? { required: true } : {}), schema };
}
/** Path of the i-th parameter's schema of GET /users. */
const paramPath = (version: Version, i: number, p = '/users', method = 'get'): Path =>
  version === '2.0' ? ['paths', p, method, 'parameters', String(i)] : ['paths', p, method, 'parameters', String(i), 'schema'];

const post = (version: Version, schema: unknown, responseSchema?: unknown) => ({
  '/users': { post: bodyOp(version, schema, responseSchema) },
});
const getWith = (version: Version, ...parameters: Json[]) => ({ '/users': { get: { parameters, responses: { '200': OK } } } });

const str = (extra: Json = {}) => ({ type: 'string', ...extra });
const obj = (properties: Json, extra: Json = {}) => ({ type: 'object', properties, ...extra });

interface Case {
  name: string;
  only?: Version[];
  paths: (v: Version) => Json;
  schemas?: (v: Version) => Json;
  expected?: (v: Version) => ReturnType<typeof finding>[];
  ruleset?: RuleCase['ruleset'];
}

const VALID: Case[] = [
  {
    name: 'an email field: specguard-field-formats owns its length bound',
    paths: v => post(v, obj({ email: str({ format: 'email' }) })),
  },
  {
    name: 'a password query parameter: specguard-credential-in-url owns it',
    paths: v => getWith(v, param(v, 'password', 'query', str())),
  },
  {
    name: 'response-only strings (body)',
    paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ name: str() })) } } } }),
  },
  {
    name: 'response-only strings (headers)',
    paths: v => ({
      '/users': { get: { responses: { '200': responseOf(v, obj({}), { 'X-Request-Id': v === '2.0' ? str() : { schema: str() } }) } } },
    }),
  },
  { name: 'maxLength on a body property', paths: v => post(v, obj({ name: str({ maxLength: 100 }) })) },
  { name: 'maxLength: 0 still bounds', paths: v => post(v, obj({ name: str({ maxLength: 0 }) })) },
  { name: 'maxLength on a query parameter', paths: v => getWith(v, param(v, 'q', 'query', str({ maxLength: 64 }))) },
  { name: 'enum', paths: v => post(v, obj({ status: str({ enum: ['active', 'disabled'] }) })) },
  { name: 'const', paths: v => post(v, obj({ kind: str({ const: 'user' }) })) },
  ...['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'binary'].map((format): Case => ({
    name: `format: ${format}`,
    paths: v => post(v, obj({ value: str({ format }) })),
  })),
  { name: 'format: date on a query parameter', paths: v => getWith(v, param(v, 'since', 'query', str({ format: 'date' }))) },
  {
    name: 'format: date-time-local and time-local (RAML datetime-only, time-only) on query parameters',
    paths: v =>
      getWith(v, param(v, 'at', 'query', str({ format: 'date-time-local' })), param(v, 'from', 'query', str({ format: 'time-local' }))),
  },
  { name: 'an anchored, bounded pattern ^[a-z]{1,8}$', paths: v => post(v, obj({ code: str({ pattern: '^[a-z]{1,8}$' }) })) },
  { name: 'an anchored pattern with escapes ^[A-Z]{2}-\\d{4}$', paths: v => post(v, obj({ code: str({ pattern: '^[A-Z]{2}-\\d{4}$' }) })) },
  { name: 'anchored alternatives ^(?:a|bc)$', paths: v => post(v, obj({ code: str({ pattern: '^(?:a|bc)$' }) })) },
  { name: 'a lookahead with * inside a bounded pattern', paths: v => post(v, obj({ pin: str({ pattern: '^(?=.*\\d)[a-z\\d]{8,64}$' }) })) },
  { name: 'readOnly property in a request body', paths: v => post(v, obj({ id: str({ readOnly: true }), name: str({ maxLength: 10 }) })) },
  {
    name: 'readOnly property of a component used as request and response',
    paths: v => post(v, ref(v, 'User'), ref(v, 'User')),
    schemas: () => ({ User: obj({ id: str({ readOnly: true }), name: str({ maxLength: 50 }) }) }),
  },
  {
    name: 'maxLength supplied through an allOf sibling',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { properties: { name: { maxLength: 50 } } }] }),
    schemas: () => ({ Base: obj({ name: str() }) }),
  },
  {
    name: 'a component used only through an allOf composition that bounds it',
    paths: v => ({ '/users': { post: bodyOp(v, ref(v, 'NewUser')) } }),
    schemas: v => ({
      NewUser: { allOf: [ref(v, 'UserBase'), { properties: { name: { maxLength: 100 } } }] },
      UserBase: obj({ name: str() }),
    }),
  },
  {
    name: 'a component used only in responses, beside an unreached bounded one',
    paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, ref(v, 'User')) } } } }),
    schemas: () => ({ User: obj({ name: str() }), Draft: obj({ name: str({ maxLength: 5 }) }) }),
  },
  {
    name: 'maxLength supplied through a nested allOf',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { allOf: [{ properties: { name: { maxLength: 50 } } }] }] }),
    schemas: () => ({ Base: obj({ name: str() }) }),
  },
  {
    name: 'maxLength next to an allOf of a $ref',
    paths: v => post(v, obj({ name: { allOf: [ref(v, 'Name')], maxLength: 50 } })),
    schemas: () => ({ Name: str() }),
  },
  {
    name: 'a $ref chain ending in a bounded string',
    paths: v => post(v, obj({ name: ref(v, 'Name') })),
    schemas: v => ({ Name: ref(v, 'Name2'), Name2: ref(v, 'Name3'), Name3: str({ maxLength: 80 }) }),
  },
  {
    name: 'non-string types',
    paths: v =>
      post(v, obj({ n: { type: 'integer' }, b: { type: 'boolean' }, untyped: {}, list: { type: 'array', items: { type: 'integer' } } })),
  },
  { name: 'a string inside `not`', paths: v => post(v, obj({ name: str({ maxLength: 5, not: str() }) })) },
  {
    name: 'a schema property named "parameters" with a bounded "name" (the peer ruleset crash)',
    paths: v => post(v, obj({ parameters: obj({ name: str({ maxLength: 20 }), in: str({ enum: ['query'] }) }), responses: obj({}) })),
  },
  {
    name: 'OAS2 formData parameter with maxLength',
    only: ['2.0'],
    paths: v => getWith(v, param(v, 'f', 'formData', str({ maxLength: 10 }))),
  },
  { name: 'OAS2 file upload (type: file)', only: ['2.0'], paths: v => getWith(v, { name: 'f', in: 'formData', type: 'file' }) },
  {
    name: 'OAS2 array parameter with bounded items',
    only: ['2.0'],
    paths: v => getWith(v, param(v, 'tags', 'query', { type: 'array', items: str({ maxLength: 20 }) })),
  },
  {
    name: 'OAS 3.1 raw content (contentMediaType without contentEncoding)',
    only: ['3.1'],
    paths: v => post(v, obj({ file: str({ contentMediaType: 'image/png' }) })),
  },
  { name: 'OAS 3.1 boolean schemas', only: ['3.1'], paths: v => post(v, obj({ anything: true, nothing: false })) },
  {
    name: 'a nullable 3.0 string with maxLength',
    only: ['3.0'],
    paths: v => post(v, obj({ nick: str({ nullable: true, maxLength: 30 }) })),
  },
  {
    name: 'a 3.1 [string, null] with maxLength',
    only: ['3.1'],
    paths: v => post(v, obj({ nick: { type: ['string', 'null'], maxLength: 30 } })),
  },
];

const INVALID: Case[] = [
  {
    name: 'a request body property',
    paths: v => post(v, obj({ name: str() })),
    expected: v => [finding('Property "name"', [...bodyPath(v), 'properties', 'name'])],
  },
  {
    name: 'a string request body',
    paths: v => post(v, str()),
    expected: v => [finding('Request body', bodyPath(v))],
  },
  {
    name: 'a string in both request and response is still an input',
    paths: v => post(v, ref(v, 'Note'), ref(v, 'Note')),
    schemas: () => ({ Note: obj({ text: str() }) }),
    expected: v => [finding('Property "text"', [...componentPath(v, 'Note'), 'properties', 'text'])],
  },
  {
    name: 'query, path and header parameters',
    paths: v => ({
      '/users/{id}': {
        get: {
          parameters: [param(v, 'id', 'path', str()), param(v, 'q', 'query', str()), param(v, 'X-Trace', 'header', str())],
          responses: { '200': OK },
        },
      },
    }),
    expected: v => [
      finding('Parameter "id"', paramPath(v, 0, '/users/{id}')),
      finding('Parameter "q"', paramPath(v, 1, '/users/{id}')),
      finding('Parameter "X-Trace"', paramPath(v, 2, '/users/{id}')),
    ],
  },
  {
    name: 'a path-level parameter, reported once for every operation that uses it',
    paths: v => ({
      '/users': {
        parameters: [param(v, 'tenant', 'query', str())],
        get: { responses: { '200': OK } },
        delete: { responses: { '200': OK } },
      },
    }),
    expected: v => [
      finding(
        'Parameter "tenant"',
        v === '2.0' ? ['paths', '/users', 'parameters', '0'] : ['paths', '/users', 'parameters', '0', 'schema'],
      ),
    ],
  },
  {
    name: 'an unbounded pattern ^[a-z]+$',
    paths: v => post(v, obj({ code: str({ pattern: '^[a-z]+$' }) })),
    expected: v => [finding('Property "code"', [...bodyPath(v), 'properties', 'code'])],
  },
  {
    name: 'a pattern that is not anchored at both ends',
    paths: v =>
      post(
        v,
        obj({
          a: str({ pattern: '[a-z]{1,8}' }),
          b: str({ pattern: '^[a-z]{1,8}' }),
          c: str({ pattern: '^a|b$' }),
          d: str({ pattern: '^a{1,}$' }),
        }),
      ),
    expected: v => ['a', 'b', 'c', 'd'].map(p => finding(`Property "${p}"`, [...bodyPath(v), 'properties', p])),
  },
  {
    name: 'a format that does not bound length (byte, uri)',
    paths: v => post(v, obj({ blob: str({ format: 'byte' }), link: str({ format: 'uri' }) })),
    expected: v => ['blob', 'link'].map(p => finding(`Property "${p}"`, [...bodyPath(v), 'properties', p])),
  },
  {
    name: 'the same inline body written out under application/json and application/xml: one finding, under JSON',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/users': {
        post: {
          requestBody: {
            content: {
              'application/json': { schema: obj({ title: str() }) },
              'application/xml': { schema: obj({ title: str() }) },
            },
          },
          responses: { '200': OK },
        },
      },
    }),
    expected: v => [finding('Property "title"', [...bodyPath(v), 'properties', 'title'])],
  },
  {
    name: 'an email field with specguard-field-formats off (on, that rule asks for its length)',
    paths: v => post(v, obj({ email: str({ format: 'email' }) })),
    ruleset: rulesetOverriding({ 'specguard-field-formats': 'off' }),
    expected: v => [finding('Property "email"', [...bodyPath(v), 'properties', 'email'])],
  },
  {
    name: 'a password query parameter with specguard-credential-in-url and specguard-field-formats off',
    paths: v => getWith(v, param(v, 'password', 'query', str())),
    ruleset: rulesetOverriding({ 'specguard-credential-in-url': 'off', 'specguard-field-formats': 'off' }),
    expected: v => [finding('Parameter "password"', paramPath(v, 0))],
  },
  {
    name: 'the same component used by five operations is reported once, at the component',
    paths: v =>
      Object.fromEntries([1, 2, 3, 4, 5].map(i => [`/things${i}`, { post: bodyOp(v, ref(v, 'Thing')), put: bodyOp(v, ref(v, 'Thing')) }])),
    schemas: () => ({ Thing: obj({ title: str() }) }),
    expected: v => [finding('Property "title"', [...componentPath(v, 'Thing'), 'properties', 'title'])],
  },
  {
    name: 'a $ref chain ending in an unbounded string is reported at its end',
    paths: v => post(v, obj({ name: ref(v, 'Name') })),
    schemas: v => ({ Name: ref(v, 'Name2'), Name2: str() }),
    expected: v => [finding('Property "name"', componentPath(v, 'Name2'))],
  },
  {
    name: 'array items in a body',
    paths: v => post(v, obj({ tags: { type: 'array', maxItems: 10, items: str() } })),
    expected: v => [finding('Each item of Property "tags"', [...bodyPath(v), 'properties', 'tags', 'items'])],
  },
  {
    name: 'a readOnly property is skipped, its writable sibling is not',
    paths: v => post(v, obj({ id: str({ readOnly: true }), name: str() })),
    expected: v => [finding('Property "name"', [...bodyPath(v), 'properties', 'name'])],
  },
  {
    name: 'allOf branches none of which bounds the property, reported once',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { properties: { name: { type: 'string', description: 'display name' } } }] }),
    schemas: () => ({ Base: obj({ name: str() }) }),
    expected: v => [finding('Property "name"', [...componentPath(v, 'Base'), 'properties', 'name'])],
  },
  {
    name: 'a schema property named "parameters" with an unbounded "name"',
    paths: v => post(v, obj({ parameters: obj({ name: str() }), paths: obj({}) })),
    expected: v => [finding('Property "name"', [...bodyPath(v), 'properties', 'parameters', 'properties', 'name'])],
  },
  {
    name: 'a circular schema',
    paths: v => post(v, ref(v, 'Node')),
    schemas: v => ({ Node: obj({ label: str(), children: { type: 'array', items: ref(v, 'Node') } }) }),
    expected: v => [finding('Property "label"', [...componentPath(v, 'Node'), 'properties', 'label'])],
  },
  {
    name: 'OAS2 formData and query parameters',
    only: ['2.0'],
    paths: v => getWith(v, param(v, 'f', 'formData', str()), param(v, 'q', 'query', str())),
    expected: v => [finding('Parameter "f"', paramPath(v, 0)), finding('Parameter "q"', paramPath(v, 1))],
  },
  {
    name: 'OAS2 array parameter items: {type: string}',
    only: ['2.0'],
    paths: v => getWith(v, param(v, 'tags', 'query', { type: 'array', collectionFormat: 'csv', items: str() })),
    expected: v => [finding('Each item of Parameter "tags"', [...paramPath(v, 0), 'items'])],
  },
  {
    name: 'OAS 3 parameter with content',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/users': {
        get: {
          parameters: [{ name: 'filter', in: 'query', content: { 'application/json': { schema: obj({ q: str() }) } } }],
          responses: { '200': OK },
        },
      },
    }),
    expected: () => [
      finding('Property "q"', ['paths', '/users', 'get', 'parameters', '0', 'content', 'application/json', 'schema', 'properties', 'q']),
    ],
  },
  {
    name: 'a nullable 3.0 string',
    only: ['3.0'],
    paths: v => post(v, obj({ nick: str({ nullable: true }) })),
    expected: v => [finding('Property "nick"', [...bodyPath(v), 'properties', 'nick'])],
  },
  {
    name: "a 3.1 type: [string, 'null']",
    only: ['3.1'],
    paths: v => post(v, obj({ nick: { type: ['string', 'null'] } })),
    expected: v => [finding('Property "nick"', [...bodyPath(v), 'properties', 'nick'])],
  },
  {
    name: 'a component bounded through an allOf composition and also used on its own is judged on its own there',
    paths: v => ({
      '/users': { post: bodyOp(v, ref(v, 'NewUser')) },
      '/users/{id}': { put: bodyOp(v, ref(v, 'UserBase')) },
    }),
    schemas: v => ({
      NewUser: { allOf: [ref(v, 'UserBase'), { properties: { name: { maxLength: 100 } } }] },
      UserBase: obj({ name: str() }),
    }),
    expected: v => [finding('Property "name"', [...componentPath(v, 'UserBase'), 'properties', 'name'])],
  },
  {
    name: 'a components-only file (a shared schema library), reported once at each definition',
    paths: () => ({}),
    schemas: v => ({
      Address: obj({ street: str(), id: str({ readOnly: true }), zip: str({ maxLength: 10 }) }),
      Customer: obj({ name: str(), address: ref(v, 'Address') }),
    }),
    expected: v => [
      finding('Property "street"', [...componentPath(v, 'Address'), 'properties', 'street']),
      finding('Property "name"', [...componentPath(v, 'Customer'), 'properties', 'name']),
    ],
  },
  {
    name: 'a 3.1 string with contentEncoding (base64 text has no bound)',
    only: ['3.1'],
    paths: v => post(v, obj({ file: str({ contentEncoding: 'base64', contentMediaType: 'image/png' }) })),
    expected: v => [finding('Property "file"', [...bodyPath(v), 'properties', 'file'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}traits:\n  searchable:\n    queryParameters:\n      q: string\n/things:\n  get:\n    is: [searchable]\n`,
  },
  expected: [{ file: 'api.raml', line: 6, severity: 'error', message: `Parameter "q" is a string without maxLength: ${MAX_LENGTH_HINT}` }],
  silent: {
    'api.raml': `${HEAD}traits:\n  searchable:\n    queryParameters:\n      q: {type: string, maxLength: 100}\n/things:\n  get:\n    is: [searchable]\n`,
  },
};

describe(CODE, () => {
  const build = (version: Version, c: Case) => doc(version, c.paths(version), c.schemas?.(version));
  runRuleCases(CODE, { valid: versionCases(VALID, build), invalid: versionCases(INVALID, build), raml: RAML });

  describe('options, through a user ruleset', () => {
    const ruleset = (functionOptions: unknown) => rulesetWithOptions(CODE, FUNCTION, functionOptions);

    it.each(VERSIONS)('boundedFormats and ignoredFormats replace the defaults (%s)', async version => {
      const file = ruleset({ boundedFormats: ['email'], ignoredFormats: [] });
      const spec = doc(
        version,
        post(version, obj({ email: str({ format: 'email' }), file: str({ format: 'binary' }), day: str({ format: 'date' }) })),
      );
      expect(await findingsOf(CODE, spec, { ruleset: file })).toEqual([
        finding('Property "file"', [...bodyPath(version), 'properties', 'file']),
        finding('Property "day"', [...bodyPath(version), 'properties', 'day']),
      ]);
    });

    it.each(VERSIONS)('unreachedSchemas: ignore leaves a components-only file alone (%s)', async version => {
      const spec = doc(version, {}, { Draft: obj({ name: str() }) });
      expect(await findingsOf(CODE, spec, { ruleset: ruleset({ unreachedSchemas: 'ignore' }) })).toEqual([]);
    });
  });
});

describe('isLengthBoundedPattern', () => {
  it.each([
    ['^[a-z]{1,8}$', true],
    ['^[A-Z]{2}[0-9]{1,8}$', true],
    ['^\\d{3}-\\d{4}$', true],
    ['^(?:yes|no)$', true],
    ['^a$|^bc$', true],
    ['^[+*]{1,3}$', true], // quantifier characters inside a class are literals
    ['^\\+\\*$', true], // and so are escaped ones
    ['^(?=.*[A-Z])[A-Za-z]{8,64}$', true],
    ['^\\\\$', true], // an escaped backslash, then the anchor
    ['^[a-z]+$', false],
    ['^.*$', false],
    ['^a{2,}$', false],
    ['^a|b$', false],
    ['[a-z]{1,8}', false],
    ['^[a-z]{1,8}', false],
    ['[a-z]{1,8}$', false],
    ['^abc\\$', false], // the final $ is escaped: not an anchor
    ['', false],
  ])('%s -> %s', (pattern, bounded) => {
    expect(isLengthBoundedPattern(pattern)).toBe(bounded);
  });
});
