import { describe } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, OAUTH_RW, READ } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-scope-required';
const finding = findingOf(CODE);
const operationNoScope = (operation: string, name: string) =>
  `${operation} accepts any token of "${name}" because its requirement names no scope: require the scope that grants this operation, so a token issued for something else cannot call it.`;
const rootNoScope = (name: string) =>
  `The root "security" requirement for "${name}" names no scope, so every operation that inherits it accepts any token: require a scope, or give operations their own scoped requirements.`;
const CALLBACK = "callbacks: {onPet: {'{$request.body#/url}': {post: {security: [{oauth: []}], responses: {'200': {description: ok}}}}}}";

/** Two OAuth schemes of one authorization server (two flows), neither with scopes on the operation. */
const TWO_FLOWS =
  "components:\n  securitySchemes:\n    oauth_code: {type: oauth2, flows: {authorizationCode: {authorizationUrl: 'https://a.example.com/a', tokenUrl: 'https://a.example.com/t', scopes: {r: read}}}}\n    oauth_implicit: {type: oauth2, flows: {implicit: {authorizationUrl: 'https://a.example.com/a', scopes: {r: read}}}}\n";

const schemeWithoutScopes = (name: string, declared: string, count: number, operation: string) =>
  `Security scheme "${name}" declares ${declared}, and ${count} operations (${operation} first) require it without one, so any of its tokens can call all of them: define scopes for what a token may do, and require them per operation.`;

const invalid: RuleCase[] = [
  {
    name: '3.0: a scheme that declares no scopes, required by several operations: one finding, at the scheme',
    spec: authSpec(
      '3.0',
      {
        '/calendars/my/movies': { get: op('security: [{trakt: []}]') },
        '/sync/history': { post: op('security: [{trakt: []}]'), delete: op('security: [{trakt: []}]') },
      },
      '',
      "components:\n  securitySchemes:\n    trakt: {type: oauth2, flows: {authorizationCode: {authorizationUrl: 'https://a.example.com/a', tokenUrl: 'https://a.example.com/t', scopes: {}}}}\n",
    ),
    expected: [
      finding(schemeWithoutScopes('trakt', 'no scopes', 3, 'Operation GET /calendars/my/movies'), [
        'components',
        'securitySchemes',
        'trakt',
      ]),
    ],
  },
  {
    name: "2.0: a scheme whose one scope is 'default', required without it by two operations",
    spec: authSpec(
      '2.0',
      { '/signup/verify': { post: op('security: [{partner: []}]') }, '/files': { get: op('security: [{partner: []}]') } },
      '',
      "securityDefinitions:\n  partner: {type: oauth2, flow: application, tokenUrl: 'https://a.example.com/t', scopes: {default: everything}}\n",
    ),
    expected: [
      finding(schemeWithoutScopes('partner', 'only the scope "default"', 2, 'Operation POST /signup/verify'), [
        'securityDefinitions',
        'partner',
      ]),
    ],
  },
  {
    name: '3.0: one finding per operation, not per scopeless alternative',
    spec: authSpec('3.0', { '/client/{clientId}': { get: op('security: [{oauth_code: []}, {oauth_implicit: []}]') } }, '', TWO_FLOWS),
    expected: [
      finding(operationNoScope('Operation GET /client/{clientId}', 'oauth_code'), [
        'paths',
        '/client/{clientId}',
        'get',
        'security',
        '0',
        'oauth_code',
      ]),
    ],
  },
  {
    name: '3.1: the root is reported once; an operation restating it word for word adds nothing, one that differs is reported',
    spec: authSpec(
      '3.1',
      {
        '/pets': { get: op(), post: op('security: [{oauth: []}]') },
        '/pets/{id}': { delete: op('security: [{oauth: []}, {key: []}]') },
      },
      'security: [{oauth: []}]\n',
    ),
    expected: [
      finding(rootNoScope('oauth'), ['security', '0', 'oauth']),
      finding(operationNoScope('Operation DELETE /pets/{id}', 'oauth'), ['paths', '/pets/{id}', 'delete', 'security', '0', 'oauth']),
    ],
  },
  {
    name: '2.0: an operation restating a root requirement no operation inherits is reported',
    spec: authSpec('2.0', { '/pets': { get: op('security: [{oauth: []}]') } }, 'security: [{oauth: []}]\n'),
    expected: [finding(operationNoScope('Operation GET /pets', 'oauth'), ['paths', '/pets', 'get', 'security', '0', 'oauth'])],
  },
  {
    name: "3.0: a webhook addressed by id is not the calling app's own: reported",
    spec: authSpec('3.0', { '/webhooks/{id}': { delete: op('security: [{oauth: []}]') } }),
    expected: [
      finding(operationNoScope('Operation DELETE /webhooks/{id}', 'oauth'), [
        'paths',
        '/webhooks/{id}',
        'delete',
        'security',
        '0',
        'oauth',
      ]),
    ],
  },
  {
    name: '3.0: an operation requiring oauth with no scope',
    spec: authSpec('3.0', { '/pets': { get: op('security: [{oauth: []}]') } }),
    expected: [finding(operationNoScope('Operation GET /pets', 'oauth'), ['paths', '/pets', 'get', 'security', '0', 'oauth'])],
  },
  {
    name: '3.0: OpenID Connect with no scope, as the second alternative',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}, {oidc: []}]") } }),
    expected: [finding(operationNoScope('Operation GET /pets', 'oidc'), ['paths', '/pets', 'get', 'security', '1', 'oidc'])],
  },
  {
    name: '3.1: a root requirement with no scope is reported once, at the root',
    spec: authSpec('3.1', { '/pets': { get: op(), post: op() }, '/pets/{id}': { get: op() } }, 'security: [{oauth: []}]\n'),
    expected: [finding(rootNoScope('oauth'), ['security', '0', 'oauth'])],
  },
  {
    name: '2.0: securityDefinitions, a per-operation override with no scope',
    spec: authSpec('2.0', { '/pets': { get: op(), delete: op('security: [{oauth: []}]') } }, "security: [{oauth: ['pets:read']}]\n"),
    expected: [finding(operationNoScope('Operation DELETE /pets', 'oauth'), ['paths', '/pets', 'delete', 'security', '0', 'oauth'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: "3.0: operations about the token's own caller (/me, /profile/grants, /userinfo, /getuser, /Connections)",
    spec: authSpec('3.0', {
      '/me': { get: op('security: [{oauth: []}]') },
      '/v4/profile/grants': { get: op('security: [{oauth: []}]') },
      '/userinfo': { get: op('security: [{oidc: []}]') },
      '/api/getuser': { get: op('security: [{oauth: []}]') },
      '/Connections/{id}': { delete: op('security: [{oauth: []}]') },
    }),
  },
  {
    name: '3.1: a token endpoint whose client authenticates with OAuth (scopeless by intent)',
    spec: authSpec('3.1', { '/v1/token': { post: op('tags: [NoScope], security: [{oauth: [], key: []}]') } }),
  },
  {
    name: "3.0: a token check and operations on the app's own webhook or installation (/heartbeat/authorized, /dropwebhook, installation.json)",
    spec: authSpec('3.0', {
      '/heartbeat/authorized': { get: op('security: [{oauth: []}]') },
      '/dropwebhook': { get: op('security: [{oauth: []}]') },
      '/appstore/v1/installation.json': { delete: op('security: [{oauth: []}]') },
    }),
  },
  {
    name: '2.0: an operation about its caller',
    spec: authSpec('2.0', { '/api/v1/me/settings': { put: op('security: [{oauth: []}]') } }),
  },
  {
    name: '3.0: security inherited from the root, with a scope',
    spec: authSpec('3.0', { '/pets': { get: op() } }, "security: [{oauth: ['pets:read']}]\n"),
  },
  {
    name: '2.0: per-operation overrides, each scoped',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:write']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: "3.0: a $ref'd scheme with a scope",
    spec: authSpec(
      '3.0',
      { '/pets': { get: op("security: [{shared: ['pets:read']}]") } },
      'x-defs:\n  oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: https://a.example.com/token, scopes: {pets:read: r}}}}\n',
      "components:\n  securitySchemes:\n    shared: {$ref: '#/x-defs/oauth'}\n",
    ),
  },
  {
    name: '3.1: scopes on an OpenID Connect scheme',
    spec: authSpec('3.1', { '/pets': { get: op('security: [{oidc: [openid, pets]}]') } }),
  },
  { name: '3.1: mutualTLS', spec: authSpec('3.1', { '/pets': { get: op('security: [{mtls: []}]') } }) },
  { name: '3.0: an API key has no scopes', spec: authSpec('3.0', { '/pets': { get: op('security: [{key: []}]') } }) },
  {
    name: '3.0: several schemes AND-ed, the OAuth one scoped',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{key: [], oauth: ['pets:read']}]") } }),
  },
  {
    name: '3.0: a callback that authenticates to the receiver with an unscoped token',
    spec: authSpec('3.0', { '/pets': { post: op(`security: [{oauth: ['pets:write']}], ${CALLBACK}`) } }),
  },
  { name: '3.0: a scheme the document does not declare', spec: authSpec('3.0', { '/pets': { get: op('security: [{other: []}]') } }) },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: security entries that are not objects, scopes that are not a list',
    spec: authSpec('3.0', { '/pets': { get: op('security: [5, null, {oauth: 7}]') } }),
    expected: [finding(operationNoScope('Operation GET /pets', 'oauth'), ['paths', '/pets', 'get', 'security', '2', 'oauth'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  get:\n    securedBy: [oauth_2_0]\n` },
  expected: [
    {
      file: 'api.raml',
      line: 13,
      severity: 'error',
      message:
        'Operation GET /things accepts any token of "oauth_2_0" because its requirement names no scope: require the scope that grants this operation, so a token issued for something else cannot call it.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  get:\n    ${READ}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
