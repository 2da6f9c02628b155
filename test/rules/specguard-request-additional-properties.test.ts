import { describe } from 'vitest';
import { findingOf, runGenericChecks } from '../helpers.js';
import { bodyOp, bodyPath, componentPath, getWith, itSchemaCases, obj, param, post, ref, responseOf, str, VERSIONS } from '../oas-docs.js';
import type { SchemaCase } from '../oas-docs.js';

const CODE = 'specguard-request-additional-properties';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an object that accepts undeclared properties: set additionalProperties: false (in OpenAPI 3.1, unevaluatedProperties: false when composing with allOf) or maxProperties, so clients cannot slip in fields the server binds without meaning to.`;
const s = str({ maxLength: 5 });
const closed = (properties: Record<string, unknown>) => obj(properties, { additionalProperties: false });

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'additionalProperties: false', paths: v => post(v, closed({ name: s, address: closed({ city: s }) })) },
  { name: 'maxProperties', paths: v => post(v, obj({ name: s }, { maxProperties: 1 })) },
  {
    name: 'additionalProperties: false reached through a $ref',
    paths: v => post(v, ref(v, 'User')),
    schemas: v => ({ User: ref(v, 'Closed'), Closed: closed({ name: s }) }),
  },
  { name: 'response-only open objects', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ name: s })) } } } }) },
  { name: 'a readOnly open object in a request', paths: v => post(v, closed({ meta: obj({ a: s }, { readOnly: true }) })) },
  {
    name: 'a query parameter object (not a request body)',
    only: ['3.0', '3.1'],
    paths: v => getWith(v, param(v, 'f', 'query', obj({ a: s }))),
  },
  {
    name: 'additionalProperties: false in an allOf branch of the same value',
    paths: v => post(v, { allOf: [obj({ name: s }), { additionalProperties: false }] }),
  },
  {
    name: '3.1 unevaluatedProperties: false over an allOf',
    only: ['3.1'],
    paths: v => post(v, { allOf: [ref(v, 'Base'), obj({ extra: s })], unevaluatedProperties: false }),
    schemas: () => ({ Base: obj({ name: s }) }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'an open body and an open nested object, one finding each',
    paths: v => post(v, obj({ address: obj({ city: s }), tags: obj({}, { additionalProperties: str({ maxLength: 3 }) }) })),
    expected: v => [
      finding(message('Request body'), bodyPath(v)),
      finding(message('Property "address"'), [...bodyPath(v), 'properties', 'address']),
      finding(message('Property "tags"'), [...bodyPath(v), 'properties', 'tags']),
    ],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'User')) }, '/b': { put: bodyOp(v, ref(v, 'User')) } }),
    schemas: () => ({ User: obj({ name: s }) }),
    expected: v => [finding(message('Schema "User"'), componentPath(v, 'User'))],
  },
  {
    name: 'unevaluatedProperties: false is not read outside 3.1',
    only: ['3.0'],
    paths: v => post(v, obj({ name: s }, { unevaluatedProperties: false })),
    expected: v => [finding(message('Request body'), bodyPath(v))],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Draft: obj({ name: s }) }),
    expected: v => [finding(message('Schema "Draft"'), componentPath(v, 'Draft'))],
  },
];

describe(CODE, () => {
  runGenericChecks(CODE);
  describe.each(VERSIONS)('OAS %s', version => {
    itSchemaCases(CODE, version, VALID, INVALID);
  });
});
