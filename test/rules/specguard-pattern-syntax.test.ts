import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { bodyPath, componentPath, getWith, versionCases, obj, param, paramPath, post, responseOf, str } from '../spec-builders.js';
import type { SchemaCase } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-pattern-syntax';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, reason: string) =>
  `${name} has a pattern that is not a valid ECMA-262 regular expression with the u flag (${reason}): fix it, or validators will reject every value, skip the check, or fail.`;

const delimited = (name: string, literal: string) =>
  `${name} has a pattern written as a regex literal with delimiters (${literal}): ECMA-262 patterns have none, so validators match the slashes and flags as text and reject every real value. Write the bare expression, without the slashes and flags.`;

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: 'patterns that start and end with a slash as path checks',
    paths: v =>
      post(v, obj({ prefix: str({ pattern: '/v1/' }), file: str({ pattern: '^/files/.+/$' }), dir: str({ pattern: '/[a-z]+/' }) })),
  },
  { name: 'Unicode property escapes', paths: v => post(v, obj({ name: str({ pattern: '^\\p{L}[\\p{L} .-]{0,99}$' }) })) },
  { name: 'an escaped hyphen and ordinary classes', paths: v => post(v, obj({ code: str({ pattern: '^[A-Z0-9\\-]{1,8}$' }) })) },
  { name: 'a pattern-like x- extension', paths: v => post(v, { ...obj({ a: str({ maxLength: 2 }) }), 'x-pattern': '[' }) },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'an unterminated class in a body property and a bad escape in a query parameter',
    paths: v => ({
      '/users': {
        post: post(v, obj({ code: str({ pattern: '^[a-z' }) }))['/users'].post,
        get: getWith(v, param(v, 'q', 'query', str({ pattern: '^\\_a$' })))['/users'].get,
      },
    }),
    expected: v => [
      finding(message('Property "code"', 'Unterminated character class'), [...bodyPath(v), 'properties', 'code', 'pattern']),
      finding(message('Parameter "q"', 'Invalid escape'), [...paramPath(v, 0), 'pattern']),
    ],
  },
  {
    name: 'a response schema and an unused definition are checked too',
    paths: v => ({ '/a': { get: { responses: { '200': responseOf(v, obj({ x: str({ pattern: '(' }) })) } } } }),
    schemas: () => ({ Lone: str({ pattern: '[\\w-.]' }) }),
    expected: v => [
      finding(message('Property "x"', 'Unterminated group'), [
        'paths',
        '/a',
        'get',
        'responses',
        '200',
        ...(v === '2.0' ? [] : ['content', 'application/json']),
        'schema',
        'properties',
        'x',
        'pattern',
      ]),
      finding(message('Schema "Lone"', 'Invalid character class'), [...componentPath(v, 'Lone'), 'pattern']),
    ],
  },
  {
    name: 'a PCRE-style literal with a flag in a query parameter (it compiles, and matches nothing)',
    paths: v => getWith(v, param(v, 'name', 'query', str({ pattern: '/^.*[a-z]+.*$/i' }))),
    expected: v => [finding(delimited('Parameter "name"', '/.../i'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'a delimited literal whose body also has escapes the u flag rejects: the delimiters are named',
    paths: v => getWith(v, param(v, 'X-Data-Actual-At', 'header', str({ pattern: '/^\\d{4}\\-\\d{2}\\-\\d{2}T\\d{2}:\\d{2}:\\d{2}$/' }))),
    expected: v => [finding(delimited('Parameter "X-Data-Actual-At"', '/.../'), [...paramPath(v, 0), 'pattern'])],
  },
  {
    name: 'a delimited literal in a response property (every pattern is checked)',
    paths: v => ({ '/a': { get: { responses: { '200': responseOf(v, obj({ code: str({ pattern: '/[A-Z]{3}/g' }) })) } } } }),
    expected: v => [
      finding(delimited('Property "code"', '/.../g'), [
        'paths',
        '/a',
        'get',
        'responses',
        '200',
        ...(v === '2.0' ? [] : ['content', 'application/json']),
        'schema',
        'properties',
        'code',
        'pattern',
      ]),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 9, pattern: '^[a-z'}\n` },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'error',
      message:
        'Parameter "q" has a pattern that is not a valid ECMA-262 regular expression with the u flag (Unterminated character class): fix it, or validators will reject every value, skip the check, or fail.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 9, pattern: '^[a-z]+$'}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
});
