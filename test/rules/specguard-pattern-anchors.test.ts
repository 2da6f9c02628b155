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

const CODE = 'specguard-pattern-anchors';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const GAPS = {
  alternatives: 'its alternatives are anchored one end each (`^a|b$` reads as `(^a)|(b$)`)',
  start: 'it has no ^ at the start',
  end: 'it has no $ at the end',
  both: 'it has neither ^ nor $',
};
const message = (name: string, gap: keyof typeof GAPS) =>
  `${name} has a pattern that does not restrict the whole value (${GAPS[gap]}): a value that merely contains a match passes, so write it as ^(?:...)$.`;
const patterned = (pattern: string) => str({ maxLength: 10, pattern });

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'an anchored pattern', paths: v => post(v, obj({ code: patterned('^[a-z]{1,8}$') })) },
  { name: 'anchored alternatives in a group', paths: v => post(v, obj({ role: patterned('^(?:admin|member)$') })) },
  { name: 'a prefix check', paths: v => getWith(v, param(v, 'repo', 'query', patterned('^https://'))) },
  {
    name: 'not-blank checks whose open end is a run of any character',
    paths: v =>
      post(
        v,
        obj({ surname: patterned('^(?!\\s*$).+'), note: patterned('^[\\s\\S]*\\S[\\s\\S]*'), email: patterned('.+@example\\.com$') }),
      ),
  },
  {
    name: 'a PCRE-delimited literal (pattern-syntax reports it)',
    paths: v => getWith(v, param(v, 'name', 'query', patterned('/[a-z]+/i'))),
  },
  {
    name: 'a response-only unanchored pattern',
    paths: v => ({ '/users': { get: { responses: { '200': responseOf(v, obj({ code: patterned('[a-z]+') })) } } } }),
  },
  { name: 'a readOnly property', paths: v => post(v, obj({ id: { ...patterned('[a-z]+'), readOnly: true } })) },
  { name: 'a pattern that does not compile (pattern-syntax reports it)', paths: v => post(v, obj({ code: patterned('[a-z') })) },
  {
    name: 'an x- extension named like a property',
    paths: v => post(v, { ...obj({}), 'x-pattern': '[a-z]+', 'x-code': patterned('[a-z]+') }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'alternation, a missing $, a missing ^ and no anchors',
    paths: v =>
      post(v, obj({ a: patterned('^admin|member$'), b: patterned('^\\d{5}'), c: patterned('[a-z]+$'), d: patterned('[a-z0-9_]{1,30}') })),
    expected: v => [
      finding(message('Property "a"', 'alternatives'), [...bodyPath(v), 'properties', 'a', 'pattern']),
      finding(message('Property "b"', 'end'), [...bodyPath(v), 'properties', 'b', 'pattern']),
      finding(message('Property "c"', 'start'), [...bodyPath(v), 'properties', 'c', 'pattern']),
      finding(message('Property "d"', 'both'), [...bodyPath(v), 'properties', 'd', 'pattern']),
    ],
  },
  {
    name: 'an open end that is a run of some characters only (\\S+ stops at a space, so more may follow)',
    paths: v => post(v, obj({ token: patterned('^\\S+'), words: patterned('^[\\s\\w]+') })),
    expected: v => [
      finding(message('Property "token"', 'end'), [...bodyPath(v), 'properties', 'token', 'pattern']),
      finding(message('Property "words"', 'end'), [...bodyPath(v), 'properties', 'words', 'pattern']),
    ],
  },
  {
    name: 'a query parameter',
    paths: v => getWith(v, param(v, 'zip', 'query', patterned('\\d{5}'))),
    expected: v => [finding(message('Parameter "zip"', 'both'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'a component used by two operations, reported once at the definition',
    paths: v => ({ '/a': { post: bodyOp(v, ref(v, 'Zip')) }, '/b': { put: bodyOp(v, ref(v, 'Zip')) } }),
    schemas: () => ({ Zip: patterned('^\\d{5}') }),
    expected: v => [finding(message('Schema "Zip"', 'end'), [...componentPath(v, 'Zip'), 'pattern'])],
  },
  {
    name: 'a pattern in an allOf branch',
    paths: v => post(v, { allOf: [obj({ zip: str() }), { properties: { zip: { pattern: '\\d{5}' } } }] }),
    expected: v => [finding(message('Property "zip"', 'both'), [...bodyPath(v), 'allOf', '1', 'properties', 'zip', 'pattern'])],
  },
  {
    name: 'a components-only file',
    paths: () => ({}),
    schemas: () => ({ Zip: patterned('\\d{5}') }),
    expected: v => [finding(message('Schema "Zip"', 'both'), [...componentPath(v, 'Zip'), 'pattern'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}types:\n  Sku:\n    type: string\n    maxLength: 12\n    pattern: '^[A-Z]{3}|[0-9]{6}$'\n/things:\n  get:\n    queryParameters:\n      sku: Sku\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 7,
      severity: 'error',
      message:
        'Parameter "sku" has a pattern that does not restrict the whole value (its alternatives are anchored one end each (`^a|b$` reads as `(^a)|(b$)`)): a value that merely contains a match passes, so write it as ^(?:...)$.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}types:\n  Sku:\n    type: string\n    maxLength: 12\n    pattern: '^(?:[A-Z]{3}|[0-9]{6})$'\n/things:\n  get:\n    queryParameters:\n      sku: Sku\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  it.each(VERSIONS)('unreachedSchemas: ignore (%s)', async version => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { unreachedSchemas: 'ignore' });
    expect(await findingsOf(CODE, doc(version, {}, { Zip: patterned('\\d{5}') }), { ruleset })).toEqual([]);
  });
});
