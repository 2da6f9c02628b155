import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runGenericChecks } from '../helpers.js';
import {
  bodyOp,
  bodyPath,
  componentPath,
  doc,
  getWith,
  itSchemaCases,
  obj,
  param,
  paramPath,
  post,
  ref,
  responseOf,
  str,
  VERSIONS,
} from '../oas-docs.js';
import type { SchemaCase } from '../oas-docs.js';

const CODE = 'specguard-pattern-redos';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, risk: 'exponential' | 'polynomial') =>
  `${name} has a pattern with ${risk} backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.`;
const patterned = (pattern: string) => str({ maxLength: 100, pattern });
const NESTED = '^(\\w+\\s?)+$';

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
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'exponential and polynomial patterns in a body',
    paths: v => post(v, obj({ name: patterned(NESTED), email: patterned('^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$') })),
    expected: v => [
      finding(message('Property "name"', 'exponential'), [...bodyPath(v), 'properties', 'name', 'pattern']),
      finding(message('Property "email"', 'polynomial'), [...bodyPath(v), 'properties', 'email', 'pattern']),
    ],
  },
  {
    name: 'a query parameter',
    paths: v => getWith(v, param(v, 'q', 'query', patterned('^(a+)+$'))),
    expected: v => [finding(message('Parameter "q"', 'exponential'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Name')) }, '/b': { put: bodyOp(v, ref(v, 'Name')) } }),
    schemas: () => ({ Name: patterned(NESTED) }),
    expected: v => [finding(message('Schema "Name"', 'exponential'), [...componentPath(v, 'Name'), 'pattern'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Name: patterned(NESTED) }),
    expected: v => [finding(message('Schema "Name"', 'exponential'), [...componentPath(v, 'Name'), 'pattern'])],
  },
];

describe(CODE, () => {
  runGenericChecks(CODE);
  describe.each(VERSIONS)('OAS %s', version => {
    itSchemaCases(CODE, version, VALID, INVALID);
  });
  it.each(VERSIONS)('unreachedSchemas: ignore (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { unreachedSchemas: 'ignore' });
    expect(await findingsOf(CODE, doc(version, {}, { Name: patterned(NESTED) }), { ruleset })).toEqual([]);
  });
});
