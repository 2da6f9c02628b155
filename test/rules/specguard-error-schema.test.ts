import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, firstRulesetWith, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, componentPath, doc, object, ref, responseOf } from './exposure-docs.js';
import type { Json, Version } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-error-schema';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const notGeneric = (schema: string, count: number, expected: string) =>
  `${schema} is an error body (error responses of its shape: ${count}) but not of the API's error shape: ${expected}, so every error has one shape clients and log tools can read.`;
const noCorrelation = (schema: string, count: number) =>
  `The API's error bodies carry no correlation id (error responses without one or a correlation header: ${count}, such as those using ${schema}): add a property such as "correlation id" or "request id" or "trace id" or "span id" or "instance", or one of the response headers X-Correlation-ID, X-Request-ID, traceparent, so a failure can be traced in the logs without exposing internals.`;

const OK = { description: 'ok' };
const problem = (schema: unknown, headers?: Json) => ({
  description: 'error',
  content: { 'application/problem+json': { schema } },
  ...(headers ? { headers } : {}),
});
/** A response with the same error body under JSON and XML, each its own schema object (as generators write them). */
const twins = (v: Version, schema: () => unknown) =>
  v === '2.0'
    ? responseOf(v, schema())
    : { description: 'error', content: { 'application/json': { schema: schema() }, 'application/xml': { schema: schema() } } };
const get = (responses: Json) => ({ get: { responses: { '200': OK, ...responses } } });
const errorPath = (v: Version, p: string, status: string) =>
  v === '2.0' ? ['paths', p, 'get', 'responses', status] : ['paths', p, 'get', 'responses', status, 'content', 'application/json'];

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: the shape most error bodies have is the generic one; it lacks a correlation id`,
    spec: doc(
      v,
      {
        '/a': get({ '400': responseOf(v, ref(v, 'Error')), '404': responseOf(v, ref(v, 'Error')) }),
        '/b': get({ '500': responseOf(v, object({ msg: {} })) }),
      },
      { Error: object({ message: { type: 'string' } }) },
    ),
    expected: [
      finding(
        notGeneric('The body schema of the 500 response of Operation GET /b', 1, 'use the schema "Error", as most error responses do'),
        [...errorPath(v, '/b', '500'), 'schema'],
      ),
      finding(noCorrelation('the schema "Error"', 2), componentPath(v, 'Error')),
    ],
  },
  {
    name: `${v}: an id in an envelope not named for tracking, an errors array without ids, and a real error body beside a 200 body reused as a 500 (only the real one counts)`,
    spec: doc(
      v,
      {
        '/a': get({ '400': responseOf(v, ref(v, 'Error')) }),
        '/status': { get: { responses: { '200': responseOf(v, ref(v, 'Error')), '500': responseOf(v, ref(v, 'Error')) } } },
      },
      { Error: object({ message: {}, user: object({ id: {} }), errors: { type: 'array', items: object({ detail: {}, id: {} }) } }) },
    ),
    expected: [finding(noCorrelation('the schema "Error"', 1), componentPath(v, 'Error'))],
  },
  {
    name: `${v}: a missing correlation id is said once for the API, however many schemas have the error shape`,
    spec: doc(
      v,
      {
        '/a': get({ '400': responseOf(v, ref(v, 'BadRequest')), '404': responseOf(v, ref(v, 'NotFound')) }),
        '/b': get({ '404': responseOf(v, ref(v, 'NotFound')), default: responseOf(v, object({ code: {}, message: {} })) }),
      },
      { BadRequest: object({ code: {}, message: {} }), NotFound: object({ code: {}, message: {} }) },
    ),
    expected: [finding(noCorrelation('the schema "NotFound"', 4), componentPath(v, 'NotFound'))],
  },
  {
    name: `${v}: a bare object among shaped error bodies has no shape at all`,
    spec: doc(
      v,
      {
        '/a': get({ '400': responseOf(v, ref(v, 'Error')), '404': responseOf(v, ref(v, 'Error')) }),
        '/b': get({ '406': responseOf(v, { type: 'object' }) }),
      },
      { Error: object({ message: {}, traceId: {} }) },
    ),
    expected: [
      finding(
        notGeneric('The body schema of the 406 response of Operation GET /b', 1, 'use the schema "Error", as most error responses do'),
        [...errorPath(v, '/b', '406'), 'schema'],
      ),
    ],
  },
]).concat(
  (['3.0', '3.1'] as const).map(v => ({
    name: `${v}: problem+json is the generic shape once the API uses it`,
    spec: doc(
      v,
      {
        '/a': get({
          '400': problem(ref(v, 'Problem'), { 'X-Request-ID': { schema: { type: 'string' } } }),
          '500': responseOf(v, ref(v, 'Problem')),
        }),
      },
      { Problem: object({ title: {} }) },
    ),
    expected: [
      finding(
        notGeneric(
          'The schema "Problem"',
          1,
          'serve error bodies as application/problem+json (RFC 9457 problem details), as the other error responses do',
        ),
        componentPath(v, 'Problem'),
      ),
    ],
  })),
);

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: one error schema with a requestId, extended through allOf`,
    spec: doc(
      v,
      {
        '/a': get({ '400': responseOf(v, { allOf: [ref(v, 'Error'), object({ fields: {} })] }), default: responseOf(v, ref(v, 'Error')) }),
      },
      { Error: object({ message: {}, request_id: {} }) },
    ),
  },
  {
    name: `${v}: a correlation header on every error response`,
    spec: doc(
      v,
      { '/a': get({ '404': { ...responseOf(v, ref(v, 'Error')), headers: { 'x-correlation-id': { type: 'string' } } } }) },
      { Error: object({ message: {} }) },
    ),
  },
  { name: `${v}: error responses without bodies`, spec: doc(v, { '/a': get({ '404': OK, default: OK }) }) },
  {
    name: `${v}: one error shape under several names and as inline copies`,
    spec: doc(
      v,
      {
        '/a': get({ '401': responseOf(v, ref(v, 'Unauthorized')), '404': responseOf(v, ref(v, 'NotFound')) }),
        '/b': get({
          '400': responseOf(v, object({ status_code: {}, message: {}, trace_id: {} })),
          '500': responseOf(v, ref(v, 'ServerError')),
        }),
      },
      {
        Unauthorized: object({ status_code: {}, message: {}, trace_id: {} }),
        NotFound: object({ status_code: {}, message: {}, trace_id: {} }),
        ServerError: object({ status_code: {}, message: {}, trace_id: {}, detail: {} }),
      },
    ),
  },
  {
    name: `${v}: an error body that adds a field to the API's shape (GitHub's 403 adds errors)`,
    spec: doc(
      v,
      {
        '/a': get({ '401': responseOf(v, ref(v, 'BasicError')), '404': responseOf(v, ref(v, 'BasicError')) }),
        '/b': get({ '403': responseOf(v, object({ message: {}, documentation_url: {}, errors: {}, request_id: {} })) }),
      },
      { BasicError: object({ message: {}, documentation_url: {}, url: {}, status: {}, request_id: {} }) },
    ),
  },
  {
    name: `${v}: JSON and XML twins of one error body, each its own schema object`,
    spec: doc(v, {
      '/a': get({
        '400': twins(v, () => object({ message: {}, traceId: {} })),
        '404': twins(v, () => object({ message: {}, traceId: {} })),
      }),
    }),
  },
  {
    name: `${v}: a correlation id inside the error envelope`,
    spec: doc(v, { '/a': get({ '400': responseOf(v, object({ error: object({ message: {}, trace_id: {} }) })) }) }),
  },
  {
    name: `${v}: a correlation id under a generic name, described as the request's identifier`,
    spec: doc(v, {
      '/a': get({
        '400': responseOf(
          v,
          object({ message: {}, id: { type: 'string', description: 'A unique error identifier generated for the request' } }),
        ),
      }),
    }),
  },
  {
    name: `${v}: a correlation id in a tracking envelope (LotaData tracking.id)`,
    spec: doc(v, {
      '/a': get({ '400': responseOf(v, object({ message: {}, tracking: object({ id: { type: 'string' }, session: {} }) })) }),
    }),
  },
  {
    name: `${v}: JSON:API error objects whose id identifies the occurrence, in the errors array (OPTIMADE)`,
    spec: doc(
      v,
      { '/a': get({ '400': responseOf(v, object({ errors: { type: 'array', items: ref(v, 'OccurrenceError') } })) }) },
      {
        OccurrenceError: {
          allOf: [
            object({
              detail: {},
              id: { type: 'string', description: 'A unique identifier for this particular occurrence of the problem.' },
            }),
          ],
        },
      },
    ),
  },
  {
    name: `${v}: the only error bodies are the operation's 200 body reused for its 500 (Conjur status report)`,
    spec: doc(
      v,
      { '/status': { get: { responses: { '200': responseOf(v, ref(v, 'Status')), '500': responseOf(v, ref(v, 'Status')) } } } },
      { Status: object({ healthy: { type: 'boolean' }, details: {} }) },
    ),
  },
  {
    name: `${v}: a default response that is the success contract (no 2xx declared) is not an error body`,
    spec: doc(v, {
      '/a': { post: { responses: { default: responseOf(v, object({ status: {}, orders: {} })) } } },
      '/b': get({ '400': responseOf(v, object({ message: {}, requestId: {} })) }),
    }),
  },
]).concat(
  (['3.0', '3.1'] as const).map(v => ({
    name: `${v}: problem+json and application/json twins of one error response`,
    spec: doc(
      v,
      {
        '/a': get({
          '400': problem(ref(v, 'Problem')),
          '500': {
            description: 'e',
            content: { 'application/json': { schema: ref(v, 'Problem') }, 'application/problem+json': { schema: ref(v, 'Problem') } },
          },
        }),
      },
      { Problem: object({ title: {}, instance: {} }) },
    ),
  })),
);

const oddShapes: RuleCase[] = [
  { name: '3.0: content that is a list', spec: doc('3.0', { '/a': get({ '404': { description: 'x', content: [1] } }) }), expected: [] },
  {
    name: '3.0: error bodies whose schema is a list or whose properties are odd',
    spec: doc('3.0', {
      '/a': get({
        '400': { description: 'x', content: { 'application/json': { schema: [1] } } },
        '404': responseOf('3.0', { type: 'array', items: 5, properties: [1], allOf: 'x' }),
      }),
    }),
    expected: [
      finding(noCorrelation('the body schema of the 404 response of Operation GET /a', 1), [...errorPath('3.0', '/a', '404'), 'schema']),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json:\n            properties:\n              message: string\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'warn',
      message: `The API's error bodies carry no correlation id (error responses without one or a correlation header: 1, such as those using the body schema of the 500 response of Operation GET /things): add a property such as "correlation id" or "request id" or "trace id" or "span id" or "instance", or one of the response headers X-Correlation-ID, X-Request-ID, traceparent, so a failure can be traced in the logs without exposing internals.`,
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      500:\n        body:\n          application/problem+json:\n            properties:\n              type: string\n              title: string\n              status: integer\n              correlationId: string\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('errorSchema names the one error schema', async () => {
    const spec = doc(
      '3.1',
      {
        '/a': get({
          '400': responseOf('3.1', ref('3.1', 'Problem')),
          '404': responseOf('3.1', ref('3.1', 'Other')),
          '500': responseOf('3.1', ref('3.1', 'Other')),
        }),
      },
      { Problem: object({ traceId: {} }), Other: object({ traceId: {} }) },
    );
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { errorSchema: 'Problem' }, firstRulesetWith(CODE));
    const expected = 'use the schema "Problem" (or one that extends it with allOf)';
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(notGeneric('The schema "Other"', 2, expected), componentPath('3.1', 'Other')),
    ]);
  });
});
