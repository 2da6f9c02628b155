import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import {
  arr,
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  int,
  versionCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  VERSIONS,
} from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-number-range';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, kind: string, missing: string) =>
  `${name} is ${kind} without ${missing}: add ${missing} so out-of-range values (negative quantities, huge page sizes, overflowing amounts) are rejected at the edge.`;
const both = 'a minimum and a maximum';
const num = (extra: Json = {}) => ({ type: 'number', ...extra });

/** GET /users listing users, with the given query parameters. */
const listWith = (v: Version, ...parameters: Json[]) => ({
  '/users': { get: { parameters, responses: { '200': responseOf(v, arr(obj({ name: { type: 'string', maxLength: 9 } }))) } } },
});

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'minimum and maximum', paths: v => post(v, obj({ qty: int({ minimum: 1, maximum: 100 }) })) },
  { name: 'enum on a path parameter', paths: v => getWith(v, param(v, 'version', 'path', int({ enum: [1, 2] }))) },
  { name: 'enum on a header parameter', paths: v => getWith(v, param(v, 'X-Level', 'header', int({ enum: [1, 2, 3] }))) },
  { name: 'response-only numbers', paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ count: int() })) } } } }) },
  { name: 'a readOnly number in a request body', paths: v => post(v, obj({ id: int({ readOnly: true }) })) },
  {
    name: 'bounds spread over allOf branches',
    paths: v => post(v, { allOf: [obj({ qty: int({ minimum: 0 }) }), { properties: { qty: { maximum: 10 } } }] }),
  },
  {
    name: 'an x- extension named like a property',
    paths: v => post(v, { ...obj({ qty: int({ minimum: 0, maximum: 9 }) }), 'x-count': int() }),
  },
  { name: 'strings and booleans', paths: v => post(v, obj({ a: { type: 'string', maxLength: 3 }, b: { type: 'boolean' } })) },
  {
    name: '3.1 numeric exclusiveMinimum and exclusiveMaximum',
    only: ['3.1'],
    paths: v => post(v, obj({ price: num({ exclusiveMinimum: 0, exclusiveMaximum: 1000 }) })),
  },
  {
    name: '3.0 boolean exclusiveMinimum modifying minimum',
    only: ['2.0', '3.0'],
    paths: v => post(v, obj({ price: num({ minimum: 0, exclusiveMinimum: true, maximum: 10 }) })),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'no bounds, a minimum only, a maximum only',
    paths: v => post(v, obj({ a: int(), b: num({ minimum: 0 }), c: int({ maximum: 5 }) })),
    expected: v => [
      finding(message('Property "a"', 'an integer', both), [...bodyPath(v), 'properties', 'a']),
      finding(message('Property "b"', 'a number', 'a maximum'), [...bodyPath(v), 'properties', 'b']),
      finding(message('Property "c"', 'an integer', 'a minimum'), [...bodyPath(v), 'properties', 'c']),
    ],
  },
  {
    name: 'a query parameter',
    paths: v => getWith(v, param(v, 'limit', 'query', int({ minimum: 1 }))),
    expected: v => [finding(message('Parameter "limit"', 'an integer', 'a maximum'), paramPath(v, 0))],
  },
  {
    name: "a list's page-size parameters (page-size defers to this rule there)",
    paths: v => listWith(v, param(v, 'limit', 'query', int()), param(v, 'per_page', 'query', int({ minimum: 1 }))),
    expected: v => [
      finding(message('Parameter "limit"', 'an integer', both), paramPath(v, 0)),
      finding(message('Parameter "per_page"', 'an integer', 'a maximum'), paramPath(v, 1)),
    ],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Order')) }, '/b': { put: bodyOp(v, ref(v, 'Order')) } }),
    schemas: () => ({ Order: obj({ qty: int() }) }),
    expected: v => [finding(message('Property "qty"', 'an integer', both), [...componentPath(v, 'Order'), 'properties', 'qty'])],
  },
  {
    name: 'a component bounded through a composition and used on its own elsewhere',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Limited')) }, '/b': { put: bodyOp(v, ref(v, 'Order')) } }),
    schemas: v => ({
      Order: obj({ qty: int() }),
      Limited: { allOf: [ref(v, 'Order'), { properties: { qty: { minimum: 1, maximum: 9 } } }] },
    }),
    expected: v => [finding(message('Property "qty"', 'an integer', both), [...componentPath(v, 'Order'), 'properties', 'qty'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Money: obj({ amount: num() }) }),
    expected: v => [finding(message('Property "amount"', 'a number', both), [...componentPath(v, 'Money'), 'properties', 'amount'])],
  },
  {
    name: '3.0 boolean exclusiveMaximum alone is not a bound',
    only: ['2.0', '3.0'],
    paths: v => post(v, obj({ n: num({ minimum: 0, exclusiveMaximum: true }) })),
    expected: v => [finding(message('Property "n"', 'a number', 'a maximum'), [...bodyPath(v), 'properties', 'n'])],
  },
  {
    name: "a 3.1 type: [integer, 'null']",
    only: ['3.1'],
    paths: v => post(v, obj({ n: { type: ['integer', 'null'] } })),
    expected: v => [finding(message('Property "n"', 'an integer', both), [...bodyPath(v), 'properties', 'n'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32}\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Parameter "limit" is an integer without a minimum and a maximum: add a minimum and a maximum so out-of-range values (negative quantities, huge page sizes, overflowing amounts) are rejected at the edge.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it.each(VERSIONS)('unreachedSchemas: ignore (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { unreachedSchemas: 'ignore' });
    expect(await findingsOf(CODE, doc(version, {}, { Money: obj({ amount: num() }) }), { ruleset })).toEqual([]);
  });
});
