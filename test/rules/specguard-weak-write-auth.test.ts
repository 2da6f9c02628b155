import { describe } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { HEADERS, findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, OAUTH_RW, WRITE } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-weak-write-auth';
const finding = findingOf(CODE);
const weakOnly = (operation: string, schemes: string) =>
  `${operation} changes data but accepts only weak credentials, ${schemes}: require OAuth 2.0, OpenID Connect, mutual TLS or short-lived bearer tokens for writes.`;

const SCHEMES3 =
  "components:\n  securitySchemes:\n    basic: {type: http, scheme: basic}\n    qkey: {type: apiKey, in: query, name: key}\n    hkey: {type: apiKey, in: header, name: X-Key}\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: {w: write}}}}\n    mtls: {type: mutualTLS}\n";
const SCHEMES2 = 'securityDefinitions:\n  basic: {type: basic}\n  qkey: {type: apiKey, in: query, name: key}\n';
const BASIC = 'HTTP Basic ("basic")';
const QKEY = 'an API key in the URL ("qkey")';

const invalid: RuleCase[] = [
  {
    name: '3.0: a POST accepting Basic or an API key in the query',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{basic: []}, {qkey: []}]') } }, '', SCHEMES3),
    expected: [finding(weakOnly('Operation POST /pets', `${BASIC} or ${QKEY}`), ['paths', '/pets', 'post', 'security'])],
  },
  {
    name: '3.1: DELETE inheriting a Basic root requirement, reported at the operation; GET is not',
    spec: authSpec('3.1', { '/pets/{id}': { get: op(), delete: op() } }, 'security: [{basic: []}]\n', SCHEMES3),
    expected: [finding(weakOnly('Operation DELETE /pets/{id}', BASIC), ['paths', '/pets/{id}', 'delete'])],
  },
  {
    name: '3.0: POSTs whose names write, or say nothing (a JSON-RPC endpoint), with an API key in the URL',
    spec: authSpec(
      '3.0',
      {
        '/': { post: op() },
        '/templates/{templateId}/submissions': { post: op("operationId: createSubmission, summary: 'Generates a PDF'") },
        '/lists/{listId}/members/{hash}/tags': { post: op("operationId: postListMemberTags, summary: 'Add or remove member tags'") },
        '/tokens/{tokenId}/metadata': { post: op("summary: 'Attach metadata to a token'") },
      },
      'security: [{qkey: []}]\n',
      SCHEMES3,
    ),
    expected: [
      finding(weakOnly('Operation POST /', QKEY), ['paths', '/', 'post']),
      finding(weakOnly('Operation POST /templates/{templateId}/submissions', QKEY), [
        'paths',
        '/templates/{templateId}/submissions',
        'post',
      ]),
      finding(weakOnly('Operation POST /lists/{listId}/members/{hash}/tags', QKEY), [
        'paths',
        '/lists/{listId}/members/{hash}/tags',
        'post',
      ]),
      finding(weakOnly('Operation POST /tokens/{tokenId}/metadata', QKEY), ['paths', '/tokens/{tokenId}/metadata', 'post']),
    ],
  },
  {
    name: '2.0: PUT with Basic AND a query key',
    spec: authSpec('2.0', { '/pets': { put: op('security: [{basic: [], qkey: []}]') } }, '', SCHEMES2),
    expected: [finding(weakOnly('Operation PUT /pets', `${BASIC} or ${QKEY}`), ['paths', '/pets', 'put', 'security'])],
  },
];

invalid.push({
  name: '3.0: a create beside a list on the same path is still a write, whatever its generated operationId',
  spec: authSpec(
    '3.0',
    { '/users': { get: op("operationId: getUsers, summary: 'List users'"), post: op("operationId: postUsers, summary: 'Users'") } },
    'security: [{qkey: []}]\n',
    SCHEMES3,
  ),
  expected: [finding(weakOnly('Operation POST /users', QKEY), ['paths', '/users', 'post'])],
});

const valid: Array<Omit<RuleCase, 'expected'>> = [
  // Precision on real APIs (issue 18): POST reads taken for writes.
  ...(['2.0', '3.1'] as const).map(v => ({
    name: `${v}: the POST twin of a GET read (same summary but for the method), and a camelCase search segment`,
    spec: authSpec(
      v,
      {
        '/matrix': {
          get: op("operationId: getMatrix, summary: 'GET Matrix Endpoint'"),
          post: op("operationId: postMatrix, summary: 'POST Matrix Endpoint'"),
        },
        '/search/{versionNumber}/searchAlongRoute/{query}.{ext}': { post: op("summary: 'Along Route Search'") },
      },
      'security: [{qkey: []}]\n',
      v === '2.0' ? SCHEMES2 : SCHEMES3,
    ),
  })),
  {
    name: '3.0: an OR list whose every alternative is strong',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{oauth: [w]}, {hkey: []}]') } }, '', SCHEMES3),
  },
  {
    name: '3.0: a weak alternative next to a strong one',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{basic: []}, {oauth: [w]}]') } }, '', SCHEMES3),
  },
  {
    name: '3.1: Basic AND-ed with mutual TLS',
    spec: authSpec('3.1', { '/pets': { post: op('security: [{basic: [], mtls: []}]') } }, '', SCHEMES3),
  },
  { name: '3.0: a GET with Basic', spec: authSpec('3.0', { '/pets': { get: op('security: [{basic: []}]') } }, '', SCHEMES3) },
  {
    name: '2.0: root Basic, write overrides with a header key',
    spec: authSpec(
      '2.0',
      { '/pets': { post: op('security: [{hkey: []}]') } },
      'security: [{basic: []}]\n',
      `${SCHEMES2}  hkey: {type: apiKey, in: header, name: X-Key}\n`,
    ),
  },
  {
    name: '3.0: an anonymous write (operation-security reports it)',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{basic: []}, {}]') } }, '', SCHEMES3),
  },
  {
    name: '3.0: a callback authenticating to the receiver with Basic',
    spec: authSpec(
      '3.0',
      {
        '/pets': {
          get: op(
            `security: [{oauth: [w]}], callbacks: {c: {'{$request.body#/u}': {post: {security: [{basic: []}], responses: {'200': {description: ok}}}}}}`,
          ),
        },
      },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.0: RPC-style POST reads with an API key in the URL (a route calculation, a batch get, a ranking, a rewrite)',
    spec: authSpec(
      '3.0',
      {
        '/route': { post: op("operationId: postRoute, summary: 'POST Route Endpoint'") },
        '/routing/{versionNumber}/calculateRoute/{locations}/{contentType}': { post: op("summary: 'Calculate Route'") },
        '/journals/get': { post: op("operationId: getJournalByIssnBatch, summary: 'Batch operation for retrieving journals by ISSN'") },
        '/search/car/active/rank/listings': { post: op("operationId: rankCar, summary: 'Compute relative rank for car listings.'") },
        '/api/spinner': { post: op("operationId: postSpinner, summary: 'Rewriting (spinning) your input article.'") },
      },
      'security: [{qkey: []}]\n',
      SCHEMES3,
    ),
  },
  {
    name: '2.0: RPC-style POST reads with Basic (a search by body, a custom method)',
    spec: authSpec(
      '2.0',
      {
        '/docs/search': { post: op('operationId: searchDocs') },
        '/v1/{resource}:testIamPermissions': { post: op('operationId: services.testIamPermissions') },
      },
      'security: [{basic: []}]\n',
      SCHEMES2,
    ),
  },
  {
    name: '3.1: credential endpoints: a token endpoint with a client id in the query, API tokens and a login with Basic',
    spec: authSpec(
      '3.1',
      {
        '/oauth2/token': {
          post: op("summary: 'Provisions access tokens once a user has authorized your application.', security: [{qkey: []}]"),
        },
        '/v0.1/api_tokens': { post: op('operationId: userApiTokens_new, security: [{basic: []}]') },
        '/v0.1/api_tokens/{apiTokenId}': { delete: op('operationId: userApiTokens_delete, security: [{basic: []}]') },
        '/users/login': { post: op('operationId: LoginUser, security: [{basic: []}]') },
        '/admin/changePassword': { post: op('security: [{basic: []}]') },
      },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.0: a scheme the document does not declare',
    spec: `${HEADERS['3.0']}paths:\n  /pets:\n    post: ${op('security: [{nowhere: []}]')}\n`,
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}securitySchemes:\n  basic:\n    type: Basic Authentication\n/things:\n  post:\n    securedBy: [basic]\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message:
        'Operation POST /things changes data but accepts only weak credentials, HTTP Basic ("basic"): require OAuth 2.0, OpenID Connect, mutual TLS or short-lived bearer tokens for writes.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  post:\n    ${WRITE}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
});
