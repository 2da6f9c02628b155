import { describe } from 'vitest';
import { findingOf, runGenericChecks } from '../helpers.js';
import { bodyPath, componentPath, getWith, itSchemaCases, obj, param, paramPath, post, responseOf, str, VERSIONS } from '../oas-docs.js';
import type { SchemaCase } from '../oas-docs.js';

const CODE = 'specguard-pattern-syntax';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (name: string, reason: string) =>
  `${name} has a pattern that is not a valid ECMA-262 regular expression with the u flag (${reason}): fix it, or validators will reject every value, skip the check, or fail.`;

const VALID: Array<SchemaCase<Finding>> = [
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
];

describe(CODE, () => {
  runGenericChecks(CODE);
  describe.each(VERSIONS)('OAS %s', version => {
    itSchemaCases(CODE, version, VALID, INVALID);
  });
});
