import { describe } from 'vitest';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, doc } from './exposure-docs.js';

const CODE = 'specguard-error-responses';
const finding = findingOf(CODE);
const none = (operation: string) =>
  `Operation ${operation} declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.`;
const OK = { description: 'ok' };

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: only 2xx and 3xx responses, and no responses at all`,
    spec: doc(v, { '/a': { get: { responses: { '200': OK, '304': OK, 'x-error': OK } }, post: {} } }),
    expected: [finding(none('GET /a'), ['paths', '/a', 'get', 'responses']), finding(none('POST /a'), ['paths', '/a', 'post'])],
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
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: responses that are a list or null entries',
    spec: doc('3.0', { '/a': { get: { responses: ['404'] }, put: { responses: { '400': null, '500': OK } } } }),
    expected: [finding(none('GET /a'), ['paths', '/a', 'get', 'responses'])],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });
});
