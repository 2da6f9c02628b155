import { describe, expect, it } from 'vitest';
import { getDocumentIndex, oasVersionOf } from '../src/document-index/index.js';
import type { DocumentIndex, JsonObject, SchemaEntry } from '../src/document-index/index.js';

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
        '/a': { summary: 's', description: 'd', parameters: [], servers: [], 'x-ext': { get: {} }, $ref: '#/x', query: {}, get: { responses: {} } },
      },
    });
    expect(opsOf(index)).toEqual(['GET /a']);
  });

  it('ignores methods that are not objects', () => {
    const index = indexOf({ ...OAS30, paths: { '/a': { get: null, put: 'x', post: [], delete: 1, patch: {} } } });
    expect(opsOf(index)).toEqual(['PATCH /a']);
  });

  it.each(['2.0', '3.0', '3.1'] as const)('merges path-level and operation-level parameters, the operation winning on (name, in) (%s)', version => {
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
  });

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
      ['/inherit', { source: 'root', path: ['security'], requirements: [{ requirement: key, path: ['security', 0] }], allowsAnonymous: false }],
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
    const index = indexOf({ ...OAS30, security: [key], paths: { '/a': { get: { security: null } }, '/b': { get: { security: { oauth: [] } } } } });
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
        '/a': { servers: [{ url: 'https://a.example.com' }], get: { servers: [{ url: 'http://op.example.com' }] }, trace: { servers: [{ url: 'https://t' }] } },
        '/b': { servers: 'nope', get: { servers: null } },
      },
    });
    expect(index.servers).toEqual([
      { url: 'https://{env}.example.com', path: ['servers', 0], variables },
      { url: 'https://a.example.com', path: ['paths', '/a', 'servers', 0], variables: undefined },
      { url: 'http://op.example.com', path: ['paths', '/a', 'get', 'servers', 0], variables: undefined },
      { url: 'https://t', path: ['paths', '/a', 'trace', 'servers', 0], variables: undefined },
    ]);
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
    expect(entryOf(index, body)).toEqual({ schema: body, path: [...base, 0, 'schema'], roles: new Set(['request-body']), label: 'Request body' });
    expect(entryOf(index, bodyName)).toEqual({
      schema: bodyName,
      path: [...base, 0, 'schema', 'properties', 'name'],
      roles: new Set(['request-body']),
      propertyName: 'name',
      label: 'Property "name"',
    });
    expect(entryOf(index, q)).toEqual({ schema: q, path: [...base, 1], roles: new Set(['parameter']), label: 'Parameter "q"' });
    expect(entryOf(index, form)).toEqual({ schema: form, path: [...base, 2], roles: new Set(['parameter']), label: 'Parameter "f"' });
    expect(entryOf(index, tagItems)).toEqual({
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
    const index = indexOf({ ...OAS2, paths: { '/a': { get: { responses: { '200': { description: 'ok', schema, headers: { 'X-Rate-Limit': header } } } } } } });
    expect(entryOf(index, schema)).toMatchObject({ path: ['paths', '/a', 'get', 'responses', '200', 'schema'], roles: new Set(['response-body']) });
    expect(entryOf(index, header)).toEqual({
      schema: header,
      path: ['paths', '/a', 'get', 'responses', '200', 'headers', 'X-Rate-Limit'],
      roles: new Set(['header']),
      label: 'Header "X-Rate-Limit"',
    });
  });

  it('does not read OAS 3 shapes in an OAS 2.0 document', () => {
    const schema = { type: 'string' };
    const index = indexOf({
      ...OAS2,
      paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema } } }, responses: { '200': { content: { 'application/json': { schema } } } } } } },
    });
    expect(index.schemas.size).toBe(0);
  });
});

describe.each(['3.0', '3.1'] as const)('schemas: OAS %s', version => {
  it('indexes request bodies, responses, response headers and parameters (schema and content)', () => {
    const reqJson = { type: 'object' };
    const reqXml = { type: 'object' };
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
    expect(summary(reqJson)).toEqual({ path: [...op, 'requestBody', 'content', 'application/json', 'schema'], roles: ['request-body'], label: 'Request body' });
    expect(summary(reqXml)).toEqual({ path: [...op, 'requestBody', 'content', 'application/xml', 'schema'], roles: ['request-body'], label: 'Request body' });
    expect(summary(res)).toEqual({ path: [...op, 'responses', '200', 'content', 'application/json', 'schema'], roles: ['response-body'], label: 'Response body' });
    expect(summary(headerSchema)).toEqual({ path: [...op, 'responses', '200', 'headers', 'X-Rate-Limit', 'schema'], roles: ['header'], label: 'Header "X-Rate-Limit"' });
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
          post: { requestBody: { content: { 'application/json': { schema: user } } }, responses: { '200': { content: { 'application/json': { schema: user } } } } },
          put: { requestBody: { content: { 'application/json': { schema: user } } }, responses: {} },
        },
        '/b': { get: { parameters: [{ name: 'n', in: 'query', schema: name }] } },
      },
    });
    expect(rolesOf(index, user)).toEqual(['request-body', 'response-body']);
    expect(rolesOf(index, name)).toEqual(['parameter', 'request-body', 'response-body']);
    // The first path and label the walk reached it by are kept.
    expect(entryOf(index, name).path).toEqual(['paths', '/a', 'post', 'requestBody', 'content', 'application/json', 'schema', 'properties', 'name']);
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
        '/a': { post: { requestBody: { content: { 'application/json': { schema: user } } }, responses: { '201': { content: { 'application/json': { schema: user } } } } } },
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
      item: s(), additionalItem: s(), contains: s(), unevaluatedItem: s(), prefix: s(), tupleItem: s(),
      additional: s(), unevaluated: s(), pattern: s(),
      ifS: s(), thenS: s(), elseS: s(), all: s(), any: s(), one: s(), dependent: s(), dependency: s(), not: s(),
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
        '/a': { post: { requestBody: { content: { 'application/json': { schema: node } } }, responses: { '200': { content: { 'application/json': { schema: a } } } } } },
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
            responses: { '200': { content: { 'application/json': { schema: items } } }, '201': { content: { 'application/json': { schema: allOf } } } },
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

  it('keeps type arrays as written', () => {
    const nullable = { type: ['string', 'null'] };
    const index = indexOf({ ...HEADERS[version], paths: { '/a': { get: { parameters: [{ name: 'q', in: 'query', schema: nullable }] } } } });
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
            requestBody: { content: { 'application/json': { schema: true }, 'text/plain': { schema: { properties: { a: true, b: false }, items: false, additionalProperties: true, allOf: [true] } } } },
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
    ['properties not an object', { paths: { '/a': { post: { requestBody: { content: { 'a/b': { schema: { properties: [1], allOf: 'x', items: 3 } } } } } } } }],
    ['security not a list', { security: 'x', paths: { '/a': { get: { security: 1 } } } }],
    ['servers not a list', { servers: { url: 'x' }, paths: { '/a': { servers: 1 } } }],
    ['components not an object', { components: 'x' }],
  ])('%s', (_, shape) => {
    for (const header of [OAS2, OAS30, OAS31]) expect(() => indexOf({ ...header, ...shape } as JsonObject)).not.toThrow();
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
      const index = indexOf({ ...header, paths: { '/a': { post: { requestBody: { content: { 'application/json': { schema: props } } } } } } });
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
