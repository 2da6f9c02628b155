import { describe } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-sequential-id';
const finding = findingOf(CODE);
const integerId = (parameter: string) =>
  `Path parameter "${parameter}" identifies an object by an integer, which callers can count through to find other objects: use a UUID (type string, format uuid) or another unguessable identifier, and check access to every object.`;
const integerIdShared = (parameter: string, prefix: string, count: number) =>
  `Path parameter "${parameter}" (${prefix}, taken by ${count} operations) identifies an object by an integer, which callers can count through to find other objects: use a UUID (type string, format uuid) or another unguessable identifier, and check access to every object.`;
const param3 = (name: string, schema: string) => `{name: ${name}, in: path, required: true, schema: ${schema}}`;
const get = (params: string) => ({ get: op(`parameters: [${params}]`) });

const invalid: RuleCase[] = [
  {
    name: '3.0: an integer petId',
    spec: authSpec('3.0', { '/pets/{petId}': get(param3('petId', '{type: integer, format: int64}')) }),
    expected: [finding(integerId('petId'), ['paths', '/pets/{petId}', 'get', 'parameters', '0', 'schema', 'type'])],
  },
  {
    name: '3.1: a type list with integer and null; a member of a collection',
    spec: authSpec('3.1', { '/orders/{number}': get(param3('number', "{type: [integer, 'null']}")) }),
    expected: [finding(integerId('number'), ['paths', '/orders/{number}', 'get', 'parameters', '0', 'schema', 'type'])],
  },
  {
    name: '2.0: an integer id parameter',
    spec: authSpec('2.0', { '/pets/{pet_id}': get('{name: pet_id, in: path, required: true, type: integer}') }),
    expected: [finding(integerId('pet_id'), ['paths', '/pets/{pet_id}', 'get', 'parameters', '0', 'type'])],
  },
  {
    name: "3.0: a $ref'd parameter used by three operations is reported once, at its definition",
    spec: authSpec(
      '3.0',
      {
        '/pets/{petId}': { parameters: "[{$ref: '#/components/parameters/PetId'}]", get: op(), delete: op() },
        '/pets/{petId}/visits': { parameters: "[{$ref: '#/components/parameters/PetId'}]", get: op() },
      },
      '',
      'components:\n  parameters:\n    PetId: {name: petId, in: path, required: true, schema: {type: integer}}\n',
    ),
    expected: [finding(integerIdShared('petId', '/pets/{petId}', 3), ['components', 'parameters', 'PetId', 'schema', 'type'])],
  },
  {
    name: '3.0: the same parameter written inline by every operation under one prefix: one finding, at its first declaration',
    spec: authSpec('3.0', {
      '/linode/instances/{linodeId}': {
        get: get(param3('linodeId', '{type: integer}')).get,
        delete: get(param3('linodeId', '{type: integer}')).get,
      },
      '/linode/instances/{linodeId}/ips': get(param3('linodeId', '{type: integer}')),
      '/linode/types/{typeId}': get(param3('typeId', '{type: integer}')),
      '/images/{linodeId}': get(param3('linodeId', '{type: integer}')),
    }),
    expected: [
      finding(integerIdShared('linodeId', '/linode/instances/{linodeId}', 3), [
        'paths',
        '/linode/instances/{linodeId}',
        'get',
        'parameters',
        '0',
        'schema',
        'type',
      ]),
      finding(integerId('typeId'), ['paths', '/linode/types/{typeId}', 'get', 'parameters', '0', 'schema', 'type']),
      finding(integerId('linodeId'), ['paths', '/images/{linodeId}', 'get', 'parameters', '0', 'schema', 'type']),
    ],
  },
  {
    name: '2.0: a path-level parameter and an operation-level one under the same prefix',
    spec: authSpec('2.0', {
      '/invoice/{id}': { parameters: '[{name: id, in: path, required: true, type: integer}]', get: op(), delete: op() },
      '/invoice/{id}/items': get('{name: id, in: path, required: true, type: integer}'),
    }),
    expected: [finding(integerIdShared('id', '/invoice/{id}', 3), ['paths', '/invoice/{id}', 'parameters', '0', 'type'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: map tile coordinates and sizes are no identifiers',
    spec: authSpec('3.0', {
      '/tiles/{z}/{x}/{y}': get(['z', 'x', 'y'].map(n => param3(n, '{type: integer}')).join(', ')),
      '/Place/{type}/overlay/{zoom}/{width}': get(
        `${param3('type', '{type: string}')}, ${param3('zoom', '{type: integer}')}, ${param3('width', '{type: integer}')}`,
      ),
      '/thumbnails/{size}': get(param3('size', '{type: integer}')),
      '/feed/{count}': get(param3('count', '{type: integer}')),
    }),
  },
  {
    name: '3.1: an integer bounded by a small maximum is a code, not a counter',
    spec: authSpec('3.1', { '/GroupElementTypes/{type_id}': get(param3('type_id', '{type: integer, minimum: 1, maximum: 20}')) }),
  },
  {
    name: '2.0: a tile zoom level',
    spec: authSpec('2.0', { '/tiles/{zoom}': get('{name: zoom, in: path, required: true, type: integer}') }),
  },
  {
    name: '3.0: {id} typed string with format uuid',
    spec: authSpec('3.0', { '/pets/{id}': get(param3('id', '{type: string, format: uuid}')) }),
  },
  {
    name: '3.1: a bounded pattern',
    spec: authSpec('3.1', { '/pets/{id}': get(param3('id', "{type: string, pattern: '^pet_[a-z0-9]{20}$'}")) }),
  },
  {
    name: '2.0: string uuid',
    spec: authSpec('2.0', { '/pets/{id}': get('{name: id, in: path, required: true, type: string, format: uuid}') }),
  },
  {
    name: '3.0: /v{version}/pets is not an identifier',
    spec: authSpec('3.0', { '/v{version}/pets': get(param3('version', '{type: integer}')) }),
  },
  { name: '3.0: /reports/{year}', spec: authSpec('3.0', { '/reports/{year}': get(param3('year', '{type: integer}')) }) },
  {
    name: '3.0: an integer query parameter named id',
    spec: authSpec('3.0', { '/pets': get('{name: id, in: query, schema: {type: integer}}') }),
  },
  {
    name: '3.0: an integer in a callback URL (a runtime expression)',
    spec: authSpec('3.0', {
      '/pets': {
        post: op(
          "callbacks: {onPet: {'{$request.body#/url}/{id}': {post: {parameters: [{name: id, in: path, required: true, schema: {type: integer}}], responses: {'200': {description: ok}}}}}}",
        ),
      },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a schema that is a list, a parameter without schema, a schema property named "parameters" with a "name"',
    spec: authSpec(
      '3.0',
      {
        '/a/{id}': get(`{name: id, in: path, schema: [integer]}`),
        '/b/{id}': get('{name: id, in: path}'),
        '/c/{id}': { get: op(`parameters: [${param3('id', "{$ref: '#/components/schemas/Weird'}")}]`) },
      },
      '',
      'components:\n  schemas:\n    Weird: {type: integer, properties: {parameters: {properties: {name: {type: string}}}}}\n',
    ),
    expected: [finding(integerId('id'), ['components', 'schemas', 'Weird', 'type'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things/{id}:\n  uriParameters:\n    id: integer\n  get:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'warn',
      message:
        'Path parameter "id" identifies an object by an integer, which callers can count through to find other objects: use a UUID (a string with a UUID pattern) or another unguessable identifier, and check access to every object.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things/{id}:\n  uriParameters:\n    id: {type: string, pattern: '^[0-9a-f-]{36}$'}\n  get:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
