import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, doc, object, responseOf } from './exposure-docs.js';
import type { Json, Version } from './exposure-docs.js';

const CODE = 'specguard-error-response-coverage';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const message = (operation: string, problems: string) =>
  `Operation ${operation} ${problems}: document each with a body schema so clients can handle the failure.`;

const body = (v: Version) => responseOf(v, object({ title: { type: 'string' } }));
const bare = { description: 'no body' };
/** A document with a root security requirement (or none) and the given paths. */
const secured = (v: Version, paths: Json, security = true) =>
  doc(
    v,
    paths,
    {},
    security
      ? v === '2.0'
        ? { security: [{ key: [] }], securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } }
        : {
            security: [{ key: [] }],
            components: { schemas: {}, securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
          }
      : {},
  );
const pathParam = (v: Version) =>
  v === '2.0'
    ? { name: 'id', in: 'path', required: true, type: 'string' }
    : { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a secured read of one object with only 401 (no body) and 500`,
    spec: secured(v, { '/pets/{id}': { get: { parameters: [pathParam(v)], responses: { '200': bare, '401': bare, '500': body(v) } } } }),
    expected: [
      finding(message('GET /pets/{id}', 'declares no 400 (or 422), 403, 404, 429 response and has no body schema for 401'), [
        'paths',
        '/pets/{id}',
        'get',
        'responses',
      ]),
    ],
  },
  {
    name: `${v}: an anonymous list without input, missing 429 and a server error`,
    spec: secured(v, { '/pets': { get: { responses: { '200': bare, '404': body(v) } } } }, false),
    expected: [finding(message('GET /pets', 'declares no 429, 500 (or 5XX/default) response'), ['paths', '/pets', 'get', 'responses'])],
  },
]);

const valid = VERSIONS.flatMap(v => [
  {
    name: `${v}: 4XX and default with bodies cover every code`,
    spec: secured(v, {
      '/pets/{id}': { put: { parameters: [pathParam(v)], responses: { '204': bare, '4XX': body(v), default: body(v) } } },
    }),
  },
  {
    name: `${v}: every code spelled out; security: [{}] needs no 401/403`,
    spec: secured(v, {
      '/pets/{id}': {
        get: {
          security: [{}],
          parameters: [pathParam(v)],
          responses: { '200': bare, '422': body(v), '404': body(v), '429': body(v), '503': body(v), '5XX': body(v) },
        },
      },
    }),
  },
  {
    name: `${v}: no error response at all is the other rule's finding`,
    spec: secured(v, { '/pets': { get: { responses: { '200': bare } } } }),
  },
]);

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a null response among error responses',
    spec: secured('3.0', { '/a': { get: { responses: { '429': null, default: body('3.0') } } } }, false),
    expected: [finding(message('GET /a', 'declares no 429 response'), ['paths', '/a', 'get', 'responses'])],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });

  it('checks limits what is asked for', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { checks: ['server-error'] }, 'strict');
    const spec = secured('3.1', { '/pets/{id}': { get: { parameters: [pathParam('3.1')], responses: { '200': bare, '404': bare } } } });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('GET /pets/{id}', 'declares no 500 (or 5XX/default) response'), ['paths', '/pets/{id}', 'get', 'responses']),
    ]);
  });
});
