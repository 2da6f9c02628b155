import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, componentPath, doc, object, ref, responseOf } from './exposure-docs.js';
import type { Json, Version } from './exposure-docs.js';

const CODE = 'specguard-error-schema';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const notGeneric = (schema: string, count: number, expected: string) =>
  `${schema} is an error body (error responses using it: ${count}) but not the API's error schema: ${expected}, so every error has one shape clients and log tools can read.`;
const noCorrelation = (schema: string, count: number) =>
  `Error bodies of ${schema} carry no correlation id (error responses using it without a correlation header: ${count}): add a property such as "correlation id" or "request id" or "trace id" or "span id" or "instance", or one of the response headers X-Correlation-ID, X-Request-ID, traceparent, so a failure can be traced in the logs without exposing internals.`;

const OK = { description: 'ok' };
const problem = (schema: unknown, headers?: Json) => ({
  description: 'error',
  content: { 'application/problem+json': { schema } },
  ...(headers ? { headers } : {}),
});
const get = (responses: Json) => ({ get: { responses: { '200': OK, ...responses } } });
const errorPath = (v: Version, p: string, status: string) =>
  v === '2.0' ? ['paths', p, 'get', 'responses', status] : ['paths', p, 'get', 'responses', status, 'content', 'application/json'];

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: the schema most error bodies use is the generic one; it lacks a correlation id`,
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
]);

const oddShapes: RuleCase[] = [
  { name: '3.0: content that is a list', spec: doc('3.0', { '/a': get({ '404': { description: 'x', content: [1] } }) }), expected: [] },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });

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
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { errorSchema: 'Problem' }, 'strict');
    const expected = 'use the schema "Problem" (or one that extends it with allOf)';
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(notGeneric('The schema "Other"', 2, expected), componentPath('3.1', 'Other')),
    ]);
  });
});
