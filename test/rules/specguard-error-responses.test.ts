import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, doc } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-error-responses';
const finding = findingOf(CODE);
const none = (operation: string) =>
  `Operation ${operation} declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.`;
const mostWithout = (count: number, total: number, some: string) =>
  `${count} of the ${total} operations declare no error response (${some}): document the API's errors once, as shared responses (components.responses; responses in OAS 2.0) with an error body, such as 4XX and 5XX or default, and reference them from every operation, so clients and gateways can tell failure from success.`;
const OK = { description: 'ok' };
const FAILS = { description: 'fails' };

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: only 2xx and 3xx responses, and no responses at all, where the other operations declare errors`,
    spec: doc(v, {
      '/a': { get: { responses: { '200': OK, '304': OK, 'x-error': OK } }, post: {} },
      '/b': { get: { responses: { '200': OK, '404': FAILS } }, put: { responses: { '204': OK, default: FAILS } } },
    }),
    expected: [finding(none('GET /a'), ['paths', '/a', 'get', 'responses']), finding(none('POST /a'), ['paths', '/a', 'post'])],
  },
  {
    name: `${v}: most operations without an error response is one gap of the API, said once`,
    spec: doc(v, {
      '/a': { get: { responses: { '200': OK } }, post: { responses: { '201': OK } } },
      '/b': { get: { responses: { '200': OK } }, delete: { responses: { '204': OK, '404': FAILS } } },
      '/c': { get: { responses: { '200': OK } } },
    }),
    expected: [finding(mostWithout(4, 5, 'GET /a, POST /a, GET /b and 1 more'), ['paths'])],
  },
  {
    name: `${v}: two operations, neither with an error response`,
    spec: doc(v, { '/a': { get: { responses: { '200': OK } } }, '/b': { get: { responses: { '200': OK } } } }),
    expected: [finding(mostWithout(2, 2, 'GET /a, GET /b'), ['paths'])],
  },
  {
    name: `${v}: the API's only operation`,
    spec: doc(v, { '/a': { get: { responses: { '200': OK } } } }),
    expected: [finding(none('GET /a'), ['paths', '/a', 'get', 'responses'])],
  },
]);

const valid = VERSIONS.flatMap(v =>
  ['404', '4XX', '5xx', 'default', '503'].map(status => ({
    name: `${v}: a ${status} response`,
    spec: doc(v, { '/a': { get: { responses: { '200': OK, [status]: OK } } } }),
  })),
).concat([
  {
    name: '3.1: a webhook without error responses is not an API operation',
    spec: doc('3.1', {}, {}, { webhooks: { ping: { post: { responses: { '200': OK } } } } }),
  },
  {
    name: '3.0: shared error responses referenced from every operation',
    spec: doc(
      '3.0',
      {
        '/a': { get: { responses: { '200': OK, default: { $ref: '#/components/responses/Error' } } } },
        '/b': { get: { responses: { '200': OK, '4XX': { $ref: '#/components/responses/Error' } } } },
      },
      {},
      { components: { responses: { Error: FAILS } } },
    ),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: responses that are a list or null entries',
    spec: doc('3.0', { '/a': { get: { responses: ['404'] }, put: { responses: { '400': null, '500': OK } } } }),
    expected: [finding(none('GET /a'), ['paths', '/a', 'get', 'responses'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'error',
      message:
        'Operation GET /things declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      500:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
