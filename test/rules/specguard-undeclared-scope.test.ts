import { describe } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, OAUTH_RW, WRITE } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-undeclared-scope';
const finding = findingOf(CODE);
const undeclared = (scope: string, name: string) =>
  `Scope "${scope}" is not declared by security scheme "${name}": declare it in the scheme's scopes (with a description) or fix the name, since a token can never carry a scope the authorization server does not issue.`;
const scopeless = (name: string, type: string, version: string) =>
  `Security scheme "${name}" is of type ${type}, which has no scopes in OpenAPI ${version}, yet this requirement lists some: leave the list empty and enforce roles another way (OpenAPI 3.1 allows role names here).`;
const callback = (security: string) =>
  `callbacks: {onPet: {'{$request.body#/url}': {post: {security: ${security}, responses: {'200': {description: ok}}}}}}`;

const invalid: RuleCase[] = [
  {
    name: '3.0: a misspelt scope on an operation',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{oauth: ['pets:raed']}]") } }),
    expected: [finding(undeclared('pets:raed', 'oauth'), ['paths', '/pets', 'get', 'security', '0', 'oauth', '0'])],
  },
  {
    name: '3.1: an undeclared scope at the root is reported once',
    spec: authSpec('3.1', { '/pets': { get: op(), post: op() } }, "security: [{oauth: ['pets:read', admin]}]\n"),
    expected: [finding(undeclared('admin', 'oauth'), ['security', '0', 'oauth', '1'])],
  },
  {
    name: '2.0: an undeclared scope in a per-operation override',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:create']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
    expected: [finding(undeclared('pets:create', 'oauth'), ['paths', '/pets', 'post', 'security', '0', 'oauth', '0'])],
  },
  {
    name: '2.0: scopes on an apiKey scheme',
    spec: authSpec('2.0', { '/pets': { get: op('security: [{key: [admin]}]') } }),
    expected: [finding(scopeless('key', 'apiKey', '2.0'), ['paths', '/pets', 'get', 'security', '0', 'key'])],
  },
  {
    name: '3.0: scopes on an apiKey scheme',
    spec: authSpec('3.0', { '/pets': { get: op('security: [{key: [admin]}]') } }),
    expected: [finding(scopeless('key', 'apiKey', '3.0'), ['paths', '/pets', 'get', 'security', '0', 'key'])],
  },
  {
    name: '3.0: an undeclared scope in a callback is reported too',
    spec: authSpec('3.0', { '/pets': { post: op(`security: [{oauth: ['pets:write']}], ${callback('[{oauth: [hooks]}]')}`) } }),
    expected: [
      finding(undeclared('hooks', 'oauth'), [
        'paths',
        '/pets',
        'post',
        'callbacks',
        'onPet',
        '{$request.body#/url}',
        'post',
        'security',
        '0',
        'oauth',
        '0',
      ]),
    ],
  },
  {
    name: '3.1: an undeclared scope in a webhook',
    spec: `${authSpec('3.1', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } })}webhooks:\n  newPet:\n    post: ${op('security: [{oauth: [hooks]}]')}\n`,
    expected: [finding(undeclared('hooks', 'oauth'), ['webhooks', 'newPet', 'post', 'security', '0', 'oauth', '0'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: declared scopes inherited from the root',
    spec: authSpec('3.0', { '/pets': { get: op() } }, "security: [{oauth: ['pets:read']}]\n"),
  },
  {
    name: '2.0: per-operation overrides with declared scopes',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:write']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: "3.0: a $ref'd scheme's declared scope",
    spec: authSpec(
      '3.0',
      { '/pets': { get: op("security: [{shared: ['pets:read']}]") } },
      "x-defs:\n  oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {'pets:read': r}}}}\n",
      "components:\n  securitySchemes:\n    shared: {$ref: '#/x-defs/oauth'}\n",
    ),
  },
  {
    name: '3.0: scopes on an OpenID Connect scheme (declared by the provider)',
    spec: authSpec('3.0', { '/pets': { get: op('security: [{oidc: [openid, pets]}]') } }),
  },
  {
    name: '3.1: role names on an apiKey scheme (3.1 allows them)',
    spec: authSpec('3.1', { '/pets': { get: op('security: [{key: [admin]}]') } }),
  },
  { name: '3.1: mutualTLS', spec: authSpec('3.1', { '/pets': { get: op('security: [{mtls: []}]') } }) },
  {
    name: '3.0: several schemes AND-ed',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{key: [], oauth: ['pets:read', 'pets:write']}]") } }),
  },
  { name: '3.0: a scheme the document does not declare', spec: authSpec('3.0', { '/pets': { get: op('security: [{other: [x]}]') } }) },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a scope list with a number and null, a scopes map that is a list',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op("security: [{oauth: [5, null, 'pets:read', nope]}, {bad: [x]}]") } },
      '',
      "components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: {'pets:read': r}}}}\n    bad: {type: oauth2, flows: {clientCredentials: {scopes: [x]}}}\n",
    ),
    expected: [
      finding(undeclared('nope', 'oauth'), ['paths', '/pets', 'get', 'security', '0', 'oauth', '3']),
      finding(undeclared('x', 'bad'), ['paths', '/pets', 'get', 'security', '1', 'bad', '0']),
    ],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  delete:\n    securedBy: [oauth_2_0: {scopes: [admin]}]\n` },
  expected: [
    {
      file: 'api.raml',
      line: 13,
      severity: 'error',
      message:
        'Scope "admin" is not declared by security scheme "oauth_2_0": declare it in the scheme\'s scopes (with a description) or fix the name, since a token can never carry a scope the authorization server does not issue.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  delete:\n    ${WRITE}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
