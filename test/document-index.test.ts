import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDocumentIndex, IndexBuildError } from '../src/document-index/index.js';
import { countPathOperations } from '../src/document-index/operations.js';
import { oasVersionOf } from '../src/document-index/version.js';
import type { DeclaredType, DocumentIndex, JsonObject, OperationEntry, SchemaEntry, SchemaUsage } from '../src/document-index/index.js';

const OAS2 = { swagger: '2.0', info: { title: 't', version: '1' } };
const OAS30 = { openapi: '3.0.3', info: { title: 't', version: '1' } };
const OAS31 = { openapi: '3.1.0', info: { title: 't', version: '1' } };
const HEADERS = { '2.0': OAS2, '3.0': OAS30, '3.1': OAS31 } as const;

/** A fresh index for a fresh document: the cache is keyed by the root object. */
const indexOf = (doc: JsonObject): DocumentIndex => getDocumentIndex(doc);

/** The entry of `schema`, failing the test when the walk did not reach it. */
function entryOf(index: DocumentIndex, schema: JsonObject): SchemaEntry {
  const entry = index.schemas.get(schema);
  if (!entry) throw new Error(`schema not indexed: ${JSON.stringify(schema)}`);
  return entry;
}

/** An entry's fields as a plain object, for toEqual: `path` is a getter, built on first read. */
const plainEntry = (entry: SchemaEntry) => ({ ...entry, path: entry.path });

const rolesOf = (index: DocumentIndex, schema: JsonObject) => [...entryOf(index, schema).roles].sort();

const opsOf = (index: DocumentIndex) => index.operations.map(op => `${op.method.toUpperCase()} ${op.pathKey}`);

const ALL_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const everyMethod = () => Object.fromEntries(ALL_METHODS.map(m => [m, { responses: {} }]));

describe('version', () => {
  it.each([
    [{ swagger: '2.0' }, '2.0'],
    [{ swagger: 2 }, '2.0'], // unquoted YAML `swagger: 2.0`
    [{ openapi: '3.0.0' }, '3.0'],
    [{ openapi: '3.0.3' }, '3.0'],
    [{ openapi: '3.0.4-rc1' }, '3.0'],
    [{ openapi: 3 }, '3.0'], // unquoted YAML `openapi: 3.0`
    [{ openapi: '3.1.0' }, '3.1'],
    [{ openapi: 3.1 }, '3.1'],
    [{ openapi: '4.0.0' }, null],
    [{ swagger: '1.2' }, null],
    [{}, null],
    [null, null],
    [[], null],
    ['openapi: 3.0.0', null],
  ])('%j -> %s', (doc, version) => {
    expect(oasVersionOf(doc)).toBe(version);
  });

  it('gives an empty index for anything that is not an OpenAPI document', () => {
    for (const doc of [null, undefined, 42, 'text', [], {}, { openapi: '9.9' }]) {
      const index = getDocumentIndex(doc);
      expect(index.version).toBeNull();
      expect(index.operations).toEqual([]);
      expect(index.schemas.size).toBe(0);
    }
  });
});

describe('operations', () => {
  it('OAS 2.0 has no trace method', () => {
    const index = indexOf({ ...OAS2, paths: { '/a': everyMethod() } });
    expect(opsOf(index)).toEqual(['GET /a', 'PUT /a', 'POST /a', 'DELETE /a', 'OPTIONS /a', 'HEAD /a', 'PATCH /a']);
  });

  it.each(['3.0', '3.1'] as const)('OAS %s has trace', version => {
    const index = indexOf({ ...HEADERS[version], paths: { '/a': everyMethod() } });
    expect(opsOf(index)).toEqual(['GET /a', 'PUT /a', 'POST /a', 'DELETE /a', 'OPTIONS /a', 'HEAD /a', 'PATCH /a', 'TRACE /a']);
  });

  it('records path, method, the operation object and its location, in document order', () => {
    const get = { responses: {} };
    const post = { responses: {} };
    const index = indexOf({ ...OAS30, paths: { '/users/{id}': { post, get }, '/b': { get: {} } } });
    expect(index.operations.map(op => ({ path: op.path, pathKey: op.pathKey, method: op.method, operation: op.operation }))).toEqual([
      { path: ['paths', '/users/{id}', 'post'], pathKey: '/users/{id}', method: 'post', operation: post },
      { path: ['paths', '/users/{id}', 'get'], pathKey: '/users/{id}', method: 'get', operation: get },
      { path: ['paths', '/b', 'get'], pathKey: '/b', method: 'get', operation: {} },
    ]);
    expect(index.operations[1].operation).toBe(get);
  });

  it('skips path-item keys that are not methods and paths-object extensions', () => {
    const index = indexOf({
      ...OAS30,
      paths: {
        'x-internal': { get: { responses: {} } },
        '/a': {
          summary: 's',
          description: 'd',
          parameters: [],
          servers: [],
          'x-ext': { get: {} },
          $ref: '#/x',
          query: {},
          get: { responses: {} },
        },
      },
    });
    expect(opsOf(index)).toEqual(['GET /a']);
  });

  it('ignores methods that are not objects', () => {
    const index = indexOf({ ...OAS30, paths: { '/a': { get: null, put: 'x', post: [], delete: 1, patch: {} } } });
    expect(opsOf(index)).toEqual(['PATCH /a']);
  });

  it.each([
    ['OAS 2.0, every method', { ...OAS2, paths: { '/a': everyMethod() } }, 7],
    ['OAS 3.1, every method', { ...OAS31, paths: { '/a': everyMethod(), '/b': { get: {} } } }, 9],
    ['extensions and non-method keys', { ...OAS30, paths: { 'x-internal': { get: {} }, '/a': { summary: 's', query: {}, get: {} } } }, 1],
    ['methods that are not objects', { ...OAS30, paths: { '/a': { get: null, put: 'x', post: [], patch: {} } } }, 1],
    ['callbacks and webhooks are not path operations', { ...OAS31, paths: {}, webhooks: { w: { post: {} } } }, 0],
    ['not an OpenAPI document', { paths: { '/a': { get: {} } } }, 0],
  ])('countPathOperations counts the operations the index lists, without building it: %s', (_, doc: JsonObject, count) => {
    expect(countPathOperations(doc)).toBe(count);
    expect(indexOf(doc).operations).toHaveLength(count);
  });

  it.each(['2.0', '3.0', '3.1'] as const)(
    'merges path-level and operation-level parameters, the operation winning on (name, in) (%s)',
    version => {
      const pathId = { name: 'id', in: 'path', required: true, type: 'string' };
      const pathTrace = { name: 'trace', in: 'header', type: 'string' };
      const pathQ = { name: 'q', in: 'query', type: 'string' };
      const opQ = { name: 'q', in: 'query', type: 'integer' };
      const opQHeader = { name: 'q', in: 'header', type: 'string' }; // same name, other location: no override
      const index = indexOf({
        ...HEADERS[version],
        paths: { '/a/{id}': { parameters: [pathId, pathTrace, pathQ], get: { parameters: [opQ, opQHeader] }, put: {} } },
      });
      const [get, put] = index.operations;
      expect(get.parameters).toEqual([
        { parameter: pathId, path: ['paths', '/a/{id}', 'parameters', 0] },
        { parameter: pathTrace, path: ['paths', '/a/{id}', 'parameters', 1] },
        { parameter: opQ, path: ['paths', '/a/{id}', 'get', 'parameters', 0] },
        { parameter: opQHeader, path: ['paths', '/a/{id}', 'get', 'parameters', 1] },
      ]);
      expect(get.parameters[2].parameter).toBe(opQ);
      expect(put.parameters.map(p => p.parameter)).toEqual([pathId, pathTrace, pathQ]);
    },
  );

  it('skips parameters that are not objects and parameter lists that are not arrays', () => {
    const ok = { name: 'a', in: 'query' };
    const index = indexOf({
      ...OAS30,
      paths: {
        '/a': { parameters: { name: 'x' }, get: { parameters: [null, 'x', 1, ok, []] } },
        '/b': { parameters: 'nope', get: { parameters: null } },
      },
    });
    expect(index.operations[0].parameters).toEqual([{ parameter: ok, path: ['paths', '/a', 'get', 'parameters', 3] }]);
    expect(index.operations[1].parameters).toEqual([]);
  });
});

describe('effective security', () => {
  const oauth = { oauth: ['read'] };
  const key = { apiKey: [] };

  it.each(['2.0', '3.0', '3.1'] as const)('resolves every case the same way (%s)', version => {
    const index = indexOf({
      ...HEADERS[version],
      security: [key],
      paths: {
        '/inherit': { get: {} },
        '/override': { get: { security: [oauth] } },
        '/off': { get: { security: [] } },
        '/anonymous-only': { get: { security: [{}] } },
        '/anonymous-or-oauth': { get: { security: [{}, oauth] } },
      },
    });
    expect(index.operations.map(op => [op.pathKey, op.security])).toEqual([
      [
        '/inherit',
        { source: 'root', path: ['security'], requirements: [{ requirement: key, path: ['security', 0] }], allowsAnonymous: false },
      ],
      [
        '/override',
        {
          source: 'operation',
          path: ['paths', '/override', 'get', 'security'],
          requirements: [{ requirement: oauth, path: ['paths', '/override', 'get', 'security', 0] }],
          allowsAnonymous: false,
        },
      ],
      ['/off', { source: 'operation', path: ['paths', '/off', 'get', 'security'], requirements: [], allowsAnonymous: true }],
      [
        '/anonymous-only',
        {
          source: 'operation',
          path: ['paths', '/anonymous-only', 'get', 'security'],
          requirements: [{ requirement: {}, path: ['paths', '/anonymous-only', 'get', 'security', 0] }],
          allowsAnonymous: true,
        },
      ],
      [
        '/anonymous-or-oauth',
        {
          source: 'operation',
          path: ['paths', '/anonymous-or-oauth', 'get', 'security'],
          requirements: [
            { requirement: {}, path: ['paths', '/anonymous-or-oauth', 'get', 'security', 0] },
            { requirement: oauth, path: ['paths', '/anonymous-or-oauth', 'get', 'security', 1] },
          ],
          allowsAnonymous: true,
        },
      ],
    ]);
  });

  it('has no source when neither the operation nor the root declares security', () => {
    const index = indexOf({ ...OAS30, paths: { '/a': { get: {} } } });
    expect(index.operations[0].security).toEqual({ source: 'none', path: null, requirements: [], allowsAnonymous: true });
  });

  it('an empty root list turns authentication off for operations that inherit it', () => {
    const index = indexOf({ ...OAS30, security: [], paths: { '/a': { get: {} } } });
    expect(index.operations[0].security).toEqual({ source: 'root', path: ['security'], requirements: [], allowsAnonymous: true });
  });

  it('falls back to the root when the operation security is not a list', () => {
    const index = indexOf({
      ...OAS30,
      security: [key],
      paths: { '/a': { get: { security: null } }, '/b': { get: { security: { oauth: [] } } } },
    });
    expect(index.operations.map(op => op.security.source)).toEqual(['root', 'root']);
  });

  it('skips requirement entries that are not objects', () => {
    const index = indexOf({ ...OAS30, paths: { '/a': { get: { security: [null, 'x', key] } } } });
    expect(index.operations[0].security.requirements).toEqual([{ requirement: key, path: ['paths', '/a', 'get', 'security', 2] }]);
    expect(index.operations[0].security.allowsAnonymous).toBe(false);
  });
});

describe('security schemes', () => {
  const basic = { type: 'basic' };
  const bearer = { type: 'http', scheme: 'bearer' };

  it('reads securityDefinitions in OAS 2.0 (and ignores components)', () => {
    const index = indexOf({ ...OAS2, securityDefinitions: { basic, junk: 'x' }, components: { securitySchemes: { bearer } } });
    expect(index.securitySchemes).toEqual([{ name: 'basic', scheme: basic, path: ['securityDefinitions', 'basic'] }]);
  });

  it.each(['3.0', '3.1'] as const)('reads components.securitySchemes in OAS %s (and ignores securityDefinitions)', version => {
    const index = indexOf({ ...HEADERS[version], securityDefinitions: { basic }, components: { securitySchemes: { bearer, junk: null } } });
    expect(index.securitySchemes).toEqual([{ name: 'bearer', scheme: bearer, path: ['components', 'securitySchemes', 'bearer'] }]);
  });

  it('tolerates missing or odd containers', () => {
    expect(indexOf({ ...OAS30, components: null }).securitySchemes).toEqual([]);
    expect(indexOf({ ...OAS30, components: { securitySchemes: [] } }).securitySchemes).toEqual([]);
    expect(indexOf({ ...OAS2, securityDefinitions: 'x' }).securitySchemes).toEqual([]);
  });
});

describe('servers', () => {
  it.each(['3.0', '3.1'] as const)('collects root, path and operation servers (%s)', version => {
    const variables = { env: { default: 'prod' } };
    const index = indexOf({
      ...HEADERS[version],
      servers: [{ url: 'https://{env}.example.com', variables }, { description: 'no url' }, 'x'],
      paths: {
        '/a': {
          servers: [{ url: 'https://a.example.com' }],
          get: { servers: [{ url: 'http://op.example.com' }] },
          trace: { servers: [{ url: 'https://t' }] },
        },
        '/b': { servers: 'nope', get: { servers: null } },
      },
    });
    expect(index.servers).toEqual([
      { url: 'https://{env}.example.com', path: ['servers', 0], variables, server: { url: 'https://{env}.example.com', variables } },
      { url: 'https://a.example.com', path: ['paths', '/a', 'servers', 0], variables: undefined, server: { url: 'https://a.example.com' } },
      {
        url: 'http://op.example.com',
        path: ['paths', '/a', 'get', 'servers', 0],
        variables: undefined,
        server: { url: 'http://op.example.com' },
      },
      { url: 'https://t', path: ['paths', '/a', 'trace', 'servers', 0], variables: undefined, server: { url: 'https://t' } },
    ]);
    // The Server object itself, so rules read its description and extensions.
    expect(index.servers[0].server).toBe((index.root.servers as unknown[])[0]);
  });

  it('OAS 2.0 has no servers (it has host and schemes)', () => {
    expect(indexOf({ ...OAS2, host: 'api.example.com', schemes: ['http'], servers: [{ url: 'http://x' }] }).servers).toEqual([]);
  });
});

describe('schemas: OAS 2.0', () => {
  it('indexes body parameters as request bodies and other parameters as parameter schemas', () => {
    const bodyName = { type: 'string' };
    const body = { type: 'object', properties: { name: bodyName } };
    const q = { name: 'q', in: 'query', type: 'string' };
    const form = { name: 'f', in: 'formData', type: 'string' };
    const tagItems = { type: 'string' };
    const tags = { name: 'tags', in: 'query', type: 'array', items: tagItems };
    const index = indexOf({
      ...OAS2,
      paths: { '/a': { post: { parameters: [{ name: 'b', in: 'body', schema: body }, q, form, tags], responses: {} } } },
    });
    const base = ['paths', '/a', 'post', 'parameters'];
    expect(plainEntry(entryOf(index, body))).toEqual({
      schema: body,
      path: [...base, 0, 'schema'],
      roles: new Set(['request-body']),
      label: 'Request body',
    });
    expect(plainEntry(entryOf(index, bodyName))).toEqual({
      schema: bodyName,
      path: [...base, 0, 'schema', 'properties', 'name'],
      roles: new Set(['request-body']),
      propertyName: 'name',
      label: 'Property "name"',
    });
    expect(plainEntry(entryOf(index, q))).toEqual({ schema: q, path: [...base, 1], roles: new Set(['parameter']), label: 'Parameter "q"' });
    expect(plainEntry(entryOf(index, form))).toEqual({
      schema: form,
      path: [...base, 2],
      roles: new Set(['parameter']),
      label: 'Parameter "f"',
    });
    expect(plainEntry(entryOf(index, tagItems))).toEqual({
      schema: tagItems,
      path: [...base, 3, 'items'],
      roles: new Set(['parameter']),
      label: 'Each item of Parameter "tags"',
    });
    expect(index.schemas.size).toBe(6);
  });

  it('indexes response schemas and response headers', () => {
    const schema = { type: 'object', properties: { id: { type: 'integer' } } };
    const header = { type: 'integer' };
    const index = indexOf({
      ...OAS2,
      paths: { '/a': { get: { responses: { '200': { description: 'ok', schema, headers: { 'X-Rate-Limit': header } } } } } },
    });
    expect(entryOf(index, schema)).toMatchObject({
      path: ['paths', '/a', 'get', 'responses', '200', 'schema'],
      roles: new Set(['response-body']),
    });
    expect(plainEntry(entryOf(index, header))).toEqual({
      schema: header,
      path: ['paths', '/a', 'get', 'responses', '200', 'headers', 'X-Rate-Limit'],
      roles: new Set(['header']),
      label: 'Header "X-Rate-Limit"',
    });
  });

  it('indexes definitions no operation reaches as unreached', () => {
    const lone = { type: 'object', properties: { name: { type: 'string' } } };
    const index = indexOf({ ...OAS2, paths: {}, definitions: { Lone: lone, junk: 5 } });
    expect(entryOf(index, lone)).toMatchObject({ path: ['definitions', 'Lone'], unreached: true, label: 'Schema "Lone"' });
    expect(index.schemas.size).toBe(2);
  });

  it('gives unreached definitions that form a cycle no usages, without looping', () => {
    const a: JsonObject = { type: 'object' };
    const b: JsonObject = { type: 'object', properties: { a } };
    a.properties = { b };
    const index = indexOf({ ...OAS2, paths: {}, definitions: { A: a, B: b } });
    expect(entryOf(index, a).usages).toEqual([]);
    expect(entryOf(index, b).usages).toEqual([]);
  });

  it('does not read OAS 3 shapes in an OAS 2.0 document', () => {
    const schema = { type: 'string' };
    const index = indexOf({
      ...OAS2,
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema } } },
            responses: { '200': { content: { 'application/json': { schema } } } },
          },
        },
      },
    });
    expect(index.schemas.size).toBe(0);
  });
});

describe.each(['3.0', '3.1'] as const)('schemas: OAS %s', version => {
  it('indexes request bodies, responses, response headers and parameters (schema and content)', () => {
    const reqJson = { type: 'object' };
    const reqXml = { type: 'object', xml: { name: 'req' } }; // not the JSON body's twin: both are indexed
    const res = { type: 'object' };
    const headerSchema = { type: 'integer' };
    const headerContent = { type: 'string' };
    const paramSchema = { type: 'string' };
    const paramContent = { type: 'object' };
    const op = ['paths', '/a', 'post'];
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            parameters: [
              { name: 'q', in: 'query', schema: paramSchema },
              { name: 'filter', in: 'query', content: { 'application/json': { schema: paramContent } } },
              { name: 'b', in: 'body', schema: { type: 'boolean' } }, // not an OAS3 request body, but still a parameter schema
            ],
            requestBody: { content: { 'application/json': { schema: reqJson }, 'application/xml': { schema: reqXml } } },
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: res } },
                headers: { 'X-Rate-Limit': { schema: headerSchema }, 'X-Info': { content: { 'text/plain': { schema: headerContent } } } },
              },
            },
          },
        },
      },
    });
    const summary = (schema: JsonObject) => {
      const { path, roles, label } = entryOf(index, schema);
      return { path, roles: [...roles], label };
    };
    expect(summary(paramSchema)).toEqual({ path: [...op, 'parameters', 0, 'schema'], roles: ['parameter'], label: 'Parameter "q"' });
    expect(summary(paramContent)).toEqual({
      path: [...op, 'parameters', 1, 'content', 'application/json', 'schema'],
      roles: ['parameter'],
      label: 'Parameter "filter"',
    });
    expect(summary(reqJson)).toEqual({
      path: [...op, 'requestBody', 'content', 'application/json', 'schema'],
      roles: ['request-body'],
      label: 'Request body',
    });
    expect(summary(reqXml)).toEqual({
      path: [...op, 'requestBody', 'content', 'application/xml', 'schema'],
      roles: ['request-body'],
      label: 'Request body',
    });
    expect(summary(res)).toEqual({
      path: [...op, 'responses', '200', 'content', 'application/json', 'schema'],
      roles: ['response-body'],
      label: 'Response body',
    });
    expect(summary(headerSchema)).toEqual({
      path: [...op, 'responses', '200', 'headers', 'X-Rate-Limit', 'schema'],
      roles: ['header'],
      label: 'Header "X-Rate-Limit"',
    });
    expect(summary(headerContent)).toEqual({
      path: [...op, 'responses', '200', 'headers', 'X-Info', 'content', 'text/plain', 'schema'],
      roles: ['header'],
      label: 'Header "X-Info"',
    });
    expect(index.schemas.size).toBe(8);
  });

  it('gives a schema shared by request and response both roles, walking it once per role', () => {
    const name = { type: 'string' };
    const user = { type: 'object', properties: { name } };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: user } } },
            responses: { '200': { content: { 'application/json': { schema: user } } } },
          },
          put: { requestBody: { content: { 'application/json': { schema: user } } }, responses: {} },
        },
        '/b': { get: { parameters: [{ name: 'n', in: 'query', schema: name }] } },
      },
    });
    expect(rolesOf(index, user)).toEqual(['request-body', 'response-body']);
    expect(rolesOf(index, name)).toEqual(['parameter', 'request-body', 'response-body']);
    // The first path and label the walk reached it by are kept.
    expect(entryOf(index, name).path).toEqual([
      'paths',
      '/a',
      'post',
      'requestBody',
      'content',
      'application/json',
      'schema',
      'properties',
      'name',
    ]);
    expect(entryOf(index, name).label).toBe('Property "name"');
    expect(index.schemas.size).toBe(2);
  });

  it('leaves readOnly properties out of the request role and writeOnly ones out of the response role', () => {
    const id = { type: 'string', readOnly: true };
    const password = { type: 'string', writeOnly: true };
    const name = { type: 'string' };
    const user = { type: 'object', properties: { id, password, name } };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: user } } },
            responses: { '201': { content: { 'application/json': { schema: user } } } },
          },
        },
        '/b': { get: { parameters: [{ name: 'f', in: 'query', content: { 'application/json': { schema: { properties: { id } } } } }] } },
      },
    });
    expect(rolesOf(index, id)).toEqual(['response-body']);
    expect(rolesOf(index, password)).toEqual(['request-body']);
    expect(rolesOf(index, name)).toEqual(['request-body', 'response-body']);
  });

  it('walks every subschema keyword, but not `not`', () => {
    const s = () => ({ type: 'string' });
    const parts = {
      item: s(),
      additionalItem: s(),
      contains: s(),
      unevaluatedItem: s(),
      prefix: s(),
      tupleItem: s(),
      additional: s(),
      unevaluated: s(),
      pattern: s(),
      ifS: s(),
      thenS: s(),
      elseS: s(),
      all: s(),
      any: s(),
      one: s(),
      dependent: s(),
      dependency: s(),
      not: s(),
    };
    const root = {
      type: 'object',
      items: parts.item,
      additionalItems: parts.additionalItem,
      contains: parts.contains,
      unevaluatedItems: parts.unevaluatedItem,
      prefixItems: [parts.prefix],
      additionalProperties: parts.additional,
      unevaluatedProperties: parts.unevaluated,
      patternProperties: { '^x-': parts.pattern },
      if: parts.ifS,
      then: parts.thenS,
      else: parts.elseS,
      allOf: [parts.all],
      anyOf: [parts.any],
      oneOf: [parts.one],
      dependentSchemas: { a: parts.dependent },
      dependencies: { b: parts.dependency, c: ['a'] },
      not: parts.not,
    };
    const tuple = { items: [parts.tupleItem] };
    const body = (schema: JsonObject) => ({ requestBody: { content: { 'application/json': { schema } } } });
    const index = indexOf({ ...HEADERS[version], paths: { '/a': { post: body(root), put: body(tuple) } } });
    const labelAndPath = (schema: JsonObject) => {
      const entry = entryOf(index, schema);
      return [entry.label, entry.path.slice(7).join('/')];
    };
    const { not, ...walked } = parts;
    expect(index.schemas.has(not)).toBe(false);
    expect(Object.fromEntries(Object.entries(walked).map(([k, v]) => [k, labelAndPath(v)]))).toEqual({
      item: ['Each item of the request body', 'items'],
      additionalItem: ['Each item of the request body', 'additionalItems'],
      contains: ['Each item of the request body', 'contains'],
      unevaluatedItem: ['Each item of the request body', 'unevaluatedItems'],
      prefix: ['Each item of the request body', 'prefixItems/0'],
      tupleItem: ['Each item of the request body', 'items/0'],
      additional: ['Each value of the request body', 'additionalProperties'],
      unevaluated: ['Each value of the request body', 'unevaluatedProperties'],
      pattern: ['Each value of the request body', 'patternProperties/^x-'],
      ifS: ['Request body', 'if'],
      thenS: ['Request body', 'then'],
      elseS: ['Request body', 'else'],
      all: ['Request body', 'allOf/0'],
      any: ['Request body', 'anyOf/0'],
      one: ['Request body', 'oneOf/0'],
      dependent: ['Request body', 'dependentSchemas/a'],
      dependency: ['Request body', 'dependencies/b'],
    });
  });

  it('terminates on circular schemas and indexes each schema once', () => {
    const node: JsonObject = { type: 'object', properties: { name: { type: 'string' } } };
    (node.properties as JsonObject).children = { type: 'array', items: node };
    (node.properties as JsonObject).parent = node;
    node.allOf = [node];
    const a: JsonObject = { type: 'object' };
    const b: JsonObject = { type: 'object', properties: { a } };
    a.properties = { b };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: node } } },
            responses: { '200': { content: { 'application/json': { schema: a } } } },
          },
        },
      },
    });
    expect(index.schemas.size).toBe(5);
    expect(rolesOf(index, node)).toEqual(['request-body']);
    expect(rolesOf(index, b)).toEqual(['response-body']);
  });

  it('does not overflow the stack on 10,000-level nesting, and stays fast', () => {
    let properties: JsonObject = { type: 'string' };
    let items: JsonObject = { type: 'string' };
    let allOf: JsonObject = { type: 'string' };
    for (let i = 0; i < 10_000; i++) {
      properties = { type: 'object', properties: { a: properties } };
      items = { type: 'array', items };
      allOf = { allOf: [allOf, { properties: { a: { maxLength: 1 } } }] };
    }
    const started = Date.now();
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: properties } } },
            responses: {
              '200': { content: { 'application/json': { schema: items } } },
              '201': { content: { 'application/json': { schema: allOf } } },
            },
          },
        },
      },
    });
    expect(index.schemas.size).toBe(10_001 + 10_001 + 30_001);
    let deepest = properties;
    while (deepest.properties) deepest = (deepest.properties as JsonObject).a as JsonObject;
    const entry = entryOf(index, deepest);
    expect(entry.path).toHaveLength(7 + 2 * 10_000);
    expect(entry.path.slice(-2)).toEqual(['properties', 'a']);
    expect(entry.label).toBe('Property "a"');
    let deepestItem = items;
    while (deepestItem.items) deepestItem = deepestItem.items as JsonObject;
    expect(entryOf(index, deepestItem).label).toBe('Each item of the response body');
    expect(index.allOfPeers.group(allOf)).toHaveLength(20_001);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('links allOf peers: a schema, its (nested) branches and their same-named properties', () => {
    const baseName = { type: 'string' };
    const limitName = { maxLength: 50 };
    const nestedName = { pattern: '^a$' };
    const other = { type: 'string' };
    const base = { type: 'object', properties: { name: baseName, other } };
    const limits = { properties: { name: limitName } };
    const nested = { allOf: [{ properties: { name: nestedName } }] };
    const composed = { allOf: [base, limits, nested] };
    const strBranch = { type: 'string' };
    const bounded = { allOf: [strBranch], maxLength: 10 };
    const lone = { type: 'string' };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: { properties: { user: composed, title: bounded, lone } } } } },
          },
        },
      },
    });
    const peers = index.allOfPeers;
    expect(new Set(peers.get(baseName))).toEqual(new Set([limitName, nestedName]));
    expect(new Set(peers.get(limitName))).toEqual(new Set([baseName, nestedName]));
    expect(peers.get(other)).toBeUndefined();
    expect(peers.get(strBranch)).toEqual([bounded]);
    expect(peers.get(bounded)).toEqual([strBranch]);
    expect(peers.has(lone)).toBe(false);
    expect(peers.group(lone)).toBeUndefined();
    expect(peers.group(baseName)).toBe(peers.group(nestedName));
  });

  it('gives a component used on its own and in an allOf composition one value group per place', () => {
    const baseName = { type: 'string' };
    const limitName = { maxLength: 50 };
    const base = { type: 'object', properties: { name: baseName } };
    const composed = { allOf: [base, { properties: { name: limitName } }] };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: { requestBody: { content: { 'application/json': { schema: composed } } } },
          put: { requestBody: { content: { 'application/json': { schema: base } } } },
        },
        '/b': { get: { responses: { '200': { content: { 'application/json': { schema: { properties: { name: baseName } } } } } } } },
      },
    });
    const groups = index.valueGroups.of(baseName).map(g => ({ members: g.members, roles: [...g.roles], unreached: g.unreached }));
    expect(groups).toEqual(
      expect.arrayContaining([
        { members: [baseName, limitName], roles: ['request-body'], unreached: false },
        // The response's use starts no value group: value groups describe what the API accepts.
        { members: [baseName], roles: ['request-body'], unreached: false },
      ]),
    );
    expect(groups).toHaveLength(2);
    expect(index.valueGroups.of(limitName)).toHaveLength(1);
    expect(index.valueGroups.of({})).toEqual([]);
  });

  it('drops request roles from a value group made readOnly by any member (and responses start no group)', () => {
    const id = { type: 'string' };
    const body = { properties: { id: { allOf: [id], readOnly: true } } };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: body } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: body } } } },
          },
        },
      },
    });
    expect(index.valueGroups.of(id).map(g => [...g.roles])).toEqual([[]]);
  });

  it('lists the entries reached as named properties by name, each list in index order', () => {
    const userName = { type: 'string' };
    const orgName = { type: 'string', maxLength: 9 };
    const id = { type: 'integer' };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/u': { post: { requestBody: { content: { 'application/json': { schema: { properties: { name: userName, id } } } } } } },
        '/o': { post: { requestBody: { content: { 'application/json': { schema: { properties: { name: orgName, 'x-name': id } } } } } } },
      },
    });
    const byName = [...index.propertiesByName].map(([name, entries]) => [name, entries.map(entry => entry.schema)]);
    // `id` is one schema reached under two names: one entry, under the name it was first reached by.
    expect(byName).toEqual([
      ['name', [userName, orgName]],
      ['id', [id]],
    ]);
    expect(index.propertiesByName).toBe(index.propertiesByName);
  });

  it('notes the schemas that have a pattern, deprecated, a format or a value, each list in index order', () => {
    const code = { type: 'string', pattern: '^[a-z]+$', example: 'abc' };
    const old = { type: 'string', deprecated: false, default: 'x' };
    const when = { type: 'string', format: 'date-time', 'x-example': '2024-01-01T00:00:00Z' };
    const tags = { type: 'array', items: { type: 'string' }, examples: [['a']] };
    const plain = { type: 'string' };
    const spare = { type: 'string', pattern: '^.$', deprecated: true };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          post: {
            requestBody: { content: { 'application/json': { schema: { properties: { code, plain, tags } } } } },
            responses: { '200': { description: 'ok', content: { 'application/json': { schema: { properties: { old, when } } } } } },
          },
        },
      },
      components: { schemas: { Spare: spare } },
    });
    const noted = Object.fromEntries(Object.entries(index.schemasWith).map(([keyword, entries]) => [keyword, entries.map(e => e.schema)]));
    expect(noted).toEqual({ pattern: [code, spare], deprecated: [old, spare], format: [when], value: [code, tags, old, when] });
    expect(index.schemasWith.pattern[0]).toBe(entryOf(index, code));
  });

  it('indexes definitions no operation reaches as unreached, walked like request bodies', () => {
    const used = { type: 'string' };
    const street = { type: 'string' };
    const id = { type: 'string', readOnly: true };
    const address = { type: 'object', properties: { street, id } };
    const index = indexOf({
      ...HEADERS[version],
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', schema: used }] } } },
      components: { schemas: { Used: used, Address: address } },
    });
    expect(plainEntry(entryOf(index, address))).toEqual({
      schema: address,
      path: ['components', 'schemas', 'Address'],
      roles: new Set(),
      unreached: true,
      label: 'Schema "Address"',
    });
    expect(entryOf(index, street)).toMatchObject({ unreached: true, label: 'Property "street"', roles: new Set() });
    expect(index.schemas.has(id)).toBe(false);
    expect(entryOf(index, used).unreached).toBeUndefined();
    expect(index.valueGroups.of(street).map(g => g.unreached)).toEqual([true]);
  });

  it('keeps type arrays as written', () => {
    const nullable = { type: ['string', 'null'] };
    const index = indexOf({
      ...HEADERS[version],
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', schema: nullable }] } } },
    });
    expect(entryOf(index, nullable).schema.type).toEqual(['string', 'null']);
  });
});

describe('odd shapes never throw', () => {
  it('ignores boolean schemas (3.1)', () => {
    const index = indexOf({
      ...OAS31,
      paths: {
        '/a': {
          post: {
            requestBody: {
              content: {
                'application/json': { schema: true },
                'text/plain': { schema: { properties: { a: true, b: false }, items: false, additionalProperties: true, allOf: [true] } },
              },
            },
          },
        },
      },
    });
    expect(index.schemas.size).toBe(1);
  });

  it.each([
    ['paths: null', { paths: null }],
    ['paths: a list', { paths: [{ get: {} }] }],
    ['paths: a string', { paths: 'x' }],
    ['a path item that is null', { paths: { '/a': null } }],
    ['parameters not an array', { paths: { '/a': { parameters: { name: 'x' }, get: { parameters: 'x' } } } }],
    ['responses not an object', { paths: { '/a': { get: { responses: [1, 2] } } } }],
    ['a response that is null', { paths: { '/a': { get: { responses: { '200': null } } } } }],
    ['content not an object', { paths: { '/a': { post: { requestBody: { content: 'x' }, responses: { '200': { content: [] } } } } } }],
    ['a schema that is a string', { paths: { '/a': { post: { requestBody: { content: { 'a/b': { schema: 'x' } } } } } } }],
    [
      'properties not an object',
      { paths: { '/a': { post: { requestBody: { content: { 'a/b': { schema: { properties: [1], allOf: 'x', items: 3 } } } } } } } },
    ],
    ['security not a list', { security: 'x', paths: { '/a': { get: { security: 1 } } } }],
    ['servers not a list', { servers: { url: 'x' }, paths: { '/a': { servers: 1 } } }],
    ['components not an object', { components: 'x' }],
  ])('%s', (_, shape) => {
    for (const header of [OAS2, OAS30, OAS31]) expect(() => indexOf({ ...header, ...shape })).not.toThrow();
  });

  it('treats schema properties named parameters, responses or paths as properties', () => {
    const name = { type: 'string' };
    const props = {
      type: 'object',
      properties: {
        parameters: { type: 'object', properties: { name } },
        responses: { type: 'object', properties: { '200': { type: 'object' } } },
        paths: { type: 'array', items: { type: 'string' } },
        get: { type: 'object' },
      },
    };
    for (const header of [OAS30, OAS31]) {
      const index = indexOf({
        ...header,
        paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: props } } } } } },
      });
      expect(index.operations).toHaveLength(1);
      expect(index.operations[0].parameters).toEqual([]);
      expect(entryOf(index, name).path.slice(-4)).toEqual(['properties', 'parameters', 'properties', 'name']);
      expect(index.schemas.size).toBe(8);
    }
    const oas2 = indexOf({ ...OAS2, paths: { '/a': { post: { parameters: [{ name: 'b', in: 'body', schema: props }] } } } });
    expect(entryOf(oas2, name).roles).toEqual(new Set(['request-body']));
  });
});

describe('cache', () => {
  it('returns the same index for the same root and a new one for another root', () => {
    const doc = { ...OAS30, paths: { '/a': { get: {} } } };
    const first = getDocumentIndex(doc);
    expect(getDocumentIndex(doc)).toBe(first);
    expect(getDocumentIndex({ ...doc })).not.toBe(first);
  });

  it('shares one empty index for every non-object root', () => {
    expect(getDocumentIndex(null)).toBe(getDocumentIndex(undefined));
  });
});

const opName = (op: OperationEntry) => `${op.kind} ${op.method.toUpperCase()} ${op.pathKey}`;
const json = (schema: unknown) => ({ 'application/json': { schema } });

describe('responses', () => {
  it('OAS 2.0: the schema once per produced media type (operation, else root, else null), and headers', () => {
    const user = { type: 'object' };
    const rate = { type: 'integer' };
    const index = indexOf({
      ...OAS2,
      produces: ['application/json'],
      paths: {
        '/a': {
          get: {
            produces: ['application/json', 'application/xml'],
            responses: {
              '200': { description: 'ok', schema: user, headers: { 'x-rate-limit': rate } },
              '404': { description: 'no body' },
              'x-ext': { schema: user },
            },
          },
          put: { responses: { default: { schema: user } } },
        },
        '/b': { get: { produces: [], responses: { '200': { schema: user } } } },
      },
    });
    const [get, put] = index.operations;
    const r200 = ['paths', '/a', 'get', 'responses', '200'];
    expect(get.responses).toEqual([
      {
        status: '200',
        path: r200,
        response: get.operation.responses && (get.operation.responses as JsonObject)['200'],
        headers: [{ name: 'x-rate-limit', path: [...r200, 'headers', 'x-rate-limit'], header: rate }],
        content: [
          { mediaType: 'application/json', path: r200, schema: user },
          { mediaType: 'application/xml', path: r200, schema: user },
        ],
      },
      { status: '404', path: ['paths', '/a', 'get', 'responses', '404'], response: { description: 'no body' }, headers: [], content: [] },
    ]);
    expect(put.responses[0].content).toEqual([
      { mediaType: 'application/json', path: ['paths', '/a', 'put', 'responses', 'default'], schema: user },
    ]);
    // An explicit empty list overrides the root's: the media type is unknown.
    expect(index.operations[2].responses[0].content.map(c => c.mediaType)).toEqual([null]);
  });

  it.each(['3.0', '3.1'] as const)('OAS %s: content entries (with or without a schema) and headers; OAS2 shapes ignored', version => {
    const res = { type: 'object' };
    const header = { schema: { type: 'integer' } };
    const shared = { description: 'a $ref-ed response', content: json(res) };
    const index = indexOf({
      ...HEADERS[version],
      paths: {
        '/a': {
          get: {
            responses: {
              '2XX': {
                content: { ...json(res), 'text/plain': {}, 'bad/media': 'x' },
                headers: { 'X-Rate-Limit': header, junk: 1 },
                schema: res,
              },
              '404': shared,
              'x-ext': shared,
            },
          },
          put: { responses: { default: shared } },
        },
      },
    });
    const [get, put] = index.operations;
    const base = ['paths', '/a', 'get', 'responses', '2XX'];
    // In object key order: JavaScript puts integer-like keys first.
    expect(get.responses.map(r => r.status)).toEqual(['404', '2XX']);
    expect(get.responses[1].content).toEqual([
      { mediaType: 'application/json', path: [...base, 'content', 'application/json'], schema: res },
      { mediaType: 'text/plain', path: [...base, 'content', 'text/plain'] },
    ]);
    expect(get.responses[1].headers).toEqual([{ name: 'X-Rate-Limit', path: [...base, 'headers', 'X-Rate-Limit'], header }]);
    expect(get.responses[0].response).toBe(shared);
    expect(put.responses[0]).toMatchObject({ status: 'default', response: shared, path: ['paths', '/a', 'put', 'responses', 'default'] });
  });

  it.each([
    ['responses: []', []],
    ['responses: a string', 'x'],
    ['responses: 5', 5],
    ['a response that is a list', { '200': [] }],
    ['headers and content that are lists', { '200': { headers: [{ schema: {} }], content: [json({})], schema: [] } }],
  ])('odd shapes give no responses, never throw: %s', (_, responses) => {
    for (const header of [OAS2, OAS30, OAS31]) {
      const index = indexOf({ ...header, paths: { '/a': { get: { responses } } } });
      const all = index.operations[0].responses;
      expect(all.flatMap(r => [...r.headers, ...r.content])).toEqual([]);
    }
  });
});

describe('callbacks and webhooks', () => {
  const hookBody = { type: 'object', properties: { event: { type: 'string' } } };
  const hookReply = { type: 'string' };
  const callbackItem = () => ({
    parameters: [{ name: 'sig', in: 'header', schema: { type: 'string' } }],
    post: { requestBody: { content: json(hookBody) }, responses: { '200': { content: json(hookReply) } } },
  });

  it.each(['3.0', '3.1'] as const)('OAS %s: indexes callback operations with their location, apart from path operations', version => {
    const onEvent = { '{$request.body#/url}': callbackItem(), 'x-ext': { post: {} } };
    const index = indexOf({
      ...HEADERS[version],
      security: [{ key: [] }],
      paths: { '/subscribe': { post: { callbacks: { onEvent }, responses: { '201': {} } } } },
    });
    expect(opsOf(index)).toEqual(['POST /subscribe']);
    expect(index.operations[0].kind).toBe('path');
    const [callback] = index.outboundOperations;
    expect(index.outboundOperations.map(opName)).toEqual(['callback POST {$request.body#/url}']);
    expect(callback.path).toEqual(['paths', '/subscribe', 'post', 'callbacks', 'onEvent', '{$request.body#/url}', 'post']);
    expect(callback.callback).toEqual({ parent: index.operations[0], name: 'onEvent', expression: '{$request.body#/url}' });
    expect(callback.parameters.map(p => p.path)).toEqual([
      ['paths', '/subscribe', 'post', 'callbacks', 'onEvent', '{$request.body#/url}', 'parameters', 0],
    ]);
    expect(callback.responses.map(r => r.status)).toEqual(['200']);
    expect(callback.security.source).toBe('root');
    // Its schemas are indexed, with roles apart from the API's own.
    const body = entryOf(index, hookBody);
    expect(body.roles).toEqual(new Set());
    expect(body.outboundRoles).toEqual(new Set(['request-body']));
    expect(entryOf(index, hookReply).outboundRoles).toEqual(new Set(['response-body']));
    expect(entryOf(index, hookBody.properties.event).usages.map(u => opName(u.operation))).toEqual(['callback POST {$request.body#/url}']);
  });

  it('OAS 2.0 has no callbacks; OAS 3.0 has no webhooks', () => {
    const op = { callbacks: { cb: { '{$url}': callbackItem() } } };
    expect(indexOf({ ...OAS2, paths: { '/a': { post: op } } }).outboundOperations).toEqual([]);
    const oas30 = indexOf({ ...OAS30, webhooks: { hook: callbackItem() }, paths: { '/a': { post: op } } });
    expect(oas30.outboundOperations.map(opName)).toEqual(['callback POST {$url}']);
  });

  it('OAS 3.1: webhooks, their callbacks, and callbacks in components', () => {
    const nested = { '{$request.body#/next}': { get: { responses: {} } } };
    const unused = { '{$url}': { delete: {} } };
    const index = indexOf({
      ...OAS31,
      webhooks: { newPet: { ...callbackItem(), put: { callbacks: { again: nested } } }, bad: 'x', list: [] },
      components: { callbacks: { unused, nested, junk: 5 } },
    });
    expect(index.operations).toEqual([]);
    expect(index.outboundOperations.map(op => [opName(op), op.path.join('/'), op.callback?.parent?.pathKey ?? null])).toEqual([
      ['webhook POST newPet', 'webhooks/newPet/post', null],
      ['webhook PUT newPet', 'webhooks/newPet/put', null],
      ['callback GET {$request.body#/next}', 'webhooks/newPet/put/callbacks/again/{$request.body#/next}/get', 'newPet'],
      // Only the components callback no operation reached; `nested` is listed once, under its first user.
      ['callback DELETE {$url}', 'components/callbacks/unused/{$url}/delete', null],
    ]);
    expect(index.outboundOperations[3].callback).toEqual({ parent: null, name: 'unused', expression: '{$url}' });
    expect(entryOf(index, hookBody).usages.map(u => [opName(u.operation), u.role])).toEqual([['webhook POST newPet', 'request-body']]);
  });

  it('expands a shared or self-referencing callback once, and follows nested callbacks 8 levels deep', () => {
    const loop: JsonObject = {};
    loop['{$url}'] = { post: { callbacks: { again: loop, other: loop } } };
    let deep: JsonObject = { '{$url}': { get: {} } };
    for (let i = 0; i < 10_000; i++) deep = { '{$url}': { get: { callbacks: { next: deep } } } };
    const index = indexOf({
      ...OAS30,
      paths: { '/a': { post: { callbacks: { loop, deep } }, put: { callbacks: { loop } } } },
    });
    expect(index.outboundOperations.map(op => op.callback?.name)).toEqual(['loop', 'deep', ...Array<string>(7).fill('next')]);
    const [first] = index.outboundOperations;
    expect(first.callback?.parent).toBe(index.operations[0]);
    expect(index.outboundOperations[8].path).toHaveLength(3 + 8 * 4);
  });

  it('lists a callback with 150,000 expressions without overflowing the stack', () => {
    const huge: JsonObject = {};
    for (let i = 0; i < 150_000; i++) huge[`{$url}/${i}`] = { get: {} };
    const index = indexOf({ ...OAS30, paths: { '/a': { post: { callbacks: { huge } } } } });
    expect(index.outboundOperations).toHaveLength(150_000);
  });

  it.each([
    ['callbacks: 5', { paths: { '/a': { post: { callbacks: 5 } } } }],
    ['a callback that is a string', { paths: { '/a': { post: { callbacks: { cb: 'x' } } } } }],
    ['a callback path item that is a string', { paths: { '/a': { post: { callbacks: { cb: { '{$url}': 'x' } } } } } }],
    ['a path item that is a string', { paths: { '/a': 'x' } }],
    ['webhooks: a list', { webhooks: [{ post: {} }] }],
    ['webhooks: a string', { webhooks: 'x' }],
    ['components.callbacks: a list', { components: { callbacks: [{ '{$url}': { post: {} } }] } }],
  ])('odd shapes index nothing, never throw: %s', (_, shape) => {
    for (const header of [OAS2, OAS30, OAS31]) {
      const index = indexOf({ ...header, ...shape });
      expect(index.outboundOperations).toEqual([]);
    }
  });
});

describe('OAS 3.0 x-webhooks', () => {
  it('lists x-webhooks as webhook operations, so their payloads are outbound, not unreached definitions', () => {
    const payload = { type: 'object', properties: { action: { type: 'string' } } };
    const index = indexOf({
      ...OAS30,
      paths: {},
      'x-webhooks': { push: { post: { requestBody: { content: { 'application/json': { schema: payload } } } } } },
      components: { schemas: { Payload: payload } },
    });
    expect(index.outboundOperations.map(op => [op.kind, op.path])).toEqual([['webhook', ['x-webhooks', 'push', 'post']]]);
    expect(entryOf(index, payload)).toMatchObject({ roles: new Set(), outboundRoles: new Set(['request-body']) });
    expect(entryOf(index, payload).unreached).toBeUndefined();
  });
});

describe('schema usages', () => {
  const usageOf = (u: SchemaUsage) => ({
    op: opName(u.operation),
    role: u.role,
    status: u.status,
    mediaType: u.mediaType,
    parameterIn: u.parameterIn,
    name: u.name,
  });

  it.each(['3.0', '3.1'] as const)(
    'OAS %s: records operation, role, status, media type, parameter location and name, in document order',
    version => {
      const name = { type: 'string' };
      const user = { type: 'object', properties: { name } };
      const limit = { type: 'integer' };
      const index = indexOf({
        ...HEADERS[version],
        paths: {
          '/users': {
            parameters: [{ name: 'limit', in: 'query', schema: limit }],
            post: {
              requestBody: { content: { ...json(user), 'application/xml': { schema: user } } },
              responses: {
                '201': { content: json(user), headers: { 'X-Limit': { schema: limit } } },
                '4XX': { content: { 'application/problem+json': { schema: name } } },
              },
            },
          },
          '/search': { get: { parameters: [{ name: 'filter', in: 'query', content: json(user) }] } },
        },
      });
      const op = 'path POST /users';
      expect(entryOf(index, user).usages.map(usageOf)).toEqual([
        { op, role: 'request-body', status: null, mediaType: 'application/json', parameterIn: null, name: null },
        { op, role: 'request-body', status: null, mediaType: 'application/xml', parameterIn: null, name: null },
        { op, role: 'response-body', status: '201', mediaType: 'application/json', parameterIn: null, name: null },
        { op: 'path GET /search', role: 'parameter', status: null, mediaType: 'application/json', parameterIn: 'query', name: 'filter' },
      ]);
      // A nested schema has the usages of every schema it is reached from, and of its own.
      expect(entryOf(index, name).usages.map(usageOf)).toEqual([
        ...entryOf(index, user).usages.slice(0, 3).map(usageOf),
        { op, role: 'response-body', status: '4XX', mediaType: 'application/problem+json', parameterIn: null, name: null },
        entryOf(index, user).usages.map(usageOf)[3],
      ]);
      expect(entryOf(index, limit).usages.map(usageOf)).toEqual([
        { op, role: 'parameter', status: null, mediaType: null, parameterIn: 'query', name: 'limit' },
        { op, role: 'header', status: '201', mediaType: null, parameterIn: null, name: 'X-Limit' },
      ]);
      const first = entryOf(index, user).usages[0];
      expect(first.schema).toBe(user);
      expect(first.path).toEqual(['paths', '/users', 'post', 'requestBody', 'content', 'application/json', 'schema']);
      expect(first.operation).toBe(index.operations[0]);
    },
  );

  it('OAS 2.0: body parameters once per consumed media type, other parameters and headers with none', () => {
    const body = { type: 'object', properties: { a: { type: 'string' } } };
    const index = indexOf({
      ...OAS2,
      consumes: ['application/json', 'text/xml'],
      produces: ['application/json'],
      paths: {
        '/a': {
          post: {
            parameters: [
              { name: 'b', in: 'body', schema: body },
              { name: 'f', in: 'formData', type: 'string' },
            ],
            responses: { '200': { schema: body, headers: { 'X-A': { type: 'string' } } } },
          },
        },
      },
    });
    const op = 'path POST /a';
    expect(entryOf(index, body.properties.a).usages.map(usageOf)).toEqual([
      { op, role: 'request-body', status: null, mediaType: 'application/json', parameterIn: 'body', name: null },
      { op, role: 'request-body', status: null, mediaType: 'text/xml', parameterIn: 'body', name: null },
      { op, role: 'response-body', status: '200', mediaType: 'application/json', parameterIn: null, name: null },
    ]);
    const params = index.operations[0].parameters;
    expect(entryOf(index, params[1].parameter).usages.map(usageOf)).toEqual([
      { op, role: 'parameter', status: null, mediaType: null, parameterIn: 'formData', name: 'f' },
    ]);
  });

  it('follows roles: a readOnly property has no request usages; cycles terminate', () => {
    const id = { type: 'string', readOnly: true };
    const node: JsonObject = { type: 'object', properties: { id } };
    (node.properties as JsonObject).self = node;
    node.items = { allOf: [node] };
    const index = indexOf({
      ...OAS30,
      paths: { '/a': { post: { requestBody: { content: json(node) }, responses: { '200': { content: json(node) } } } } },
    });
    expect(entryOf(index, id).usages.map(u => u.role)).toEqual(['response-body']);
    expect(entryOf(index, node).usages.map(u => u.role)).toEqual(['request-body', 'response-body']);
    expect(entryOf(index, node.items as JsonObject).usages).toEqual(entryOf(index, node).usages);
  });

  it('derives usages 10,000 levels deep without recursion, sharing one array along a chain', () => {
    let schema: JsonObject = { type: 'string' };
    const leaf = schema;
    for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { a: schema } };
    const index = indexOf({ ...OAS30, paths: { '/a': { post: { requestBody: { content: json(schema) } } } } });
    const usages = entryOf(index, leaf).usages;
    expect(usages.map(u => u.schema)).toEqual([schema]);
    expect(entryOf(index, (schema.properties as JsonObject).a as JsonObject).usages).toBe(usages);
    expect(entryOf(index, leaf).usages).toBe(usages); // kept
  });

  it('stays cheap when one schema is shared by thousands of operations', () => {
    const leaf = { type: 'string' };
    const shared = { type: 'object', properties: { a: { type: 'object', properties: { leaf } } } };
    const paths: JsonObject = {};
    for (let i = 0; i < 5_000; i++)
      paths[`/p${i}`] = { post: { requestBody: { content: json({ type: 'object', properties: { s: shared } }) } } };
    const started = Date.now();
    const index = indexOf({ ...OAS30, paths });
    let total = 0;
    for (const entry of index.schemas.values()) total += entry.usages.length;
    expect(entryOf(index, leaf).usages).toHaveLength(5_000);
    expect(total).toBe(5_000 * 3 + 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('security scopes', () => {
  it('OAS 2.0: declared scopes (extensions skipped), and the schemes and scopes of each requirement', () => {
    const oauth = { type: 'oauth2', flow: 'implicit', scopes: { 'read:pets': 'read', 'write:pets': 'write', 'x-ext': 'no' } };
    const index = indexOf({
      ...OAS2,
      securityDefinitions: { oauth, key: { type: 'apiKey', in: 'header', name: 'k' } },
      paths: { '/a': { get: { security: [{ oauth: ['read:pets', 5], missing: [] }, {}, { key: 'x' }] } } },
    });
    const [oauthEntry, keyEntry] = index.securitySchemes;
    expect(oauthEntry.scopes).toEqual([
      { name: 'read:pets', description: 'read', flow: null, path: ['securityDefinitions', 'oauth', 'scopes', 'read:pets'] },
      { name: 'write:pets', description: 'write', flow: null, path: ['securityDefinitions', 'oauth', 'scopes', 'write:pets'] },
    ]);
    expect(keyEntry.scopes).toEqual([]);
    const base = ['paths', '/a', 'get', 'security'];
    expect(index.operations[0].security.requirements.map(r => r.schemes)).toEqual([
      [
        { name: 'oauth', scheme: oauthEntry, scopes: ['read:pets'], path: [...base, 0, 'oauth'] },
        { name: 'missing', scheme: undefined, scopes: [], path: [...base, 0, 'missing'] },
      ],
      [],
      [{ name: 'key', scheme: keyEntry, scopes: [], path: [...base, 2, 'key'] }],
    ]);
    expect(index.operations[0].security.requirements[0].schemes[0].scheme).toBe(oauthEntry);
  });

  it.each(['3.0', '3.1'] as const)('OAS %s: scopes of every flow, and root requirements resolved too', version => {
    const oauth = {
      type: 'oauth2',
      flows: {
        implicit: { authorizationUrl: 'https://a', scopes: { read: 'r' } },
        authorizationCode: { scopes: { read: 'r', write: 'w' } },
        password: { scopes: [] },
        clientCredentials: 'x',
      },
    };
    const index = indexOf({
      ...HEADERS[version],
      security: [{ oauth: ['write'] }],
      components: { securitySchemes: { oauth } },
      paths: { '/a': { get: {} } },
    });
    const flows = ['components', 'securitySchemes', 'oauth', 'flows'];
    expect(index.securitySchemes[0].scopes).toEqual([
      { name: 'read', description: 'r', flow: 'implicit', path: [...flows, 'implicit', 'scopes', 'read'] },
      { name: 'read', description: 'r', flow: 'authorizationCode', path: [...flows, 'authorizationCode', 'scopes', 'read'] },
      { name: 'write', description: 'w', flow: 'authorizationCode', path: [...flows, 'authorizationCode', 'scopes', 'write'] },
    ]);
    expect(index.operations[0].security.requirements[0].schemes).toEqual([
      { name: 'oauth', scheme: index.securitySchemes[0], scopes: ['write'], path: ['security', 0, 'oauth'] },
    ]);
  });

  it('tolerates odd scope shapes', () => {
    const index = indexOf({
      ...OAS30,
      components: { securitySchemes: { a: { flows: 'x' }, b: { flows: { implicit: { scopes: 'x' } } }, c: {} } },
    });
    expect(index.securitySchemes.map(s => s.scopes)).toEqual([[], [], []]);
  });
});

describe('a failed build', () => {
  /** A document whose `paths` getter throws: a stand-in for a bug in a collector. */
  const brokenDocument = () => {
    const doc = { ...OAS30, reads: 0 };
    Object.defineProperty(doc, 'paths', {
      enumerable: true,
      get() {
        doc.reads++;
        throw new Error('boom');
      },
    });
    return doc;
  };

  it('is cached: every read throws the same error, and the build runs once', () => {
    const doc = brokenDocument();
    let first: unknown;
    try {
      getDocumentIndex(doc);
    } catch (error) {
      first = error;
    }
    expect(first).toBeInstanceOf(IndexBuildError);
    expect((first as Error).message).toBe('boom');
    expect(() => getDocumentIndex(doc)).toThrow(first);
    expect(doc.reads).toBe(1);
  });

  it('gives exactly one finding across all rules, from the first rule to read the index', async () => {
    const dir = path.join(import.meta.dirname, '..', 'functions');
    const rules = await Promise.all(
      fs
        .readdirSync(dir)
        .filter(file => file.endsWith('.ts'))
        .sort()
        .map(
          async file =>
            ((await import(path.join(dir, file))) as { default: (input: unknown, options: unknown, context: unknown) => unknown }).default,
        ),
    );
    expect(rules.length).toBeGreaterThanOrEqual(5);
    const doc = brokenDocument();
    const results = rules.map(rule => rule(doc, null, {}) as Array<{ message: string; path: unknown[] }>);
    expect(results[0]).toEqual([
      {
        message: 'specguard index failed on this document (boom); please report it. Rules that read the index did not check this document.',
        path: [],
      },
    ]);
    expect(results.flat()).toHaveLength(1);
    expect(doc.reads).toBe(1);
  });
});

describe('examples', () => {
  const listed = (index: DocumentIndex) =>
    index.examples.map(({ value, path, keyword, holder, label, name }) => ({ value, path: path.join('/'), keyword, holder, label, name }));

  it('OAS 2.0: parameter and header x-example and default, schema example, response examples by mime type', () => {
    const user = { type: 'object', properties: { pwd: { type: 'string', example: 'p1' } }, example: { pwd: 'p2' } };
    const index = indexOf({
      ...OAS2,
      definitions: { User: user },
      paths: {
        '/a': {
          post: {
            parameters: [
              { name: 'q', in: 'query', type: 'string', 'x-example': 'x1', default: 'd1' },
              { name: 'b', in: 'body', schema: user },
            ],
            responses: {
              '200': {
                description: 'ok',
                headers: { 'X-Token': { type: 'string', 'x-example': 'h1' } },
                examples: { 'application/json': { pwd: 'r1' } },
              },
            },
          },
        },
      },
    });
    expect(listed(index)).toEqual([
      {
        value: 'd1',
        path: 'paths//a/post/parameters/0/default',
        keyword: 'default',
        holder: 'parameter',
        label: 'Parameter "q"',
        name: 'q',
      },
      {
        value: 'x1',
        path: 'paths//a/post/parameters/0/x-example',
        keyword: 'x-example',
        holder: 'parameter',
        label: 'Parameter "q"',
        name: 'q',
      },
      {
        value: 'h1',
        path: 'paths//a/post/responses/200/headers/X-Token/x-example',
        keyword: 'x-example',
        holder: 'header',
        label: 'Header "X-Token"',
        name: 'X-Token',
      },
      {
        value: { pwd: 'r1' },
        path: 'paths//a/post/responses/200/examples/application/json',
        keyword: 'examples',
        holder: 'response',
        label: 'Response 200 (application/json)',
        name: undefined,
      },
      {
        value: { pwd: 'p2' },
        path: 'paths//a/post/parameters/1/schema/example',
        keyword: 'example',
        holder: 'schema',
        label: 'Schema "User"',
        name: undefined,
      },
      {
        value: 'p1',
        path: 'paths//a/post/parameters/1/schema/properties/pwd/example',
        keyword: 'example',
        holder: 'schema',
        label: 'Property "pwd"',
        name: 'pwd',
      },
    ]);
  });

  it('OAS 3.x: components.examples first and once, media type, parameter and header examples, schema values', () => {
    const shared = { summary: 's', value: { password: 'c1' } };
    const param = { name: 'token', in: 'header', schema: { type: 'string', default: 'd1' }, examples: { one: { value: 'e1' } } };
    const doc = {
      ...OAS30,
      components: { examples: { Login: shared, External: { externalValue: 'https://example.com/x.json' } }, parameters: { Token: param } },
      paths: {
        '/a': {
          post: {
            parameters: [param],
            requestBody: { content: { 'application/json': { schema: { type: 'object' }, examples: { login: shared } } } },
            responses: {
              '200': {
                description: 'ok',
                headers: { 'X-Id': { schema: { type: 'string' }, example: 'h1' } },
                content: { 'text/plain': { example: 'm1' } },
              },
            },
          },
          put: { parameters: [param], responses: {} },
        },
      },
    };
    expect(listed(indexOf(doc))).toEqual([
      {
        value: { password: 'c1' },
        path: 'components/examples/Login/value',
        keyword: 'examples',
        holder: 'component',
        label: 'Example "Login"',
        name: undefined,
      },
      {
        value: 'e1',
        path: 'paths//a/post/parameters/0/examples/one/value',
        keyword: 'examples',
        holder: 'parameter',
        label: 'Parameter "token"',
        name: 'token',
      },
      {
        value: 'h1',
        path: 'paths//a/post/responses/200/headers/X-Id/example',
        keyword: 'example',
        holder: 'header',
        label: 'Header "X-Id"',
        name: 'X-Id',
      },
      {
        value: 'm1',
        path: 'paths//a/post/responses/200/content/text/plain/example',
        keyword: 'example',
        holder: 'media-type',
        label: 'Response 200 body (text/plain)',
        name: undefined,
      },
      {
        value: 'd1',
        path: 'paths//a/post/parameters/0/schema/default',
        keyword: 'default',
        holder: 'schema',
        label: 'Parameter "token"',
        name: 'token',
      },
    ]);
  });

  it('OAS 3.1: the JSON Schema examples list, one entry per value', () => {
    const index = indexOf({
      ...OAS31,
      paths: { '/a': { get: { responses: { '200': { description: 'ok', content: json({ type: 'string', examples: ['a', 'b'] }) } } } } },
    });
    expect(listed(index).map(e => [e.value, e.path])).toEqual([
      ['a', 'paths//a/get/responses/200/content/application/json/schema/examples/0'],
      ['b', 'paths//a/get/responses/200/content/application/json/schema/examples/1'],
    ]);
  });

  it('is built on first read, kept, and empty for odd shapes', () => {
    const index = indexOf({
      ...OAS30,
      components: { examples: 'x' },
      paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', examples: [1] }] } } },
    });
    expect(Object.keys(index)).not.toContain('examples');
    expect(index.examples).toEqual([]);
    expect(index.examples).toBe(index.examples);
    expect(getDocumentIndex('x').examples).toEqual([]);
  });
});

describe('index.inputs', () => {
  const body = (schema: JsonObject) => ({ content: { 'application/json': { schema } } });
  const properties = {
    name: { type: 'string' },
    nickname: { type: ['string', 'null'] },
    age: { type: 'integer' },
    tags: { type: 'array', items: { type: 'string' } },
    free: { description: 'no type' },
    odd: { type: 'untyped' },
  };
  const index = indexOf({
    ...OAS31,
    paths: {
      '/a': {
        post: {
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string', maxLength: 10 } }],
          requestBody: body({ type: 'object', properties }),
        },
      },
    },
  });
  const names = (entries: SchemaEntry[]) => entries.map(entry => entry.label);
  const query = (types?: DeclaredType[], where?: (schema: JsonObject) => boolean) =>
    index.inputs({ unreachedSchemas: 'judge', roles: ['request-body'], ...(types ? { types } : {}), ...(where ? { where } : {}) });

  it('passes over inputs that declare none of the types, a 3.1 type list counting each of its names', () => {
    expect(names(query(['string']))).toEqual(['Property "name"', 'Property "nickname"', 'Each item of Property "tags"']);
    expect(names(query(['integer', 'array']))).toEqual(['Property "age"', 'Property "tags"']);
  });

  it('names schemas without a type keyword `untyped`; a type spelled "untyped" is no type it knows', () => {
    expect(names(query(['untyped']))).toEqual(['Property "free"']);
  });

  it('asks `where` only about inputs of those types, and judges every input when no types are given', () => {
    const asked: unknown[] = [];
    const strings = query(['string'], schema => {
      asked.push(schema.type);
      return schema.type === 'string';
    });
    expect(names(strings)).toEqual(['Property "name"', 'Each item of Property "tags"']);
    expect(asked).toEqual(['string', ['string', 'null'], 'string']);
    expect(names(query())).toEqual([
      'Request body',
      'Property "name"',
      'Property "nickname"',
      'Property "age"',
      'Property "tags"',
      'Each item of Property "tags"',
      'Property "free"',
      'Property "odd"',
    ]);
  });

  it('finds only the inputs lacking the constraint, in the roles asked for (default: request bodies and parameters)', () => {
    const unbounded = {
      unreachedSchemas: 'judge',
      types: ['string'],
      lacking: (group: readonly JsonObject[]) => group.some(s => 'maxLength' in s),
    } as const;
    expect(names(index.inputs(unbounded))).toEqual(['Property "name"', 'Property "nickname"', 'Each item of Property "tags"']);
    expect(names(index.inputs({ ...unbounded, lacking: () => false }))).toEqual([
      'Parameter "q"',
      'Property "name"',
      'Property "nickname"',
      'Each item of Property "tags"',
    ]);
    expect(names(index.inputs({ ...unbounded, roles: ['parameter'], lacking: () => false }))).toEqual(['Parameter "q"']);
  });

  it('is a method of every index, the empty one included, and not printed with it', () => {
    expect(Object.keys(index)).not.toContain('inputs');
    expect(getDocumentIndex('x').inputs({ unreachedSchemas: 'judge' })).toEqual([]);
  });
});
