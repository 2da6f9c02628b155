import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import { ramlToOpenApi } from '../../src/input/raml/adapter.js';
import { openapiOf, writeRaml } from './helpers.js';

/* One test per RAML construct: what it becomes in OpenAPI 3.0, for RAML 1.0 and 0.8. */

const V10 = '#%RAML 1.0\ntitle: Pets\n';
const V08 = '#%RAML 0.8\ntitle: Pets\n';

describe('RAML 1.0 to OpenAPI 3.0', () => {
  it('title, version, description and baseUri with {version} and baseUriParameters', () => {
    const doc = openapiOf(
      `${V10}version: v2\ndescription: d\nbaseUri: https://{region}.example.com/{version}\nbaseUriParameters:\n  region:\n    enum: [eu, us]\n`,
    );
    expect(doc.openapi).toBe('3.0.3');
    expect(doc.info).toEqual({ title: 'Pets', version: 'v2', description: 'd' });
    expect(doc.servers).toEqual([{ url: 'https://{region}.example.com/v2', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } }]);
  });

  it('protocols give one server per protocol', () => {
    const doc = openapiOf(`${V10}baseUri: http://api.example.com\nprotocols: [HTTP, HTTPS]\n`);
    expect(doc.servers).toEqual([{ url: 'http://api.example.com' }, { url: 'https://api.example.com' }]);
  });

  it('nested resources, uriParameters (inherited), query parameters and headers', () => {
    const doc = openapiOf(
      `${V10}/users:\n  /{id}:\n    uriParameters:\n      id: integer\n    get:\n      displayName: Get user\n      queryParameters:\n        fields?: string\n        limit:\n          type: integer\n          maximum: 100\n      headers:\n        X-Trace:\n          required: false\n    /posts/{postId}:\n      get:\n`,
    );
    expect(doc.paths['/users/{id}'].parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]);
    expect(doc.paths['/users/{id}'].get).toEqual({
      summary: 'Get user',
      parameters: [
        { name: 'fields', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: true, schema: { type: 'integer', maximum: 100 } },
        { name: 'X-Trace', in: 'header', required: false, schema: { type: 'string' } },
      ],
      responses: {},
    });
    expect(doc.paths['/users/{id}/posts/{postId}'].parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      { name: 'postId', in: 'path', required: true, schema: { type: 'string' } },
    ]);
  });

  it('types and facets: named types to components.schemas with $ref, inheritance to allOf, unions to anyOf', () => {
    const doc = openapiOf(
      `${V10}types:\n  Id: {type: integer, minimum: 1, format: int64}\n  Name:\n    type: string\n    minLength: 1\n    maxLength: 80\n    pattern: ^[a-z]+$\n  Kind: {enum: [a, b]}\n  Person:\n    additionalProperties: false\n    properties:\n      id: Id\n      name: Name\n      nick?: string\n      tags:\n        type: string[]\n        maxItems: 5\n      note: {type: string, required: false}\n  Admin:\n    type: Person\n    properties:\n      level: integer\n  Either: Person | Admin\n  Maybe: string | nil\n`,
    );
    const schemas = doc.components.schemas;
    expect(schemas.Id).toEqual({ type: 'integer', minimum: 1, format: 'int64' });
    expect(schemas.Name).toEqual({ type: 'string', minLength: 1, maxLength: 80, pattern: '^[a-z]+$' });
    expect(schemas.Kind).toEqual({ type: 'string', enum: ['a', 'b'] });
    expect(schemas.Person).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        id: { $ref: '#/components/schemas/Id' },
        name: { $ref: '#/components/schemas/Name' },
        nick: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 5 },
        note: { type: 'string' },
      },
      required: ['id', 'name', 'tags'],
    });
    expect(schemas.Admin).toEqual({
      allOf: [{ $ref: '#/components/schemas/Person' }],
      properties: { level: { type: 'integer' } },
      required: ['level'],
    });
    expect(schemas.Either).toEqual({ anyOf: [{ $ref: '#/components/schemas/Person' }, { $ref: '#/components/schemas/Admin' }] });
    expect(schemas.Maybe).toEqual({ type: 'string', nullable: true });
  });

  it("date and time types to string formats (without a time zone: the format registry's -local ones)", () => {
    const doc = openapiOf(`${V10}types:\n  A: date-only\n  B: datetime\n  C: datetime-only\n  D: time-only\n`);
    expect(doc.components.schemas).toEqual({
      A: { type: 'string', format: 'date' },
      B: { type: 'string', format: 'date-time' },
      C: { type: 'string', format: 'date-time-local' },
      D: { type: 'string', format: 'time-local' },
    });
  });
  it('bodies per media type, or one type for the default media type; responses with headers', () => {
    const doc = openapiOf(
      `${V10}mediaType: application/json\n/a:\n  post:\n    body:\n      properties:\n        n: string\n    responses:\n      201:\n        description: made\n        headers:\n          Location: string\n        body:\n          application/xml:\n            type: string\n`,
    );
    const post = doc.paths['/a'].post;
    expect(post.requestBody).toEqual({
      content: { 'application/json': { schema: { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] } } },
    });
    expect(post.responses).toEqual({
      '201': {
        description: 'made',
        headers: { Location: { required: true, schema: { type: 'string' } } },
        content: { 'application/xml': { schema: { type: 'string' } } },
      },
    });
  });

  it('examples: explicit form unwrapped, JSON text of a structured value parsed, named examples to Example Objects', () => {
    const doc = openapiOf(
      `${V10}/a:\n  post:\n    headers:\n      X-Id:\n        examples:\n          one: '{"a": 1}'\n          two: {value: b7, displayName: Two}\n    body:\n      application/json:\n        type: object\n        example: '{"n": "x"}'\n        examples:\n          first: {n: y}\n          second: '[1, 2]'\n    responses:\n      200:\n        body:\n          text/plain:\n            type: string\n            example: '{"not": "parsed"}'\n`,
    );
    const post = doc.paths['/a'].post;
    expect(post.parameters[0].examples).toEqual({ one: { value: '{"a": 1}' }, two: { value: 'b7' } });
    expect(post.requestBody.content['application/json']).toEqual({
      schema: { type: 'object', example: { n: 'x' } },
      examples: { first: { value: { n: 'y' } }, second: { value: [1, 2] } },
    });
    expect(post.responses['200'].content['text/plain'].schema).toEqual({ type: 'string', example: '{"not": "parsed"}' });
  });

  it('named examples of a type become its JSON Schema examples list', () => {
    const doc = openapiOf(
      `${V10}types:\n  Card:\n    properties:\n      number: string\n    examples:\n      visa: {number: '4111'}\n      json: '{"number": "5555"}'\n  Code:\n    type: string\n    examples:\n      a: '{"x": 1}'\n`,
    );
    expect(doc.components.schemas.Card.examples).toEqual([{ number: '4111' }, { number: '5555' }]);
    // JSON text is a structured value's example, not a string's.
    expect(doc.components.schemas.Code.examples).toEqual(['{"x": 1}']);
  });

  it("a body of RAML's default type any, with no facets, has no schema; its annotations are the media type's", () => {
    const doc = openapiOf(
      `${V10}/a:\n  put:\n    body:\n      application/octet-stream:\n      image/png: {(max-size): 1MB}\n      application/json: {description: d}\n`,
    );
    expect(doc.paths['/a'].put.requestBody.content).toEqual({
      'application/octet-stream': {},
      'image/png': { 'x-max-size': '1MB' },
      'application/json': { schema: { description: 'd' } },
    });
  });

  it('(annotations) become x- extensions; a deprecated annotation also sets deprecated', () => {
    const doc = openapiOf(
      `${V10}annotationTypes:\n  specguard-public: string\n  deprecated: nil\n/a:\n  get:\n    (specguard-public): health check\n    (deprecated):\n`,
    );
    expect(doc.paths['/a'].get).toEqual({ 'x-specguard-public': 'health check', 'x-deprecated': null, deprecated: true, responses: {} });
  });

  it('(readOnly) and (writeOnly) annotations on a type or property set readOnly and writeOnly', () => {
    const doc = openapiOf(
      `${V10}annotationTypes:\n  readOnly: nil\n  writeOnly: boolean\ntypes:\n  User:\n    properties:\n      id:\n        type: string\n        (readOnly):\n      password: {type: string, (writeOnly): true}\n      note: {type: string, (writeOnly): false}\n`,
    );
    expect(doc.components.schemas.User.properties).toEqual({
      id: { type: 'string', 'x-readOnly': null, readOnly: true },
      password: { type: 'string', 'x-writeOnly': true, writeOnly: true },
      note: { type: 'string', 'x-writeOnly': false },
    });
  });

  it('traits and resource types are applied, with their parameters', () => {
    const doc = openapiOf(
      `${V10}traits:\n  paged:\n    queryParameters:\n      <<name>>: {type: integer, maximum: 50}\nresourceTypes:\n  collection:\n    get:\n      description: all <<resourcePathName>>\n/pets:\n  type: collection\n  get:\n    is: [paged: {name: limit}]\n`,
    );
    expect(doc.paths['/pets'].get).toEqual({
      description: 'all pets',
      parameters: [{ name: 'limit', in: 'query', required: true, schema: { type: 'integer', maximum: 50 } }],
      responses: {},
    });
  });

  it('embedded JSON schema: kept, with its own $refs set aside', () => {
    const doc = openapiOf(
      `${V10}/a:\n  post:\n    body:\n      application/json:\n        type: |\n          {"type": "object", "properties": {"x": {"$ref": "#/definitions/x"}}}\n`,
    );
    expect(doc.paths['/a'].post.requestBody.content['application/json'].schema).toEqual({
      type: 'object',
      properties: { x: { 'x-raml-ref': '#/definitions/x' } },
    });
  });

  it('pattern properties become the schema of additionalProperties, unless additionalProperties: false', () => {
    const doc = openapiOf(
      `${V10}types:\n  Names:\n    properties:\n      /^[a-z]{2}$/: string\n  Mixed:\n    properties:\n      id: string\n      /^n_/: number\n      /^s_/: string\n  Closed:\n    additionalProperties: false\n    properties:\n      /^[a-z]{2}$/: string\n`,
    );
    expect(doc.components.schemas.Names).toEqual({ type: 'object', properties: {}, additionalProperties: { type: 'string' } });
    expect(doc.components.schemas.Mixed.additionalProperties).toEqual({ anyOf: [{ type: 'number' }, { type: 'string' }] });
    expect(doc.components.schemas.Mixed.properties).toEqual({ id: { type: 'string' } });
    expect(doc.components.schemas.Closed.additionalProperties).toBe(false);
  });

  it('types included whole from a file, in an API that also uses a library (as commercetools checkout)', () => {
    // raml-1-parser's library expansion leaves such an include empty; the adapter reads the file.
    const root = writeRaml({
      'api.raml': `${V10}uses:\n  lib: lib.raml\ntypes: !include types.raml\n`,
      'lib.raml': '#%RAML 1.0 Library\nannotationTypes:\n  package: string\n',
      'types.raml': 'Pet: !include pet.raml\n',
      'pet.raml': '#%RAML 1.0 DataType\n(lib.package): Pets\ntype: object\nproperties:\n  name: string\n',
    });
    const doc = ramlToOpenApi(fs.readFileSync(root, 'utf8'), root, { maxFileBytes: 1e8 }).openapi;
    expect((doc.components as Record<string, unknown>).schemas).toEqual({
      Pet: { type: 'object', 'x-lib.package': 'Pets', properties: { name: { type: 'string' } }, required: ['name'] },
    });
  });
});

describe('RAML 0.8 to OpenAPI 3.0', () => {
  it('schemas, named parameters (optional by default), formParameters and examples', () => {
    const doc = openapiOf(
      `${V08}version: 1\nbaseUri: http://api.example.com/{version}\nschemas:\n  - user: '{"type": "object", "properties": {"name": {"type": "string"}}}'\n/users/{id}:\n  uriParameters:\n    id: {type: integer}\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 10}\n    responses:\n      200:\n        body:\n          application/json:\n            schema: user\n            example: '{"name": "x"}'\n  post:\n    body:\n      application/x-www-form-urlencoded:\n        formParameters:\n          name: {type: string, required: true}\n`,
    );
    expect(doc.info.version).toBe('1');
    expect(doc.servers).toEqual([{ url: 'http://api.example.com/1' }]);
    expect(doc.components.schemas.user).toEqual({ type: 'object', properties: { name: { type: 'string' } } });
    const item = doc.paths['/users/{id}'];
    expect(item.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }]);
    expect(item.get.parameters).toEqual([{ name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 10 } }]);
    expect(item.get.responses['200'].content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/user' },
      // A 0.8 example is text: for a JSON body, the value that text shows.
      example: { name: 'x' },
    });
    expect(item.post.requestBody.content['application/x-www-form-urlencoded'].schema).toEqual({
      type: 'object',
      properties: { name: { type: 'string' } },
      required: ['name'],
    });
  });

  it('traits written as a list, applied with is:', () => {
    const doc = openapiOf(`${V08}traits:\n  - secured:\n      headers:\n        X-Token: {type: string}\n/a:\n  get:\n    is: [secured]\n`);
    expect(doc.paths['/a'].get.parameters).toEqual([{ name: 'X-Token', in: 'header', required: false, schema: { type: 'string' } }]);
  });
});
