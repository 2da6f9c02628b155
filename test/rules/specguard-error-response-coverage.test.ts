import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, firstRulesetWith, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { VERSIONS, doc, object, responseOf } from './exposure-docs.js';
import type { Json, Version } from './exposure-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-error-response-coverage';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const message = (operation: string, problems: string) =>
  `Operation ${operation} ${problems}: document each with a body schema (a default response documents every code it does not list) so clients can handle the failure.`;
const habit = (gaps: string) =>
  `Across the API, ${gaps}: document each once, as a shared response (components.responses; responses in OAS 2.0) with an error body schema, and reference it from every operation, so clients can handle the failure.`;

const body = (v: Version) => responseOf(v, object({ title: { type: 'string' } }));
const bare = { description: 'no body' };
const API_KEY = { type: 'apiKey', in: 'header', name: 'X-Key' };
const oauth = (v: Version) =>
  v === '2.0'
    ? {
        type: 'oauth2',
        flow: 'accessCode',
        authorizationUrl: 'https://a.example/auth',
        tokenUrl: 'https://a.example/token',
        scopes: { read: 'r' },
      }
    : {
        type: 'oauth2',
        flows: {
          authorizationCode: { authorizationUrl: 'https://a.example/auth', tokenUrl: 'https://a.example/token', scopes: { read: 'r' } },
        },
      };
/** A document with a root security requirement (an API key, OAuth 2.0 with a scope, or none) and the given paths. */
const secured = (v: Version, paths: Json, security: 'key' | 'oauth' | false = 'key') => {
  if (security === false) return doc(v, paths);
  const scheme = security === 'key' ? API_KEY : oauth(v);
  const requirement = [{ auth: security === 'key' ? [] : ['read'] }];
  return doc(
    v,
    paths,
    {},
    v === '2.0'
      ? { security: requirement, securityDefinitions: { auth: scheme } }
      : { security: requirement, components: { schemas: {}, securitySchemes: { auth: scheme } } },
  );
};
const param = (v: Version, name: string, where: string) =>
  v === '2.0'
    ? { name, in: where, required: where === 'path', type: 'string' }
    : { name, in: where, required: where === 'path', schema: { type: 'string' } };
const pathParam = (v: Version) => param(v, 'id', 'path');
const requestBody = (v: Version) =>
  v === '2.0'
    ? { parameters: [{ name: 'body', in: 'body', schema: { type: 'object' } }] }
    : { requestBody: { content: { 'application/json': { schema: { type: 'object' } } } } };

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: a secured read of one object with only 401 (no body) and 500`,
    spec: secured(v, { '/pets/{id}': { get: { parameters: [pathParam(v)], responses: { '200': bare, '401': bare, '500': body(v) } } } }),
    expected: [finding(message('GET /pets/{id}', 'has no body schema for 401'), ['paths', '/pets/{id}', 'get', 'responses'])],
  },
  {
    name: `${v}: an anonymous list without input, missing a server error`,
    spec: secured(v, { '/pets': { get: { responses: { '200': bare, '404': body(v) } } } }, false),
    expected: [finding(message('GET /pets', 'declares no 500 (or 5XX) response'), ['paths', '/pets', 'get', 'responses'])],
  },
  {
    name: `${v}: an operation that requires an OAuth 2.0 scope, without 403`,
    spec: secured(
      v,
      { '/pets': { post: { ...requestBody(v), responses: { '201': bare, '400': body(v), '401': body(v), '5XX': body(v) } } } },
      'oauth',
    ),
    expected: [finding(message('POST /pets', 'declares no 403 response'), ['paths', '/pets', 'post', 'responses'])],
  },
  {
    name: `${v}: a server error no operation declares is said once for the API; the rest per operation`,
    spec: secured(
      v,
      {
        '/a': { get: { responses: { '200': bare, '404': body(v) } } },
        '/b': { get: { responses: { '200': bare, '404': body(v) } } },
        '/c': { get: { parameters: [param(v, 'q', 'query')], responses: { '200': bare, '404': body(v) } } },
      },
      false,
    ),
    expected: [
      finding(habit('3 of the 3 operations that need one declare no 500 (or 5XX) response (GET /a, GET /b, GET /c)'), ['paths']),
      finding(message('GET /c', 'declares no 400 (or 422) response'), ['paths', '/c', 'get', 'responses']),
    ],
  },
  {
    name: `${v}: a shared error response without a body schema is said once`,
    spec: secured(v, {
      '/a': { get: { responses: { '200': bare, '401': bare, '500': body(v) } } },
      '/b': { get: { responses: { '200': bare, '401': bare, '500': body(v) } } },
    }),
    expected: [finding(habit('2 of the 2 401 responses have no body schema (GET /a, GET /b)'), ['paths'])],
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
    name: `${v}: a default response with an error body is the error contract for every code it does not list`,
    spec: secured(
      v,
      { '/pets/{id}': { get: { parameters: [pathParam(v), param(v, 'q', 'query')], responses: { '200': bare, default: body(v) } } } },
      'oauth',
    ),
  },
  {
    name: `${v}: every code spelled out; security: [{}] needs no 401`,
    spec: secured(v, {
      '/pets/{id}': {
        get: {
          security: [{}],
          parameters: [pathParam(v)],
          responses: { '200': bare, '422': body(v), '503': body(v), '5XX': body(v) },
        },
      },
    }),
  },
  {
    name: `${v}: 404 and 429 are not asked for (object-level-authorization and rate-limit-response own them), nor 403 without scopes`,
    spec: secured(v, {
      '/pets/{id}': { delete: { parameters: [pathParam(v)], responses: { '204': bare, '400': body(v), '401': body(v), '500': body(v) } } },
    }),
  },
  {
    name: `${v}: a path identifier is not input a 400 answers (a bad one is a 404)`,
    spec: secured(
      v,
      { '/pets/{id}': { get: { parameters: [pathParam(v)], responses: { '200': bare, '404': body(v), '500': body(v) } } } },
      false,
    ),
  },
  {
    name: `${v}: header parameters are not input a 400 answers (credentials, versions, content negotiation)`,
    spec: secured(
      v,
      { '/pets': { get: { parameters: [param(v, 'Accept-Version', 'header')], responses: { '200': bare, '500': body(v) } } } },
      false,
    ),
  },
  {
    name: `${v}: errors numbered outside the HTTP registry (converted AWS descriptions) do not say which error each is`,
    spec: secured(v, {
      '/pets/{id}': { post: { parameters: [pathParam(v)], responses: { '200': bare, '480': body(v), '482': body(v), '485': body(v) } } },
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
    spec: secured('3.0', { '/a': { get: { responses: { '429': null, '404': bare } } } }, false),
    expected: [finding(message('GET /a', 'declares no 500 (or 5XX) response'), ['paths', '/a', 'get', 'responses'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      500:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'warn',
      message:
        'Operation GET /things has no body schema for 500: document each with a body schema (a default response documents every code it does not list) so clients can handle the failure.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: string\n    responses:\n      200:\n      400:\n        body:\n          application/json: object\n      429:\n        body:\n          application/json: object\n      500:\n        body:\n          application/json: object\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  const base = firstRulesetWith(CODE);
  it('checks limits what is asked for', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { checks: ['server-error'] }, base);
    const spec = secured('3.1', { '/pets/{id}': { get: { parameters: [pathParam('3.1')], responses: { '200': bare, '404': bare } } } });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('GET /pets/{id}', 'declares no 500 (or 5XX) response'), ['paths', '/pets/{id}', 'get', 'responses']),
    ]);
  });

  it('checks can ask for 404 and 429 too', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { checks: ['not-found', 'rate-limit'] }, base);
    const spec = secured('2.0', {
      '/pets/{id}': { get: { parameters: [pathParam('2.0')], responses: { '200': bare, '401': body('2.0') } } },
    });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(message('GET /pets/{id}', 'declares no 404, 429 response'), ['paths', '/pets/{id}', 'get', 'responses']),
    ]);
  });
});
