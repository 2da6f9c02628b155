import { describe, expect, it } from 'vitest';
import {
  findingOf,
  findingsOf,
  firstRulesetWith,
  ruleDefinition,
  rulesetOverriding,
  rulesetWithOptions,
  runRuleCases,
} from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
  VERSIONS,
  versionCases,
} from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-string-content';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const BASE = firstRulesetWith(CODE);
const message = (name: string) =>
  `${name} is a string that accepts any characters: add a pattern, a format (uuid, date-time, email, uri...) or an enum, so injection payloads and control characters are rejected at the edge.`;

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'response-only strings', paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ name: str() })) } } } }) },
  { name: 'a readOnly string in a request body', paths: v => post(v, obj({ id: str({ readOnly: true }) })) },
  {
    name: 'a readOnly string of a component used as request and response',
    paths: v => post(v, ref(v, 'User'), ref(v, 'User')),
    schemas: () => ({ User: obj({ id: str({ readOnly: true }), role: str({ enum: ['a'] }) }) }),
  },
  ...['uuid', 'date-time', 'date', 'email', 'uri', 'binary'].map((format): SchemaCase<Finding> => ({
    name: `format: ${format}`,
    paths: v => post(v, obj({ value: str({ format }) })),
  })),
  { name: 'a pattern', paths: v => post(v, obj({ code: str({ pattern: '^[a-z]{1,8}$' }) })) },
  { name: 'an enum on a header parameter', paths: v => getWith(v, param(v, 'X-Mode', 'header', str({ enum: ['a', 'b'] }))) },
  { name: 'an enum on a path parameter', paths: v => getWith(v, param(v, 'kind', 'path', str({ enum: ['a', 'b'] }))) },
  { name: 'const', only: ['3.1'], paths: v => post(v, obj({ kind: str({ const: 'user' }) })) },
  {
    name: 'a pattern in an allOf branch',
    paths: v => post(v, { allOf: [ref(v, 'Base'), { properties: { code: { pattern: '^[a-z]+$' } } }] }),
    schemas: () => ({ Base: obj({ code: str() }) }),
  },
  {
    name: 'a $ref chain ending in a restricted string',
    paths: v => post(v, obj({ code: ref(v, 'Code') })),
    schemas: v => ({ Code: ref(v, 'Code2'), Code2: str({ format: 'uuid' }) }),
  },
  { name: 'an x- extension named like a property', paths: v => post(v, { ...obj({ a: str({ format: 'uuid' }) }), 'x-name': str() }) },
  { name: '3.1 raw content', only: ['3.1'], paths: v => post(v, str({ contentMediaType: 'image/png' })) },
  { name: 'non-string types', paths: v => post(v, obj({ n: { type: 'integer' }, b: { type: 'boolean' }, untyped: {} })) },
  {
    name: 'free text: names, descriptions, search terms, cursors, JSON text',
    paths: v => ({
      ...post(
        v,
        obj({ lastName: str(), description: str(), metadataValues: str(), comment: str(), streetAddress: str(), inputsJson: str() }),
      ),
      '/search': getWith(v, param(v, 'q', 'query', str()), param(v, 'nextPageToken', 'query', str()), param(v, 'nextPage', 'query', str()))[
        '/users'
      ],
    }),
  },
  {
    name: 'JSON text, said by the description of the property or the parameter',
    paths: v => ({
      ...post(v, obj({ settings: str({ description: 'A JSON object of settings' }) })),
      '/search': getWith(v, { ...param(v, 'inputs', 'query', str()), description: 'A JSON key-value map of inputs' })['/users'],
    }),
  },
  {
    name: 'free text in one lowercase word, a described name and an OAuth nonce (CyCAT searchquery, Storecove county, Flickr)',
    paths: v => ({
      ...post(v, obj({ county: str({ description: 'An optional county name' }) })),
      '/search/{searchquery}': getWith(v, param(v, 'searchquery', 'path', str()), param(v, 'oauth_nonce', 'query', str()))['/users'],
    }),
  },
  {
    name: 'the Authorization, Accept and Content-Type header parameters OpenAPI 3 ignores (NPR)',
    only: ['3.0', '3.1'],
    paths: v =>
      getWith(
        v,
        param(v, 'Authorization', 'header', str()),
        param(v, 'accept', 'header', str()),
        param(v, 'Content-Type', 'header', str()),
      ),
  },
  {
    name: "a URL input is specguard-url-input's, a phone number specguard-field-formats'",
    paths: v => post(v, obj({ callbackUrl: str(), phone: str() })),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a body property and a query parameter',
    paths: v => ({
      ...post(v, obj({ handle: str({ maxLength: 10 }) })),
      '/search': getWith(v, param(v, 'sort', 'query', str()))['/users'],
    }),
    expected: v => [
      finding(message('Property "handle"'), [...bodyPath(v), 'properties', 'handle']),
      finding(message('Parameter "sort"'), paramPath(v, 0, '/search')),
    ],
  },
  {
    name: 'short words inside lowercase names (context, capacity), an Authorization header in 2.0, a name described otherwise',
    paths: v => ({
      ...post(v, obj({ context: str(), capacity: str(), county: str({ description: 'The county name or code' }) })),
      '/search': getWith(v, param(v, 'Authorization', 'header', str()))['/users'],
    }),
    expected: v => [
      finding(message('Property "context"'), [...bodyPath(v), 'properties', 'context']),
      finding(message('Property "capacity"'), [...bodyPath(v), 'properties', 'capacity']),
      finding(message('Property "county"'), [...bodyPath(v), 'properties', 'county']),
      ...(v === '2.0' ? [finding(message('Parameter "Authorization"'), paramPath(v, 0, '/search'))] : []),
    ],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'User')) }, '/b': { put: bodyOp(v, ref(v, 'User')) } }),
    schemas: () => ({ User: obj({ handle: str() }) }),
    expected: v => [finding(message('Property "handle"'), [...componentPath(v, 'User'), 'properties', 'handle'])],
  },
  {
    name: 'restricted through a composition and used on its own elsewhere',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Coded')) }, '/b': { put: bodyOp(v, ref(v, 'Base')) } }),
    schemas: v => ({ Base: obj({ code: str() }), Coded: { allOf: [ref(v, 'Base'), { properties: { code: { pattern: '^a$' } } }] } }),
    expected: v => [finding(message('Property "code"'), [...componentPath(v, 'Base'), 'properties', 'code'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Note: obj({ kind: str() }) }),
    expected: v => [finding(message('Property "kind"'), [...componentPath(v, 'Note'), 'properties', 'kind'])],
  },
  {
    name: "a 3.1 type: [string, 'null']",
    only: ['3.1'],
    paths: v => post(v, obj({ nick: { type: ['string', 'null'] } })),
    expected: v => [finding(message('Property "nick"'), [...bodyPath(v), 'properties', 'nick'])],
  },
  {
    name: 'a 3.0 nullable string',
    only: ['3.0'],
    paths: v => post(v, obj({ nick: str({ nullable: true }) })),
    expected: v => [finding(message('Property "nick"'), [...bodyPath(v), 'properties', 'nick'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      sort: {type: string, maxLength: 50}\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'warn',
      message:
        'Parameter "sort" is a string that accepts any characters: add a pattern or an enum (RAML strings have no format facet), so injection payloads and control characters are rejected at the edge.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 50, pattern: '^[a-z ]*$'}\n      sort: {enum: [name, date]}\n      after: datetime-only\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it.each(VERSIONS)('unreachedSchemas: ignore (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { unreachedSchemas: 'ignore' }, BASE);
    expect(await findingsOf(CODE, doc(version, {}, { Note: obj({ kind: str() }) }), { ruleset })).toEqual([]);
  });
  it('freeTextNames replaces the names of free text', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { freeTextNames: ['handle'] }, BASE);
    expect(await findingsOf(CODE, doc('3.1', post('3.1', obj({ handle: str(), lastName: str() }))), { ruleset })).toEqual([
      finding(message('Property "lastName"'), [...bodyPath('3.1'), 'properties', 'lastName']),
    ]);
  });
  it('reports URL and phone inputs when their owners are off', async () => {
    const ruleset = rulesetOverriding({ 'specguard-url-input': 'off', 'specguard-field-formats': 'off' }, BASE);
    expect(await findingsOf(CODE, doc('3.0', post('3.0', obj({ callbackUrl: str(), phone: str() }))), { ruleset })).toEqual([
      finding(message('Property "callbackUrl"'), [...bodyPath('3.0'), 'properties', 'callbackUrl']),
      finding(message('Property "phone"'), [...bodyPath('3.0'), 'properties', 'phone']),
    ]);
  });
});
