import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { bodyOp, bodyPath, componentPath, getWith, versionCases, obj, param, post, ref, responseOf, str } from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-request-additional-properties';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an object that accepts undeclared properties: set additionalProperties: false (in OpenAPI 3.1, unevaluatedProperties: false when composing with allOf) or maxProperties, so clients cannot slip in fields the server binds without meaning to.`;
const mapMessage = (name: string) =>
  `${name} is an object of arbitrary keys (a map or a free-form object) without maxProperties: add maxProperties so one request cannot carry an unbounded number of entries to parse and store.`;
const s = str({ maxLength: 5 });
const closed = (properties: Record<string, unknown>) => obj(properties, { additionalProperties: false });

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a map with maxProperties',
    paths: v => post(v, closed({ labels: { type: 'object', additionalProperties: s, maxProperties: 20 } })),
  },
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
      finding(mapMessage('Property "tags"'), [...bodyPath(v), 'properties', 'tags']),
    ],
  },
  {
    name: 'declared maps and free-form objects are asked for maxProperties only',
    paths: v =>
      post(
        v,
        closed({
          labels: { type: 'object', additionalProperties: s },
          spec: { type: 'object', description: 'any OpenAPI document' },
          extra: { type: 'object', additionalProperties: true, properties: {} },
          composed: { allOf: [{ type: 'object' }, { additionalProperties: s }] },
        }),
      ),
    expected: v => [
      finding(mapMessage('Property "labels"'), [...bodyPath(v), 'properties', 'labels']),
      finding(mapMessage('Property "spec"'), [...bodyPath(v), 'properties', 'spec']),
      finding(mapMessage('Property "extra"'), [...bodyPath(v), 'properties', 'extra']),
      finding(mapMessage('Property "composed"'), [...bodyPath(v), 'properties', 'composed', 'allOf', '0']),
    ],
  },
  {
    name: 'an object with properties and an additionalProperties schema is still open to mass assignment',
    paths: v => post(v, closed({ user: obj({ name: s }, { additionalProperties: s }) })),
    expected: v => [finding(message('Property "user"'), [...bodyPath(v), 'properties', 'user'])],
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

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        properties:\n          name: {type: string, maxLength: 50}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Request body is an object that accepts undeclared properties: set additionalProperties: false or maxProperties, so clients cannot slip in fields the server binds without meaning to.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
