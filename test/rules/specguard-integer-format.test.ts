import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetOverriding, rulesetWithOptions, runRuleCases } from '../helpers.js';
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
  responseOf,
} from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-integer-format';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an integer without format int32 or int64: declare its size so servers and generated clients agree on where it overflows.`;

/** number-range off: the integers it would report come back to this rule. */
const rangeOff = rulesetOverriding({ 'specguard-number-range': 'off' });
const WIDE = { minimum: 0, maximum: 2 ** 31 };

/** GET /users listing users, with the given query parameters. */
const listWith = (v: Version, ...parameters: Json[]) => ({
  '/users': { get: { parameters, responses: { '200': responseOf(v, arr(obj({ id: int({ format: 'int64' }) }))) } } },
});

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'int32 and int64', paths: v => post(v, obj({ a: int({ format: 'int32' }), b: int({ format: 'int64' }) })) },
  {
    name: 'other sizes: int8, int16, uint8, uint16, uint32, uint64',
    paths: v =>
      post(v, obj(Object.fromEntries(['int8', 'int16', 'uint8', 'uint16', 'uint32', 'uint64'].map(f => [f, int({ format: f, ...WIDE })])))),
  },
  { name: 'format in an allOf branch', paths: v => post(v, obj({ a: { allOf: [int(), { format: 'int64' }] } })) },
  { name: 'an enum path parameter', paths: v => getWith(v, param(v, 'v', 'path', int({ enum: [1, 2] }))) },
  { name: 'response-only integers', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, obj({ n: int() })) } } } }) },
  { name: 'a readOnly integer in a request', paths: v => post(v, obj({ id: int({ readOnly: true }) })) },
  { name: 'numbers are not integers', paths: v => post(v, obj({ price: { type: 'number' } })) },
  {
    name: 'a range within int32 declares the size (also spread over allOf branches)',
    paths: v =>
      post(
        v,
        obj({
          n: int({ minimum: 1, maximum: 100 }),
          edges: int({ minimum: -(2 ** 31), maximum: 2 ** 31 - 1 }),
          split: { allOf: [int({ minimum: 0 }), { maximum: 10 }] },
        }),
      ),
  },
  {
    name: 'a 3.1 numeric exclusive range within int32',
    only: ['3.1'],
    paths: v => post(v, obj({ n: int({ exclusiveMinimum: 0, exclusiveMaximum: 1000 }) })),
  },
  {
    name: "an integer without a range is number-range's (one finding: a range within int32 fixes both)",
    paths: v => post(v, obj({ qty: int({ minimum: 0 }), n: int() })),
  },
  {
    name: "a page-size parameter without a maximum is page-size's, with number-range off too",
    paths: v => listWith(v, param(v, 'limit', 'query', int({ minimum: 1 }))),
    ruleset: rangeOff,
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a range wider than int32, on a property and a parameter',
    paths: v => ({
      '/users': {
        post: bodyOp(v, obj({ qty: int(WIDE) })),
        get: getWith(v, param(v, 'id', 'query', int({ minimum: 1, maximum: 2 ** 53 - 1 })))['/users'].get,
      },
    }),
    expected: v => [
      finding(message('Property "qty"'), [...bodyPath(v), 'properties', 'qty']),
      finding(message('Parameter "id"'), paramPath(v, 0)),
    ],
  },
  {
    name: 'integers without a range, with number-range off',
    paths: v => ({
      '/users': { post: bodyOp(v, obj({ qty: int({ minimum: 0 }) })), get: getWith(v, param(v, 'page', 'query', int()))['/users'].get },
    }),
    ruleset: rangeOff,
    expected: v => [
      finding(message('Property "qty"'), [...bodyPath(v), 'properties', 'qty']),
      finding(message('Parameter "page"'), paramPath(v, 0)),
    ],
  },
  {
    name: 'a page-size parameter with page-size and number-range off',
    paths: v => listWith(v, param(v, 'limit', 'query', int({ minimum: 1 }))),
    ruleset: rulesetOverriding({ 'specguard-number-range': 'off', 'specguard-page-size': 'off' }),
    expected: v => [finding(message('Parameter "limit"'), paramPath(v, 0))],
  },
  {
    name: 'an unknown format is no size',
    paths: v => post(v, obj({ n: int({ format: 'count', ...WIDE }) })),
    expected: v => [finding(message('Property "n"'), [...bodyPath(v), 'properties', 'n'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Page: obj({ size: int(WIDE) }) }),
    expected: v => [finding(message('Property "size"'), [...componentPath(v, 'Page'), 'properties', 'size'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, minimum: 1, maximum: 10000000000}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'warn',
      message:
        'Parameter "limit" is an integer without format int32 or int64: declare its size so servers and generated clients agree on where it overflows.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it('formats replaces the default list', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { formats: ['int64'] });
    const spec = doc('3.1', post('3.1', obj({ a: int({ format: 'int32', ...WIDE }), b: int({ format: 'int64', ...WIDE }) })));
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([finding(message('Property "a"'), [...bodyPath('3.1'), 'properties', 'a'])]);
  });
});
