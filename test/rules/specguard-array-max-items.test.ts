import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import {
  arr,
  bodyOp,
  bodyPath,
  componentPath,
  getWith,
  versionCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
} from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-array-max-items';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string) =>
  `${name} is an array without maxItems: add maxItems so one request cannot carry an unbounded number of items to parse, store and process.`;
const s = str({ maxLength: 5 });

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'maxItems on a body property', paths: v => post(v, obj({ tags: arr(s, { maxItems: 10 }) })) },
  { name: 'maxItems on a query array', paths: v => getWith(v, param(v, 'ids', 'query', arr(s, { maxItems: 50 }))) },
  { name: 'maxItems in an allOf branch', paths: v => post(v, obj({ tags: { allOf: [arr(s), { maxItems: 3 }] } })) },
  { name: 'response-only arrays', paths: v => ({ '/u': { get: { responses: { '200': responseOf(v, arr(obj({}))) } } } }) },
  { name: 'a readOnly array in a request', paths: v => post(v, obj({ history: arr(s, { readOnly: true }) })) },
  {
    name: 'maxItems reached through a $ref',
    paths: v => post(v, obj({ tags: ref(v, 'Tags') })),
    schemas: () => ({ Tags: arr(s, { maxItems: 5 }) }),
  },
  {
    name: 'a 3.1 tuple closed by items: false',
    only: ['3.1'],
    paths: v => post(v, obj({ range: { type: ['array', 'null'], prefixItems: [s, s], items: false } })),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a body array, a nested array and a query array',
    paths: v => ({
      '/users': {
        post: bodyOp(v, obj({ tags: arr(arr(s, { maxItems: 2 })) })),
        get: getWith(v, param(v, 'ids', 'query', arr(s)))['/users'].get,
      },
    }),
    expected: v => [
      finding(message('Property "tags"'), [...bodyPath(v), 'properties', 'tags']),
      finding(message('Parameter "ids"'), paramPath(v, 0)),
    ],
  },
  {
    name: 'an array request body',
    paths: v => post(v, arr(s)),
    expected: v => [finding(message('Request body'), bodyPath(v))],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Batch: obj({ items: arr(s) }) }),
    expected: v => [finding(message('Property "items"'), [...componentPath(v, 'Batch'), 'properties', 'items'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      ids: string[]\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Parameter "ids" is an array without maxItems: add maxItems so one request cannot carry an unbounded number of items to parse, store and process.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      ids: {type: array, items: string, maxItems: 50}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
