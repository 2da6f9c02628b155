/*
 * specguard diff's regressions, kind by kind: each case a change that must be reported (exact
 * code, message, severity and the JSON path on both sides, each at the range of that path in its
 * file) and its silent twin, the same change made safer or neutral, for OpenAPI 2.0, 3.0 and 3.1
 * where the kind applies. Runs the comparison from source on two written files.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document } from '@stoplight/spectral-core';
// spectral-parsers is CommonJS without detectable named exports.
import parsers from '@stoplight/spectral-parsers';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../src/diff/document.js';
import { compareDocuments } from '../src/diff/index.js';
import { REGRESSION_KINDS } from '../src/diff/kinds.js';
import type { RegressionKind } from '../src/diff/kinds.js';
import { tempDir } from './helpers.js';

type Version = '2.0' | '3.0' | '3.1';
type Json = Record<string, unknown>;
const VERSIONS: Version[] = ['2.0', '3.0', '3.1'];
const dir = tempDir('specguard-diff-');

// Version-neutral builders: each writes its part the way the version spells it.
const header = (v: Version): Json =>
  v === '2.0'
    ? { swagger: '2.0', info: { title: 't', version: '1' } }
    : { openapi: v === '3.0' ? '3.0.3' : '3.1.0', info: { title: 't', version: '1' } };
const oauth = (v: Version): Json =>
  v === '2.0'
    ? { type: 'oauth2', flow: 'application', tokenUrl: 'https://auth.example.com/token', scopes: SCOPES }
    : { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://auth.example.com/token', scopes: SCOPES } } };
const SCOPES = { items: 'all items', 'items:read': 'read items', 'items:write': 'write items', admin: 'everything' };
const basic = (v: Version): Json => (v === '2.0' ? { type: 'basic' } : { type: 'http', scheme: 'basic' });
const queryKey: Json = { type: 'apiKey', in: 'query', name: 'key' };
const headerKey: Json = { type: 'apiKey', in: 'header', name: 'X-Key' };
const schemesKey = (v: Version) => (v === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes']);
const schemasKey = (v: Version) => (v === '2.0' ? ['definitions'] : ['components', 'schemas']);
const ref = (v: Version, name: string) => ({ $ref: `#/${schemasKey(v).join('/')}/${name}` });
const queryParam = (v: Version, name: string, schema: Json): Json =>
  v === '2.0' ? { name, in: 'query', ...schema } : { name, in: 'query', schema };
const pathParam = (v: Version, name: string, schema: Json): Json =>
  v === '2.0' ? { name, in: 'path', required: true, ...schema } : { name, in: 'path', required: true, schema };
const jsonBody = (v: Version, schema: Json): Json =>
  v === '2.0' ? { parameters: [{ name: 'body', in: 'body', schema }] } : { requestBody: { content: { 'application/json': { schema } } } };
const jsonResponse = (v: Version, schema: Json): Json =>
  v === '2.0' ? { description: 'ok', schema } : { description: 'ok', content: { 'application/json': { schema } } };
/** Where a version writes the schema of the first parameter, and the request body's. */
const paramSchemaPath = (v: Version, op: (string | number)[]) =>
  v === '2.0' ? [...op, 'parameters', 0] : [...op, 'parameters', 0, 'schema'];
const bodySchemaPath = (v: Version, op: (string | number)[]) =>
  v === '2.0' ? [...op, 'parameters', 0, 'schema'] : [...op, 'requestBody', 'content', 'application/json', 'schema'];
const bodyLabel = (v: Version) => (v === '2.0' ? 'Request body' : 'Request body (application/json)');

interface Parts {
  security?: unknown;
  schemes?: Json;
  schemas?: Json;
  paths: Json;
  servers?: string[];
}

function spec(v: Version, parts: Parts): Json {
  const doc: Json = { ...header(v) };
  if (parts.servers !== undefined) {
    if (v === '2.0') {
      const url = new URL(parts.servers[0]);
      Object.assign(doc, { host: url.host, basePath: url.pathname, schemes: parts.servers.map(s => new URL(s).protocol.replace(':', '')) });
    } else doc.servers = parts.servers.map(url => ({ url }));
  }
  if (parts.security !== undefined) doc.security = parts.security;
  doc.paths = parts.paths;
  const components: Json = {};
  if (parts.schemes !== undefined) setAt(doc, components, schemesKey(v), parts.schemes);
  if (parts.schemas !== undefined) setAt(doc, components, schemasKey(v), parts.schemas);
  if (Object.keys(components).length > 0) doc.components = components;
  return doc;
}

function setAt(doc: Json, components: Json, key: string[], value: Json) {
  if (key.length === 1) doc[key[0]] = value;
  else components[key[1]] = value;
}

const ITEMS_GET = ['paths', '/items', 'get'];
const ITEMS_POST = ['paths', '/items', 'post'];
const OK = { '200': { description: 'ok' } };

interface Expected {
  kind: RegressionKind;
  message: string;
  /** The JSON paths it is reported at, in NEW and in OLD. */
  path: (string | number)[];
  was: (string | number)[];
}

interface Case {
  name: string;
  versions?: Version[];
  old: (v: Version) => Json;
  new: (v: Version) => Json;
  /** The regressions reported, in order; none for a silent twin. */
  expected: (v: Version) => Expected[];
}

let written = 0;
/** Writes the document as JSON and reads it as the diff does; returns it with its text, to locate paths in. */
async function version(doc: Json) {
  const file = path.join(dir, `v${written++}.json`);
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  return { read: await readDocument(file, { maxFileBytes: 10 * 1024 * 1024, allowRemoteRefs: false }), text, file };
}

/** The range of a path in the text, found by Spectral's JSON parser: where a finding at that path is shown. */
function rangeOf(text: string, at: (string | number)[]) {
  const range = new Document(text, parsers.Json as never).getRangeForJsonPath(at, true)!;
  return { start: { ...range.start }, end: { ...range.end } };
}

async function regressionsOf(c: Case, v: Version) {
  const [old, current] = [await version(c.old(v)), await version(c.new(v))];
  const found = compareDocuments(old.read, current.read);
  const expected = c.expected(v).map(e => ({
    code: e.kind.code,
    message: e.message,
    severity: { error: 0, warn: 1, info: 2, hint: 3 }[e.kind.severity],
    path: e.path,
    range: rangeOf(current.text, e.path),
    source: current.file,
    was: { source: old.file, path: e.was, range: rangeOf(old.text, e.was) },
  }));
  return { found, expected };
}

function runCases(cases: Case[]) {
  for (const c of cases)
    for (const v of c.versions ?? VERSIONS)
      it(`${c.name} (${v})`, async () => {
        const { found, expected } = await regressionsOf(c, v);
        expect(found).toEqual(expected);
      });
}

// ---- security -------------------------------------------------------------------------------

const secured = (v: Version, op: Json, scopes: string[] = ['items:read'], more: Json = {}): Json =>
  spec(v, {
    security: [{ oauth: scopes }],
    schemes: { oauth: oauth(v), ...more },
    paths: { '/items': { get: { ...op, responses: OK } } },
  });
const REQUIRED = 'oauth (items:read)';

describe('security', () => {
  runCases([
    {
      name: 'an operation that lost its security (security: [])',
      old: v => secured(v, {}),
      new: v => secured(v, { security: [] }),
      expected: () => [
        {
          kind: REGRESSION_KINDS.securityRemoved,
          message: `Operation GET /items no longer requires authentication, where it required ${REQUIRED}: restore its security requirement, or mark it public with x-specguard-public: "<reason>".`,
          path: [...ITEMS_GET, 'security'],
          was: ['security'],
        },
      ],
    },
    {
      name: 'silent twin: the same requirement moved from the root to the operation',
      old: v => secured(v, {}),
      new: v => ({ ...secured(v, { security: [{ oauth: ['items:read'] }] }), security: undefined }),
      expected: () => [],
    },
    {
      name: 'an operation that now accepts anonymous callers ({} added)',
      old: v => secured(v, {}),
      new: v => secured(v, { security: [{ oauth: ['items:read'] }, {}] }),
      expected: () => [
        {
          kind: REGRESSION_KINDS.anonymousAllowed,
          message: `Operation GET /items now accepts anonymous callers ({} was added to its security), where it required ${REQUIRED}: remove {} unless anyone may call it.`,
          path: [...ITEMS_GET, 'security', 1],
          was: ['security'],
        },
      ],
    },
    {
      name: 'an operation made public with a reason',
      old: v => secured(v, {}),
      new: v => secured(v, { security: [], 'x-specguard-public': 'status page' }),
      expected: () => [
        {
          kind: REGRESSION_KINDS.madePublic,
          message: `Operation GET /items is now public ("status page"), where it required ${REQUIRED}: confirm that anonymous callers may use it.`,
          path: [...ITEMS_GET, 'x-specguard-public'],
          was: ['security'],
        },
      ],
    },
    {
      name: 'silent twin: an operation that was public already',
      old: v => secured(v, { security: [] }),
      new: v => secured(v, { security: [], 'x-specguard-public': 'status page' }),
      expected: () => [],
    },
    {
      name: 'a scope dropped from a requirement',
      old: v => secured(v, {}, ['items:read', 'items:write']),
      new: v => secured(v, {}, ['items:read']),
      expected: () => [
        {
          kind: REGRESSION_KINDS.scopeDropped,
          message:
            'Operation GET /items no longer requires scope "items:write" of "oauth": check that callers without it may use the operation.',
          path: ['security', 0, 'oauth'],
          was: ['security', 0, 'oauth'],
        },
      ],
    },
    {
      name: 'a scope widened (items:read -> items)',
      old: v => secured(v, {}, ['items:read']),
      new: v => secured(v, {}, ['items']),
      expected: () => [
        {
          kind: REGRESSION_KINDS.scopeWidened,
          message:
            'Operation GET /items now requires scope "items" of "oauth" where it required "items:read": a broader grant than before; require the narrowest scope that allows the operation.',
          path: ['security', 0, 'oauth'],
          was: ['security', 0, 'oauth'],
        },
      ],
    },
    {
      name: 'a scope replaced by an admin scope',
      old: v => secured(v, {}, ['items:read']),
      new: v => secured(v, {}, ['admin']),
      expected: () => [
        {
          kind: REGRESSION_KINDS.scopeWidened,
          message:
            'Operation GET /items now requires scope "admin" of "oauth" where it required "items:read": a broader grant than before; require the narrowest scope that allows the operation.',
          path: ['security', 0, 'oauth'],
          was: ['security', 0, 'oauth'],
        },
      ],
    },
    {
      name: 'silent twin: a scope narrowed (items -> items:read)',
      old: v => secured(v, {}, ['items']),
      new: v => secured(v, {}, ['items:read']),
      expected: () => [],
    },
    {
      name: 'HTTP Basic added as an alternative to OAuth',
      old: v => secured(v, {}, ['items:read'], { basic: basic(v) }),
      new: v => secured(v, { security: [{ oauth: ['items:read'] }, { basic: [] }] }, ['items:read'], { basic: basic(v) }),
      expected: () => [
        {
          kind: REGRESSION_KINDS.weakSchemeAdded,
          message: `Operation GET /items now also accepts HTTP Basic ("basic"), where it required ${REQUIRED}: callers can skip the stronger credential. Remove the alternative.`,
          path: [...ITEMS_GET, 'security', 1],
          was: ['security'],
        },
      ],
    },
    {
      name: 'an API key in the query added as an alternative to OAuth',
      old: v => secured(v, {}, ['items:read'], { key: queryKey }),
      new: v => secured(v, { security: [{ oauth: ['items:read'] }, { key: [] }] }, ['items:read'], { key: queryKey }),
      expected: () => [
        {
          kind: REGRESSION_KINDS.weakSchemeAdded,
          message: `Operation GET /items now also accepts an API key in the URL ("key"), where it required ${REQUIRED}: callers can skip the stronger credential. Remove the alternative.`,
          path: [...ITEMS_GET, 'security', 1],
          was: ['security'],
        },
      ],
    },
    {
      name: 'silent twin: an API key in a header added as an alternative, and Basic required on top of OAuth',
      old: v => secured(v, {}, ['items:read'], { key: headerKey, basic: basic(v) }),
      new: v =>
        secured(v, { security: [{ oauth: ['items:read'], basic: [] }, { key: [] }] }, ['items:read'], { key: headerKey, basic: basic(v) }),
      expected: () => [],
    },
  ]);
});

// ---- input bounds ---------------------------------------------------------------------------

/** GET /items with a query parameter `q` of `schema`, and POST /items with a JSON body of `body`. */
const inputs = (v: Version, q: Json, body: Json, schemas?: Json): Json =>
  spec(v, {
    schemas,
    paths: {
      '/items': {
        get: { parameters: [queryParam(v, 'q', q)], responses: OK },
        post: { ...jsonBody(v, body), responses: OK },
      },
    },
  });
const Q = { type: 'string', maxLength: 64 };
const BODY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', maxLength: 64, pattern: '^[a-z]+$' },
    role: { type: 'string', enum: ['user', 'guest'] },
    count: { type: 'integer', minimum: 1, maximum: 100 },
    tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 20 } },
  },
};
const withProperty = (name: string, schema: Json, base: Json = BODY): Json => ({
  ...base,
  properties: { ...(base.properties as Json), [name]: schema },
});
const loosened = (
  v: Version,
  label: string,
  operation: string,
  change: string,
  path: (string | number)[],
  was: (string | number)[],
): Expected => ({
  kind: REGRESSION_KINDS.boundLoosened,
  message: `${label} of Operation ${operation} is less bounded: ${change}. Restore the bound, or state the limit the server enforces.`,
  path,
  was,
});
/** POST /items and PUT /items/{id} with the same JSON body, the component Item. */
const sharedBody = (v: Version, item: Json): Json =>
  spec(v, {
    schemas: { Item: item },
    paths: {
      '/items': { post: { ...jsonBody(v, ref(v, 'Item')), responses: OK } },
      '/items/{id}': { put: { parameters: [pathParam(v, 'id', Q)], ...jsonBody(v, ref(v, 'Item')), responses: OK } },
    },
  });
const prop = (v: Version, name: string) => [...bodySchemaPath(v, ITEMS_POST), 'properties', name];

describe('input bounds', () => {
  runCases([
    {
      name: 'maxLength removed from a query parameter',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, { type: 'string' }, BODY),
      expected: v => [
        loosened(v, 'Parameter "q"', 'GET /items', 'maxLength was removed (it was 64)', paramSchemaPath(v, ITEMS_GET), [
          ...paramSchemaPath(v, ITEMS_GET),
          'maxLength',
        ]),
      ],
    },
    {
      name: 'silent twin: maxLength lowered',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, { type: 'string', maxLength: 32 }, withProperty('name', { type: 'string', maxLength: 16, pattern: '^[a-z]+$' })),
      expected: () => [],
    },
    {
      name: 'maxLength raised on a body property',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('name', { type: 'string', maxLength: 640, pattern: '^[a-z]+$' })),
      expected: v => [
        loosened(
          v,
          'Property "name"',
          'POST /items',
          'maxLength raised from 64 to 640',
          [...prop(v, 'name'), 'maxLength'],
          [...prop(v, 'name'), 'maxLength'],
        ),
      ],
    },
    {
      name: 'pattern removed',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('name', { type: 'string', maxLength: 64 })),
      expected: v => [
        loosened(v, 'Property "name"', 'POST /items', 'pattern was removed', prop(v, 'name'), [...prop(v, 'name'), 'pattern']),
      ],
    },
    {
      name: 'silent twin: pattern changed',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('name', { type: 'string', maxLength: 64, pattern: '^[a-z0-9]+$' })),
      expected: () => [],
    },
    {
      name: 'enum widened',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('role', { type: 'string', enum: ['user', 'guest', 'admin'] })),
      expected: v => [
        loosened(
          v,
          'Property "role"',
          'POST /items',
          'enum was widened with "admin"',
          [...prop(v, 'role'), 'enum'],
          [...prop(v, 'role'), 'enum'],
        ),
      ],
    },
    {
      name: 'enum removed',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('role', { type: 'string', maxLength: 10 })),
      expected: v => [loosened(v, 'Property "role"', 'POST /items', 'enum was removed', prop(v, 'role'), [...prop(v, 'role'), 'enum'])],
    },
    {
      name: 'silent twin: enum narrowed',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('role', { type: 'string', enum: ['user'] })),
      expected: () => [],
    },
    {
      name: 'maximum raised and minimum lowered',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('count', { type: 'integer', minimum: 0, maximum: 1000 })),
      expected: v => [
        loosened(
          v,
          'Property "count"',
          'POST /items',
          'maximum raised from 100 to 1000',
          [...prop(v, 'count'), 'maximum'],
          [...prop(v, 'count'), 'maximum'],
        ),
        loosened(
          v,
          'Property "count"',
          'POST /items',
          'minimum lowered from 1 to 0',
          [...prop(v, 'count'), 'minimum'],
          [...prop(v, 'count'), 'minimum'],
        ),
      ],
    },
    {
      name: 'maxItems removed, and maxLength removed from the items',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, withProperty('tags', { type: 'array', items: { type: 'string' } })),
      expected: v => [
        loosened(v, 'Property "tags"', 'POST /items', 'maxItems was removed (it was 10)', prop(v, 'tags'), [
          ...prop(v, 'tags'),
          'maxItems',
        ]),
        loosened(
          v,
          'Each item of Property "tags"',
          'POST /items',
          'maxLength was removed (it was 20)',
          [...prop(v, 'tags'), 'items'],
          [...prop(v, 'tags'), 'items', 'maxLength'],
        ),
      ],
    },
    {
      name: 'additionalProperties: false removed',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, { ...BODY, additionalProperties: undefined }),
      expected: v => [
        loosened(v, bodyLabel(v), 'POST /items', 'additionalProperties is no longer false', bodySchemaPath(v, ITEMS_POST), [
          ...bodySchemaPath(v, ITEMS_POST),
          'additionalProperties',
        ]),
      ],
    },
    {
      name: 'a component two operations share loses a bound: one finding, at the component',
      old: v => sharedBody(v, BODY),
      new: v => sharedBody(v, withProperty('name', { type: 'string', maxLength: 64 })),
      expected: v => [
        loosened(
          v,
          'Property "name"',
          'POST /items',
          'pattern was removed',
          [...schemasKey(v), 'Item', 'properties', 'name'],
          [...schemasKey(v), 'Item', 'properties', 'name', 'pattern'],
        ),
      ],
    },
    {
      name: 'silent twin: the body schema moved to a component, bounds kept (compared through the $ref)',
      old: v => inputs(v, Q, BODY),
      new: v => inputs(v, Q, ref(v, 'NewItem'), { NewItem: BODY }),
      expected: () => [],
    },
    {
      name: 'a bound removed from a schema behind a $ref, reported where the component is written',
      old: v => inputs(v, Q, ref(v, 'Item'), { Item: BODY }),
      new: v => inputs(v, Q, ref(v, 'Renamed'), { Renamed: withProperty('name', { type: 'string', pattern: '^[a-z]+$' }) }),
      expected: v => [
        loosened(
          v,
          'Property "name"',
          'POST /items',
          'maxLength was removed (it was 64)',
          [...schemasKey(v), 'Renamed', 'properties', 'name'],
          [...schemasKey(v), 'Item', 'properties', 'name', 'maxLength'],
        ),
      ],
    },
  ]);
});

// ---- operations matched across renames -------------------------------------------------------

const userOp = (v: Version, pathKey: string, param: string, op: Json, q: Json = Q): Json =>
  spec(v, { paths: { [pathKey]: { get: { ...op, parameters: [pathParam(v, param, q)], responses: OK } } } });

describe('operations matched across renames', () => {
  runCases([
    {
      name: 'silent twin: a path renamed, same operationId, same bounds',
      old: v => userOp(v, '/users/{id}', 'id', { operationId: 'getUser' }),
      new: v => userOp(v, '/people/{personId}', 'personId', { operationId: 'getUser' }),
      expected: () => [],
    },
    {
      name: 'a path parameter renamed (no operationId) and its maxLength removed',
      old: v => userOp(v, '/users/{id}', 'id', {}),
      new: v => userOp(v, '/users/{userId}', 'userId', {}, { type: 'string' }),
      expected: v => [
        loosened(
          v,
          'Parameter "userId"',
          'GET /users/{userId}',
          'maxLength was removed (it was 64)',
          paramSchemaPath(v, ['paths', '/users/{userId}', 'get']),
          [...paramSchemaPath(v, ['paths', '/users/{id}', 'get']), 'maxLength'],
        ),
      ],
    },
    {
      name: 'silent twin: a different operation at a new path is not compared with a removed one',
      old: v => userOp(v, '/users/{id}', 'id', { operationId: 'getUser' }),
      new: v => userOp(v, '/orders/{id}', 'id', { operationId: 'getOrder' }, { type: 'string' }),
      expected: () => [],
    },
  ]);
});

// ---- sensitive fields in responses ------------------------------------------------------------

const returning = (v: Version, schemaName: string, properties: Json, extra: Json = {}): Json =>
  spec(v, {
    schemas: { [schemaName]: { type: 'object', properties }, ...extra },
    paths: { '/items': { get: { responses: { '200': jsonResponse(v, ref(v, schemaName)) } } } },
  });
const NAME = { name: { type: 'string' } };
const READ_USER = (v: Version) => ({ get: { responses: { '200': jsonResponse(v, ref(v, 'User')) } } });

describe('sensitive fields in responses', () => {
  runCases([
    {
      name: 'a national id newly returned',
      old: v => returning(v, 'User', NAME),
      new: v => returning(v, 'User', { ...NAME, ssn: { type: 'string' } }),
      expected: v => [
        {
          kind: REGRESSION_KINDS.sensitiveExposed,
          message:
            'Property "ssn" (national id data) is now returned in response 200 of Operation GET /items: leave it out or mask it, or mark it x-specguard-classification: "<reason>".',
          path: [...schemasKey(v), 'User', 'properties', 'ssn'],
          was: [...ITEMS_GET, 'responses', '200'],
        },
      ],
    },
    {
      name: 'a password newly returned',
      old: v => returning(v, 'User', NAME),
      new: v => returning(v, 'User', { ...NAME, password: { type: 'string' } }),
      expected: v => [
        {
          kind: REGRESSION_KINDS.sensitiveExposed,
          message:
            'Property "password" (secret data) is now returned in response 200 of Operation GET /items: leave it out or mask it, or mark it x-specguard-classification: "<reason>".',
          path: [...schemasKey(v), 'User', 'properties', 'password'],
          was: [...ITEMS_GET, 'responses', '200'],
        },
      ],
    },
    {
      name: 'a field newly returned by a component two operations return: one finding, naming the first',
      old: v => ({ ...returning(v, 'User', NAME), paths: { '/a': READ_USER(v), '/b': READ_USER(v) } }),
      new: v => ({ ...returning(v, 'User', { ...NAME, dob: { type: 'string' } }), paths: { '/a': READ_USER(v), '/b': READ_USER(v) } }),
      expected: v => [
        {
          kind: REGRESSION_KINDS.sensitiveExposed,
          message:
            'Property "dob" (birth date data) is now returned in response 200 of Operation GET /a: leave it out or mask it, or mark it x-specguard-classification: "<reason>".',
          path: [...schemasKey(v), 'User', 'properties', 'dob'],
          was: ['paths', '/a', 'get', 'responses', '200'],
        },
      ],
    },
    {
      name: 'silent twin: the response schema moved to another component with the same fields',
      old: v => returning(v, 'User', { ...NAME, ssn: { type: 'string' } }),
      new: v => returning(v, 'Person', { ...NAME, ssn: { type: 'string' } }),
      expected: () => [],
    },
    {
      name: 'silent twin: a field that is not sensitive, and a sensitive one that is masked and said so',
      old: v => returning(v, 'User', NAME),
      new: v =>
        returning(v, 'User', { ...NAME, nickname: { type: 'string' }, iban: { type: 'string', 'x-specguard-classification': 'masked' } }),
      expected: () => [],
    },
  ]);
});

// ---- servers ---------------------------------------------------------------------------------

const served = (v: Version, ...servers: string[]): Json => spec(v, { servers, paths: { '/items': { get: { responses: OK } } } });
const serverPath = (v: Version) => (v === '2.0' ? ['schemes', 0] : ['servers', 0]);

describe('servers', () => {
  runCases([
    {
      name: 'a server moved to http',
      old: v => served(v, 'https://api.example.com/v1'),
      new: v => served(v, 'http://api.example.com/v1'),
      expected: v => [
        {
          kind: REGRESSION_KINDS.serverHttp,
          message:
            'Server "http://api.example.com/v1" uses plain http, where it used TLS before ("https://api.example.com/v1"): serve it over https only.',
          path: serverPath(v),
          was: serverPath(v),
        },
      ],
    },
    {
      name: 'silent twin: a server moved from http to https',
      old: v => served(v, 'http://api.example.com/v1'),
      new: v => served(v, 'https://api.example.com/v1'),
      expected: () => [],
    },
    {
      name: 'silent twin: an http server OLD had already, beside an https one (and a variable offering both)',
      versions: ['3.0', '3.1'],
      old: v => ({
        ...served(v, 'https://api.example.com/v1', 'http://api.example.com/v1'),
        servers: [{ url: '{scheme}://api.example.com/v1', variables: { scheme: { default: 'https', enum: ['https', 'http'] } } }],
      }),
      new: v => ({
        ...served(v, 'https://api.example.com/v1', 'http://api.example.com/v1'),
        servers: [{ url: '{scheme}://api.example.com/v1', variables: { scheme: { default: 'https', enum: ['https', 'http'] } } }],
      }),
      expected: () => [],
    },
    {
      name: 'silent twin: an http server OLD had already, beside an https one',
      old: v => served(v, 'https://api.example.com/v1', 'http://api.example.com/v1'),
      new: v => served(v, 'https://api.example.com/v1', 'http://api.example.com/v1'),
      expected: () => [],
    },
    {
      name: 'a server moved to an internal host',
      old: v => served(v, 'https://api.example.com/v1'),
      new: v => served(v, 'https://10.0.0.5/v1'),
      expected: v => [
        {
          kind: REGRESSION_KINDS.serverInternal,
          message:
            'Server "https://10.0.0.5/v1" moved to the internal host 10.0.0.5, where it was "https://api.example.com/v1": publish the public server, or describe this one as not production.',
          path: serverPath(v),
          was: serverPath(v),
        },
      ],
    },
    {
      name: 'silent twin: a server moved from an internal host to a public one',
      old: v => served(v, 'https://10.0.0.5/v1'),
      new: v => served(v, 'https://api.example.com/v1'),
      expected: () => [],
    },
  ]);
});

// ---- sunset ----------------------------------------------------------------------------------

const sunsetting = (v: Version, sunset?: string): Json =>
  spec(v, {
    paths: { '/items': { get: { deprecated: true, ...(sunset === undefined ? {} : { 'x-sunset': sunset }), responses: OK } } },
  });

describe('sunset dates', () => {
  runCases([
    {
      name: 'a sunset date moved later',
      old: v => sunsetting(v, '2026-06-30'),
      new: v => sunsetting(v, '2027-06-30'),
      expected: () => [
        {
          kind: REGRESSION_KINDS.sunsetExtended,
          message:
            'Operation GET /items is deprecated and its sunset date moved later, from 2026-06-30 to 2027-06-30: clients planned for the first; announce the change.',
          path: [...ITEMS_GET, 'x-sunset'],
          was: [...ITEMS_GET, 'x-sunset'],
        },
      ],
    },
    {
      name: 'a sunset date that vanished',
      old: v => sunsetting(v, '2026-06-30'),
      new: v => sunsetting(v),
      expected: () => [
        {
          kind: REGRESSION_KINDS.sunsetExtended,
          message:
            'Operation GET /items is deprecated and no longer gives a sunset date, where it gave 2026-06-30: keep the announced date, or give the new one.',
          path: [...ITEMS_GET, 'deprecated'],
          was: [...ITEMS_GET, 'x-sunset'],
        },
      ],
    },
    {
      name: 'silent twin: a sunset date moved earlier',
      old: v => sunsetting(v, '2027-06-30'),
      new: v => sunsetting(v, '2026-06-30'),
      expected: () => [],
    },
  ]);
});
