import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { doc, versionCases } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-rate-limit-headers';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const message = (status: string, op: string) =>
  `The ${status} response of Operation ${op} has no rate-limit headers: declare RateLimit/RateLimit-Policy (or X-RateLimit-Limit, -Remaining, -Reset) so clients can pace themselves before they hit 429.`;

const mostWithout = (count: number, total: number, some: string) =>
  `${count} of the ${total} success responses have no rate-limit headers (${some}): declare RateLimit/RateLimit-Policy (or X-RateLimit-Limit, -Remaining, -Reset) on every success response, best through shared response components, so clients can pace themselves before they hit 429.`;

const withHeaders = (v: Version, ...names: string[]): Json => ({
  description: 'r',
  headers: Object.fromEntries(names.map(name => [name, v === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } }])),
});
const get = (responses: Json) => ({ '/things': { get: { responses } } });
/** A 429 with Retry-After: the API documents that it rate-limits. */
const tooMany = (v: Version): Json => withHeaders(v, 'Retry-After');
const RESPONSES = ['paths', '/things', 'get', 'responses'];

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'IETF RateLimit and RateLimit-Policy', paths: v => get({ '200': withHeaders(v, 'RateLimit', 'RateLimit-Policy') }) },
  { name: 'X-RateLimit-* in lower case', paths: v => get({ '200': withHeaders(v, 'x-ratelimit-limit', 'x-ratelimit-remaining') }) },
  {
    name: "Kong's per-window X-RateLimit-Limit-minute and -Remaining-minute (Zuora)",
    paths: v => get({ '200': withHeaders(v, 'X-RateLimit-Limit-minute', 'X-RateLimit-Remaining-Hour'), '429': tooMany(v) }),
  },
  { name: 'two families at once', paths: v => get({ '201': withHeaders(v, 'RateLimit-Limit', 'X-RateLimit-Limit') }) },
  { name: 'error responses are not judged', paths: () => get({ '400': { description: 'bad' }, default: { description: 'e' } }) },
  {
    name: 'a circular success $ref (its headers cannot be read)',
    only: ['3.0', '3.1'],
    paths: () => get({ '200': { $ref: '#/components/responses/Loop1' } }),
  },
  {
    name: 'an API that documents no rate limit at all (specguard-rate-limit-response reports the missing 429)',
    paths: () => ({
      '/a': { get: { responses: { '200': { description: 'ok' } } } },
      '/b': { get: { responses: { '200': { description: 'ok' }, '400': { description: 'bad' } } } },
    }),
  },
  {
    name: 'webhooks are requests the API sends',
    only: ['3.1'],
    paths: v => get({ '200': withHeaders(v, 'RateLimit') }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'a 200 without the headers where the API declares a 429',
    paths: v => ({
      ...get({ '200': withHeaders(v, 'X-Request-Id'), '429': tooMany(v) }),
      '/others': { get: { responses: { '200': withHeaders(v, 'RateLimit'), '429': tooMany(v) } } },
    }),
    expected: () => [finding(message('200', 'GET /things'), [...RESPONSES, '200'])],
  },
  {
    name: 'a 200 and a 2XX without the headers, where other responses declare them',
    paths: v => ({
      ...get({ '200': withHeaders(v, 'X-Request-Id'), '2XX': { description: 'ok' } }),
      '/a': { get: { responses: { '200': withHeaders(v, 'RateLimit') } } },
      '/b': { get: { responses: { '200': withHeaders(v, 'RateLimit') } } },
    }),
    expected: () => [
      finding(message('200', 'GET /things'), [...RESPONSES, '200']),
      finding(message('2XX', 'GET /things'), [...RESPONSES, '2XX']),
    ],
  },
  {
    name: 'an API with a 429 whose success responses declare no headers: once for the API',
    paths: v => ({
      '/a': { get: { responses: { '200': { description: 'ok' }, '429': tooMany(v) } } },
      '/b': { post: { responses: { '201': { description: 'ok' }, default: { description: 'e' } } } },
    }),
    expected: () => [finding(mostWithout(2, 2, 'GET /a 200, POST /b 201'), ['paths'])],
  },
  {
    name: 'a response shared through $ref, once',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/a': { get: { responses: { '200': { $ref: '#/components/responses/Plain' } } } },
      '/b': { get: { responses: { '200': { $ref: '#/components/responses/Plain' } } } },
      '/c': { get: { responses: { '200': withHeaders('3.0', 'RateLimit'), '429': tooMany('3.0') } } },
      '/d': { get: { responses: { '200': withHeaders('3.0', 'RateLimit') } } },
    }),
    expected: () => [finding(message('200', 'GET /a'), ['components', 'responses', 'Plain'])],
  },
  {
    name: 'most success responses without them: once for the API',
    paths: v =>
      Object.fromEntries(
        Array.from({ length: 11 }, (_, i) => [
          `/r${i}`,
          { get: { responses: { '200': i === 0 ? withHeaders(v, 'RateLimit') : { description: 'ok' } } } },
        ]),
      ),
    expected: () => [finding(mostWithout(10, 11, 'GET /r1 200, GET /r2 200, GET /r3 200 and 7 more'), ['paths'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      429:\n        headers:\n          Retry-After: integer\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 6,
      severity: 'info',
      message:
        'The 200 response of Operation GET /things has no rate-limit headers: declare RateLimit/RateLimit-Policy (or X-RateLimit-Limit, -Remaining, -Reset) so clients can pace themselves before they hit 429.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          x-ratelimit-remaining: integer\n`,
  },
};

describe(CODE, () => {
  const extra = (version: Version, c: SchemaCase<Finding>): Json =>
    version === '2.0'
      ? {}
      : {
          components: {
            schemas: {},
            responses: {
              Plain: { description: 'ok' },
              Loop1: { $ref: '#/components/responses/Loop2' },
              Loop2: { $ref: '#/components/responses/Loop1' },
            },
          },
          ...(c.name.startsWith('webhooks') ? { webhooks: { paid: { post: { responses: { '200': { description: 'ok' } } } } } } : {}),
        };
  const build = (version: Version, c: SchemaCase<Finding>) => doc(version, c.paths(version), {}, extra(version, c));
  runRuleCases(CODE, { valid: versionCases(VALID, build), invalid: versionCases(INVALID, build), raml: RAML });
});
