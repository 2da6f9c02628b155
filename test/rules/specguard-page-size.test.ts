import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, messagesOf, rulesetOverriding, runRuleCases } from '../helpers.js';
import { arr, componentPath, doc, int, versionCases, obj, OK, param, paramPath, ref, responseOf, str, VERSIONS } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-page-size';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
// The definition's own message; the RAML case below pins its wording.
const noPageSize = (operation: string) => messagesOf(CODE).noPageSize({ operation });
const unbounded = (name: string, operation: string) =>
  `${name} sets the page size of ${operation} without a maximum: add maximum (and a default) so one request cannot pull the whole collection.`;
const s = str({ maxLength: 5 });
const item = obj({ name: s });
const limit = (v: Version, extra: Json = {}, name = 'limit') => param(v, name, 'query', int(extra));

/** GET /users returning `schema` with `parameters`; `extra` adds path-item keys. */
const list = (v: Version, schema: unknown, parameters: Json[] = [], extra: Json = {}) => ({
  '/users': { ...extra, get: { parameters, responses: { '200': responseOf(v, schema) } } },
});
const responsePath = (v: Version, p = '/users', status = '200'): string[] =>
  v === '2.0'
    ? ['paths', p, 'get', 'responses', status, 'schema']
    : ['paths', p, 'get', 'responses', status, 'content', 'application/json', 'schema'];

/** A shared `per_page` parameter component, referenced from two list operations. */
const sharedPerPage = (v: Version) => {
  const perPage = param(v, 'per_page', 'query', int({ default: 30 }));
  const target = v === '2.0' ? '#/parameters/perPage' : '#/components/parameters/perPage';
  const get = { parameters: [{ $ref: target }], responses: { '200': responseOf(v, arr(item)) } };
  return {
    paths: { '/a': { get }, '/b': { get } },
    extra: v === '2.0' ? { parameters: { perPage } } : { components: { schemas: {}, parameters: { perPage } } },
  };
};

/** number-range off: the integer page-size parameters it reports come back to this rule. */
const rangeOff = rulesetOverriding({ 'specguard-number-range': 'off' });

const VALID: Array<SchemaCase<Finding>> = [
  {
    name: "an integer page-size parameter without a maximum is number-range's (one finding, at warn)",
    paths: v => list(v, arr(item), [limit(v, { default: 20 }), limit(v, { minimum: 1 }, 'per_page')]),
  },
  { name: 'a limit with a maximum', paths: v => list(v, arr(item), [limit(v, { maximum: 100 })]) },
  {
    name: 'a page-size parameter declared at the path level',
    paths: v => list(v, arr(item), [], { parameters: [limit(v, { maximum: 100 }, 'page_size')] }),
  },
  {
    name: 'maxItems on the array, through a $ref',
    paths: v => list(v, ref(v, 'Users')),
    schemas: () => ({ Users: arr(item, { maxItems: 50 }) }),
  },
  { name: 'maxItems in an allOf branch', paths: v => list(v, { allOf: [arr(item), { maxItems: 20 }] }) },
  { name: 'an enum page size', paths: v => list(v, arr(item), [limit(v, { enum: [10, 50] }, 'perPage')]) },
  { name: '3.1 numeric exclusiveMaximum', only: ['3.1'], paths: v => list(v, arr(item), [limit(v, { exclusiveMaximum: 101 })]) },
  { name: 'a page object whose items are bounded', paths: v => list(v, obj({ items: arr(item), next: s }), [limit(v, { maximum: 100 })]) },
  { name: 'a GET returning one object', paths: v => list(v, item) },
  { name: 'an object with one array but no page marker', paths: v => list(v, obj({ name: s, emails: arr(s) })) },
  { name: 'a linked node: its next is an object, not a cursor', paths: v => list(v, obj({ next: obj({ id: s }), all: arr(item) })) },
  {
    name: 'arrays in a POST response and in an error response',
    paths: v => ({
      '/users': {
        post: { responses: { '200': responseOf(v, arr(item)) } },
        get: { responses: { '200': OK, '400': responseOf(v, obj({ errors: arr(s) })) } },
      },
    }),
  },
  {
    name: 'a lookup of one item by its key whose response is typed as an array',
    paths: v => ({
      '/{bin}': { get: { parameters: [param(v, 'bin', 'path', s)], responses: { '200': responseOf(v, arr(item)) } } },
      '/v1/orders/{orderId}': { get: { parameters: [param(v, 'orderId', 'path', s)], responses: { '200': responseOf(v, arr(item)) } } },
      '/suffixes/{suffix}': { get: { parameters: [param(v, 'suffix', 'path', s)], responses: { '200': responseOf(v, arr(item)) } } },
      '/words/{id}': { get: { parameters: [param(v, 'id', 'path', s)], responses: { '200': responseOf(v, obj({ data: arr(item) })) } } },
    }),
  },
  {
    name: 'a list of values from a fixed set (enum items): a server-defined list, not a collection',
    paths: v => ({
      '/languages': { get: { responses: { '200': responseOf(v, arr(str({ enum: ['en', 'fr'] }))) } } },
      '/types': { get: { responses: { '200': responseOf(v, obj({ items: arr({ allOf: [s, { enum: ['a', 'b'] }] }) })) } } },
    }),
  },
  {
    name: 'x- keys beside the responses are not statuses',
    paths: v => ({ '/users': { get: { responses: { '200': OK, 'x-list': responseOf(v, arr(item)) } } } }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'an array without any page size, at the response array',
    paths: v => list(v, arr(item)),
    expected: v => [finding(noPageSize('Operation GET /users'), responsePath(v))],
  },
  {
    name: 'a limit without a maximum, at the parameter, with number-range off',
    paths: v => list(v, arr(item), [limit(v, { default: 20 })]),
    ruleset: rangeOff,
    expected: v => [finding(unbounded('Parameter "limit"', 'Operation GET /users'), paramPath(v, 0))],
  },
  {
    name: 'a page size in a header is not a page-size parameter',
    only: ['3.0', '3.1'],
    paths: v => list(v, arr(item), [param(v, 'limit', 'header', int({ maximum: 10 }))]),
    expected: v => [finding(noPageSize('Operation GET /users'), responsePath(v))],
  },
  {
    name: 'a page object, at its items property',
    paths: v => list(v, obj({ total_count: int(), repositories: arr(item) })),
    expected: v => [finding(noPageSize('Operation GET /users'), [...responsePath(v), 'properties', 'repositories'])],
  },
  {
    name: 'a page object composed with allOf',
    paths: v => list(v, { allOf: [ref(v, 'Page'), obj({ data: arr(item) })] }),
    schemas: () => ({ Page: obj({ next: s }) }),
    expected: v => [finding(noPageSize('Operation GET /users'), [...responsePath(v), 'allOf', '1', 'properties', 'data'])],
  },
  {
    name: 'a collection narrowed by a path parameter that names no item of it',
    paths: v => {
      const listBy = (name: string) => ({
        get: { parameters: [param(v, name, 'path', s)], responses: { '200': responseOf(v, arr(item)) } },
      });
      return {
        '/apis/{owner}': listBy('owner'),
        '/PlayersByTeam/{teamId}': listBy('teamId'),
        '/games/{season}/{week}': {
          get: { parameters: [param(v, 'season', 'path', s), param(v, 'week', 'path', s)], responses: { '200': responseOf(v, arr(item)) } },
        },
        '/edges/from/{id}': listBy('id'),
        '/v1/{name}': listBy('name'),
      };
    },
    expected: v =>
      ['/apis/{owner}', '/PlayersByTeam/{teamId}', '/games/{season}/{week}', '/edges/from/{id}', '/v1/{name}'].map(p =>
        finding(noPageSize(`Operation GET ${p}`), responsePath(v, p)),
      ),
  },
  {
    name: 'a string page-size parameter without a maximum (number-range judges numbers only)',
    paths: v => list(v, arr(item), [param(v, 'limit', 'query', str({ maxLength: 3 }))]),
    expected: v => [finding(unbounded('Parameter "limit"', 'Operation GET /users'), paramPath(v, 0))],
  },
  {
    name: 'a path ending in a key, with a page-size parameter: the operation pages',
    ruleset: rangeOff,
    paths: v => ({
      '/customers/{id}': { get: { parameters: [param(v, 'id', 'path', s), limit(v)], responses: { '200': responseOf(v, arr(item)) } } },
    }),
    expected: v => [finding(unbounded('Parameter "limit"', 'Operation GET /customers/{id}'), paramPath(v, 1, '/customers/{id}'))],
  },
  {
    name: 'a 3.1 nullable array type',
    only: ['3.1'],
    paths: v => list(v, { type: ['array', 'null'], items: item }),
    expected: v => [finding(noPageSize('Operation GET /users'), responsePath(v))],
  },
  {
    name: 'an array component two lists return, once at the definition',
    paths: v => ({ ...list(v, ref(v, 'Users')), '/admins': list(v, ref(v, 'Users'))['/users'] }),
    schemas: () => ({ Users: arr(item) }),
    expected: v => [finding(noPageSize('Operation GET /users'), componentPath(v, 'Users'))],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1}\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string}\n/others:\n  get:\n    responses:\n      200:\n        body:\n          application/json: string[]\n`,
  },
  // The unbounded limit on /things is specguard-number-range's finding (see its case above).
  expected: [
    {
      file: 'api.raml',
      line: 16,
      severity: 'warn',
      message:
        'Operation GET /others returns a list with no bounded page size: add a page-size query parameter (such as limit) with a maximum, or maxItems on this array, so one request cannot pull the whole collection.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string}\n/others:\n  get:\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string, maxItems: 50}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { valid: versionCases(VALID), invalid: versionCases(INVALID), raml: RAML });
  describe.each(VERSIONS)('OAS %s', version => {
    it('a shared per_page parameter without a maximum, once at its definition (number-range off)', async () => {
      const { paths, extra } = sharedPerPage(version);
      const path = version === '2.0' ? ['parameters', 'perPage'] : ['components', 'parameters', 'perPage', 'schema'];
      expect(await findingsOf(CODE, doc(version, paths, {}, extra), { ruleset: rangeOff })).toEqual([
        finding(unbounded('Parameter "per_page"', 'Operation GET /a'), path),
      ]);
    });
  });
});
