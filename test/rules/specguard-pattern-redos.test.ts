import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  versionCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
  VERSIONS,
} from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-pattern-redos';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const exponential = (name: string) =>
  `${name} has a pattern with exponential backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.`;
const polynomial = (name: string, degree: string, bound: string, length: string) =>
  `${name} has a pattern with polynomial (${degree}) backtracking and ${bound}: a crafted value of ${length} characters or more can keep a validating server busy, a longer one for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, or bound the value with maxLength below ${length}.`;
const patterned = (pattern: string) => str({ maxLength: 100, pattern });
const NESTED = '^(\\w+\\s?)+$';
const EMAIL = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'; // quadratic
const CUBIC = '^[0-9a-zA-Z]*?[a-zA-Z]+[0-9a-zA-Z]*$'; // three runs of letters trade characters

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'linear patterns', paths: v => post(v, obj({ a: patterned('^[a-z]{1,8}$'), b: patterned('^\\w+(?: \\w+)*$') })) },
  { name: 'a Unicode property escape', paths: v => getWith(v, param(v, 'name', 'query', patterned('^\\p{L}+$'))) },
  {
    name: 'a response-only vulnerable pattern',
    paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ name: patterned(NESTED) })) } } } }),
  },
  { name: 'a readOnly property', paths: v => post(v, obj({ id: { ...patterned(NESTED), readOnly: true } })) },
  { name: 'a pattern that does not compile (pattern-syntax reports it)', paths: v => post(v, obj({ a: patterned('^(a+)+[$') })) },
  { name: 'an x- extension named like a property', paths: v => post(v, { ...obj({}), 'x-pattern': NESTED, 'x-name': patterned(NESTED) }) },
  // Polynomial backtracking only hurts on long values: quadratic from 10,000 characters, cubic from 465.
  {
    name: 'a quadratic email pattern bounded by maxLength 254',
    paths: v => post(v, obj({ email: str({ maxLength: 254, pattern: EMAIL }) })),
  },
  {
    name: 'quadratic patterns of short parameters (maxLength 32, 64, 1024)',
    paths: v =>
      getWith(
        v,
        param(v, 'liveEventName', 'query', str({ maxLength: 32, pattern: '^[a-zA-Z0-9]+(-*[a-zA-Z0-9])*$' })),
        param(v, 'name', 'query', str({ maxLength: 64, pattern: '.*[0-9A-Za-z][-.0-9A-Z_a-z]*.*' })),
        param(v, 'table', 'query', str({ maxLength: 1024, pattern: '^.+/.+$' })),
      ),
  },
  { name: 'a cubic pattern bounded by maxLength 200', paths: v => post(v, obj({ Name: str({ maxLength: 200, pattern: CUBIC }) })) },
  {
    name: 'a quadratic pattern whose maxLength sits on an allOf branch',
    paths: v =>
      post(v, { allOf: [obj({ description: str({ pattern: '^[\\s\\S]*\\S[\\s\\S]*$' }) }), obj({ description: str({ maxLength: 50 }) })] }),
  },
  {
    name: 'a PCRE-delimited literal (pattern-syntax reports it)',
    paths: v => getWith(v, param(v, 'name', 'query', str({ pattern: '/^.*[a-z]+.*$/i' }))),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'exponential (bounded or not) and unbounded polynomial patterns in a body',
    paths: v => post(v, obj({ name: patterned(NESTED), email: str({ pattern: EMAIL }) })),
    expected: v => [
      finding(exponential('Property "name"'), [...bodyPath(v), 'properties', 'name', 'pattern']),
      finding(polynomial('Property "email"', 'quadratic', 'no maxLength', '10,000'), [...bodyPath(v), 'properties', 'email', 'pattern']),
    ],
  },
  {
    name: 'a query parameter',
    paths: v => getWith(v, param(v, 'q', 'query', patterned('^(a+)+$'))),
    expected: v => [finding(exponential('Parameter "q"'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'an unanchored quadratic search in an unbounded query parameter',
    paths: v => getWith(v, param(v, 'group_id', 'query', str({ pattern: '^([0-9]+@N[0-9]+)|([0-9a-zA-Z-_]+)$' }))),
    expected: v => [finding(polynomial('Parameter "group_id"', 'quadratic', 'no maxLength', '10,000'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'a cubic pattern whose maxLength is long enough to hurt',
    paths: v => post(v, obj({ Name: str({ maxLength: 1000, pattern: CUBIC }) })),
    expected: v => [
      finding(polynomial('Property "Name"', 'cubic', 'maxLength 1000', '465'), [...bodyPath(v), 'properties', 'Name', 'pattern']),
    ],
  },
  {
    name: 'a quadratic pattern on a 2 MB string',
    paths: v => post(v, obj({ tensor_content: str({ maxLength: 2_097_152, pattern: '.*\\S.*' }) })),
    expected: v => [
      finding(polynomial('Property "tensor_content"', 'quadratic', 'maxLength 2097152', '10,000'), [
        ...bodyPath(v),
        'properties',
        'tensor_content',
        'pattern',
      ]),
    ],
  },
  {
    name: 'a quadratic pattern whose allOf branches leave one use unbounded',
    paths: v => ({
      '/a': { post: bodyOp(v, { allOf: [ref(v, 'Text'), { maxLength: 50 }] }) },
      '/b': { post: bodyOp(v, ref(v, 'Text')) },
    }),
    schemas: () => ({ Text: str({ pattern: '.*\\S.*' }) }),
    expected: v => [finding(polynomial('Schema "Text"', 'quadratic', 'no maxLength', '10,000'), [...componentPath(v, 'Text'), 'pattern'])],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Name')) }, '/b': { put: bodyOp(v, ref(v, 'Name')) } }),
    schemas: () => ({ Name: patterned(NESTED) }),
    expected: v => [finding(exponential('Schema "Name"'), [...componentPath(v, 'Name'), 'pattern'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Name: patterned(NESTED) }),
    expected: v => [finding(exponential('Schema "Name"'), [...componentPath(v, 'Name'), 'pattern'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          slug: {type: string, maxLength: 50, pattern: '^([a-z0-9]+-?)*$'}\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 9,
      severity: 'error',
      message:
        'Property "slug" has a pattern with exponential backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          slug: {type: string, maxLength: 50, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$'}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it.each(VERSIONS)('backtrackingSteps: a smaller budget reports shorter polynomial values (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { backtrackingSteps: 10_000 });
    expect(
      await findingsOf(CODE, doc(version, post(version, obj({ email: str({ maxLength: 254, pattern: EMAIL }) }))), { ruleset }),
    ).toEqual([
      finding(polynomial('Property "email"', 'quadratic', 'maxLength 254', '100'), [
        ...bodyPath(version),
        'properties',
        'email',
        'pattern',
      ]),
    ]);
  });
  it.each(VERSIONS)('unreachedSchemas: ignore (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { unreachedSchemas: 'ignore' });
    expect(await findingsOf(CODE, doc(version, {}, { Name: patterned(NESTED) }), { ruleset })).toEqual([]);
  });
});
