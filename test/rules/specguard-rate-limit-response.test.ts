import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import { doc, versionCases } from '../spec-builders.js';
import type { Json, SchemaCase, Version } from '../spec-builders.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-rate-limit-response';
const finding = findingOf(CODE);
type Finding = ReturnType<typeof finding>;
const no429 = (op: string) =>
  `Operation ${op} declares no 429 response: rate-limit it and document the 429 (with Retry-After) so abusive clients are throttled and honest ones know how to back off.`;
const noRetryAfter = (op: string) =>
  `The 429 response of Operation ${op} has no Retry-After header: add it so clients know when to retry instead of retrying at once.`;

/** A response with the named headers, in the version's spelling. */
const withHeaders = (v: Version, ...names: string[]): Json => ({
  description: 'r',
  headers: Object.fromEntries(names.map(name => [name, v === '2.0' ? { type: 'integer' } : { schema: { type: 'integer' } }])),
});
const get = (responses: Json) => ({ '/things': { get: { responses } } });
const RESPONSES = ['paths', '/things', 'get', 'responses'];

const mostWithout429 = (count: number, total: number, some: string) =>
  `${count} of the ${total} operations declare no 429 response (${some}): rate-limit the API and document the 429 with Retry-After once, as a shared response (components.responses; responses in OAS 2.0) referenced from every operation.`;
const mostWithoutRetryAfter = (count: number, total: number, some: string) =>
  `${count} of the ${total} 429 responses have no Retry-After header (${some}): add it, best to a shared response (components.responses; responses in OAS 2.0) referenced from every operation, so clients know when to retry instead of retrying at once.`;

/** `count` operations GET /r0, GET /r1...; the first `limited` of them declare `tooMany` as their 429. */
function many(count: number, limited: number, tooMany: Json = { description: 'slow down' }): Json {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `/r${i}`,
      { get: { responses: { '200': { description: 'ok' }, ...(i < limited ? { '429': tooMany } : {}) } } },
    ]),
  );
}

const VALID: Array<SchemaCase<Finding>> = [
  { name: 'a 429 with Retry-After', paths: v => get({ '200': { description: 'ok' }, '429': withHeaders(v, 'Retry-After') }) },
  { name: 'Retry-After in any case', paths: v => get({ '429': withHeaders(v, 'retry-after') }) },
  { name: 'a 4XX carrying Retry-After', paths: v => get({ '200': { description: 'ok' }, '4XX': withHeaders(v, 'Retry-After') }) },
  { name: 'a default carrying X-RateLimit-Reset', paths: v => get({ default: withHeaders(v, 'x-ratelimit-reset') }) },
  {
    name: 'a shared 429 through components.responses',
    only: ['3.0', '3.1'],
    paths: () => ({
      '/a': { get: { responses: { '429': { $ref: '#/components/responses/TooMany' } } } },
      '/b': { get: { responses: { '429': { $ref: '#/components/responses/TooMany' } } } },
    }),
  },
  {
    name: 'webhooks and callbacks are requests the API sends, not operations it serves',
    only: ['3.1'],
    paths: v => ({
      '/subscriptions': {
        post: {
          callbacks: { onEvent: { '{$request.body#/url}': { post: { responses: { '200': { description: 'ok' } } } } } },
          responses: { '201': { description: 'ok' }, '429': withHeaders(v, 'Retry-After') },
        },
      },
    }),
  },
  {
    name: 'a 429 with a reset header says when to retry as well as Retry-After does',
    paths: v => get({ '429': withHeaders(v, 'X-RateLimit-Limit', 'X-RateLimit-Reset') }),
  },
  { name: 'a 429 with the IETF RateLimit field (its reset is a parameter)', paths: v => get({ '429': withHeaders(v, 'RateLimit') }) },
  {
    name: "AWS's made-up 48x statuses: a 4xx described as throttling is the documented 429",
    paths: () =>
      get({
        '200': { description: 'Success' },
        '480': { description: 'ThrottlingException' },
        '481': { description: 'ValidationException' },
      }),
  },
  {
    name: 'a 403 described as a rate limit (GitHub-style secondary limits)',
    paths: () => get({ '200': { description: 'ok' }, '403': { description: 'Forbidden: rate limit exceeded' } }),
  },
  {
    name: 'a circular 429 $ref (its headers cannot be read)',
    only: ['3.0', '3.1'],
    paths: () => ({ '/things': { get: { responses: { '429': { $ref: '#/components/responses/Loop1' } } } } }),
  },
];

const INVALID: Array<SchemaCase<Finding>> = [
  {
    name: 'no 429, and a 4XX without rate-limit headers',
    paths: v => get({ '200': { description: 'ok' }, '4XX': withHeaders(v, 'X-Request-Id') }),
    expected: () => [finding(no429('GET /things'), RESPONSES)],
  },
  {
    name: 'a 429 without Retry-After or a reset header (a limit alone does not say when to retry)',
    paths: v => get({ '429': withHeaders(v, 'RateLimit-Limit', 'X-RateLimit-Remaining') }),
    expected: () => [finding(noRetryAfter('GET /things'), [...RESPONSES, '429'])],
  },
  {
    name: 'most of 10 or more operations without a 429: once for the API',
    paths: () => many(11, 1, { $ref: '#/components/responses/TooMany' }),
    expected: () => [finding(mostWithout429(10, 11, 'GET /r1, GET /r2, GET /r3 and 7 more'), ['paths'])],
    only: ['3.0', '3.1'],
  },
  {
    name: 'fewer than 10 operations without a 429: each of them',
    paths: () => many(9, 0),
    expected: () => Array.from({ length: 9 }, (_, i) => finding(no429(`GET /r${i}`), ['paths', `/r${i}`, 'get', 'responses'])),
  },
  {
    name: 'most 429s (10 or more) without Retry-After: once for the API',
    paths: () => many(10, 10),
    expected: () => [finding(mostWithoutRetryAfter(10, 10, 'GET /r0, GET /r1, GET /r2 and 7 more'), ['paths'])],
  },
  {
    name: 'other 48x errors (quota, validation) and a 5xx described as throttling are not a 429',
    paths: () =>
      get({
        '200': { description: 'ok' },
        '480': { description: 'ServiceQuotaExceededException' },
        '481': { description: 'ValidationException' },
        '503': { description: 'Throttled' },
      }),
    expected: () => [finding(no429('GET /things'), RESPONSES)],
  },
  {
    name: 'an operation without responses',
    paths: () => ({ '/things': { post: {} } }),
    expected: () => [finding(no429('POST /things'), ['paths', '/things', 'post'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n  post:\n    responses:\n      201:\n      429:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'error',
      message:
        'Operation GET /things declares no 429 response: rate-limit it and document the 429 (with Retry-After) so abusive clients are throttled and honest ones know how to back off.',
    },
    {
      file: 'api.raml',
      line: 10,
      severity: 'error',
      message:
        'The 429 response of Operation POST /things has no Retry-After header: add it so clients know when to retry instead of retrying at once.',
    },
  ],
  silent: {
    // A trait is RAML's way to give every operation the same 429.
    'api.raml': `${HEAD}traits:\n  throttled:\n    responses:\n      429:\n        headers:\n          Retry-After: integer\n/things:\n  is: [throttled]\n  get:\n    responses:\n      200:\n  post:\n    responses:\n      201:\n`,
  },
};

describe(CODE, () => {
  const extra = (version: Version): Json =>
    version === '2.0'
      ? {}
      : {
          components: {
            responses: {
              TooMany: withHeaders(version, 'Retry-After'),
              Loop1: { $ref: '#/components/responses/Loop2' },
              Loop2: { $ref: '#/components/responses/Loop1' },
            },
            schemas: {},
          },
        };
  const build = (version: Version, c: SchemaCase<Finding>) => {
    const text = JSON.parse(doc(version, c.paths(version))) as Json;
    return JSON.stringify(version === '2.0' ? text : { ...text, ...extra(version) });
  };
  runRuleCases(CODE, { valid: versionCases(VALID, build), invalid: versionCases(INVALID, build), raml: RAML });
});
