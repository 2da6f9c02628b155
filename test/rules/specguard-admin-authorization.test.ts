import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, oauth, OAUTH_RW, READ as RAML_READ } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-admin-authorization';
const finding = findingOf(CODE);
const shared = (operation: string, why: string) =>
  `${operation} is administrative (${why}) but one of its security requirements is met by credentials ordinary operations accept: require a scope or scheme that only administrative operations use.`;

const SCOPES = "{'pets:read': r, 'pets:write': w, admin: a}";
const SCHEMES3 = `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: ${SCOPES}}}}\n    key: {type: apiKey, in: header, name: X-Key}\n    adminKey: {type: apiKey, in: header, name: X-Admin-Key}\n    mtls: {type: mutualTLS}\n`;
const SCHEMES2 = `securityDefinitions:\n  oauth: {type: oauth2, flow: application, tokenUrl: 'https://a.example.com/t', scopes: ${SCOPES}}\n  key: {type: apiKey, in: header, name: X-Key}\n`;
const READ = "security: [{oauth: ['pets:read']}]";

const invalid: RuleCase[] = [
  {
    name: '3.0: /admin/users with the scope ordinary operations use',
    spec: authSpec('3.0', { '/pets': { get: op(READ) }, '/admin/users': { delete: op(READ) } }, '', SCHEMES3),
    expected: [
      finding(shared('Operation DELETE /admin/users', 'path segment "admin"'), ['paths', '/admin/users', 'delete', 'security', '0']),
    ],
  },
  {
    name: '3.1: an admin tag and the same API key, through the root; one OR alternative shared is enough',
    spec: authSpec(
      '3.1',
      { '/pets': { get: op() }, '/users/{id}/ban': { post: op('tags: [Admin Tools], security: [{oauth: [admin]}, {key: []}]') } },
      'security: [{key: []}]\n',
      SCHEMES3,
    ),
    expected: [
      finding(shared('Operation POST /users/{id}/ban', 'tag "Admin Tools"'), ['paths', '/users/{id}/ban', 'post', 'security', '1']),
    ],
  },
  {
    name: '3.0: marked by the extension, an unscoped token of the same scheme',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op(READ) }, '/reindex': { post: op('x-specguard-admin: true, security: [{oauth: []}]') } },
      '',
      SCHEMES3,
    ),
    expected: [finding(shared('Operation POST /reindex', 'marked x-specguard-admin'), ['paths', '/reindex', 'post', 'security', '0'])],
  },
  {
    name: '3.0: a whole admin segment or tag with area words (/admin/, x-internal, AdminService, Management)',
    spec: authSpec(
      '3.0',
      {
        '/pets': { get: op(READ), post: op(READ) },
        '/owners': { get: op(READ) },
        '/api/v1/admin/accounts/{id}/action': { post: op(READ) },
        '/sites/{siteId}/plugins/{package}': { put: op(`tags: [x-internal], ${READ}`) },
        '/v1/list-corpora': { post: op(`tags: [AdminService], ${READ}`) },
        '/servers/{serverId}/users/{userId}/role/': { post: op(`tags: [Management], ${READ}`) },
      },
      '',
      SCHEMES3,
    ),
    expected: [
      finding(shared('Operation POST /api/v1/admin/accounts/{id}/action', 'path segment "admin"'), [
        'paths',
        '/api/v1/admin/accounts/{id}/action',
        'post',
        'security',
        '0',
      ]),
      finding(shared('Operation PUT /sites/{siteId}/plugins/{package}', 'tag "x-internal"'), [
        'paths',
        '/sites/{siteId}/plugins/{package}',
        'put',
        'security',
        '0',
      ]),
      finding(shared('Operation POST /v1/list-corpora', 'tag "AdminService"'), ['paths', '/v1/list-corpora', 'post', 'security', '0']),
      finding(shared('Operation POST /servers/{serverId}/users/{userId}/role/', 'tag "Management"'), [
        'paths',
        '/servers/{serverId}/users/{userId}/role/',
        'post',
        'security',
        '0',
      ]),
    ],
  },
  {
    name: '2.0: /internal-api/ inheriting the root requirement',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op() }, '/internal-api/cache': { delete: op() } },
      "security: [{oauth: ['pets:read']}]\n",
      SCHEMES2,
    ),
    expected: [
      finding(shared('Operation DELETE /internal-api/cache', 'path segment "internal-api"'), ['paths', '/internal-api/cache', 'delete']),
    ],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: an admin-only scope',
    spec: authSpec('3.0', { '/pets': { get: op(READ) }, '/admin/users': { get: op('security: [{oauth: [admin]}]') } }, '', SCHEMES3),
  },
  {
    name: '3.0: an admin-only scope AND-ed with a shared one',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op(READ) }, '/admin/users': { get: op("security: [{oauth: ['pets:read', admin]}]") } },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.0: an admin-only scheme',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op('security: [{key: []}]') }, '/admin/users': { get: op('security: [{adminKey: []}]') } },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.1: an OR list whose every alternative is admin-only',
    spec: authSpec(
      '3.1',
      { '/pets': { get: op(READ) }, '/admin/users': { get: op('security: [{oauth: [admin]}, {mtls: []}]') } },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '2.0: root read scope, admin override',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op() }, '/admin/stats': { get: op('security: [{oauth: [admin]}]') } },
      "security: [{oauth: ['pets:read']}]\n",
      SCHEMES2,
    ),
  },
  {
    name: '3.0: words inside other words (/administrators is not /admin)',
    spec: authSpec('3.0', { '/pets': { get: op(READ) }, '/administrators': { get: op(READ) } }, '', SCHEMES3),
  },
  {
    name: '3.0: an API of admin operations only',
    spec: authSpec('3.0', { '/admin/a': { get: op(READ) }, '/admin/b': { get: op(READ) } }, '', SCHEMES3),
  },
  {
    name: '3.1: an API whose operations are mostly under /management/: the word names the API itself',
    spec: authSpec(
      '3.1',
      {
        '/data/ga': { get: op(READ) },
        '/management/accounts': { get: op(READ) },
        '/management/accounts/{accountId}/filters': { get: op(READ), post: op(READ) },
      },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.0: an anonymous admin operation (operation-security reports it)',
    spec: authSpec('3.0', { '/pets': { get: op(READ) }, '/admin/x': { get: op('security: []') } }, '', SCHEMES3),
  },
  {
    name: '3.0: admin words inside longer names (administrative divisions, a number kind, a product, a resource type)',
    spec: authSpec(
      '3.0',
      {
        '/pets': { get: op(READ) },
        '/geo/adminDivisions/{divisionId}': { get: op(READ) },
        '/accounts/{accountId}/sip_trunk/internal_numbers/{numberId}': { delete: op(READ) },
        '/v3/asset-management/assets': { get: op(READ) },
        '/workspaces/{workspaceName}/managementGroups': { get: op(READ) },
      },
      '',
      SCHEMES3,
    ),
  },
  {
    name: '3.1: tags naming what is managed (Client Management, Image management, PracticeManagement)',
    spec: authSpec(
      '3.1',
      {
        '/pets': { get: op(READ) },
        '/client': { post: op(`tags: [Client Management], ${READ}`) },
        '/images': { get: op(`tags: [Image management], ${READ}`) },
        '/api/offices/{id}': { get: op(`tags: [PracticeManagement], ${READ}`) },
      },
      '',
      SCHEMES3,
    ),
  },
  {
    name: "2.0: self-service under /admin/ and /me: the caller's own account",
    spec: authSpec(
      '2.0',
      {
        '/pets': { get: op() },
        '/admin/user/self/access_tokens': { post: op() },
        '/me/admin/settings': { put: op() },
      },
      "security: [{oauth: ['pets:read']}]\n",
      SCHEMES2,
    ),
  },
  {
    name: '3.0: an admin API as a whole (its title says so): no ordinary operations to set apart',
    spec: authSpec(
      '3.0',
      { '/{realm}/users': { get: op(READ) }, '/{realm}': { delete: op(`tags: [Realms Admin], ${READ}`) } },
      '',
      SCHEMES3,
    ).replace('title: t', 'title: Keycloak Admin REST API'),
  },
  {
    name: '3.0: a templated segment named admin',
    spec: authSpec('3.0', { '/pets': { get: op(READ) }, '/users/{admin}': { get: op(READ) } }, '', SCHEMES3),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: tags that are not strings, a tags object',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op(`tags: [5, null], ${READ}`) }, '/x': { get: op(`tags: {admin: 1}, ${READ}`) } },
      '',
      SCHEMES3,
    ),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${OAUTH_RW}${RAML_READ}\n/pets:\n  get:\n/admin/users:\n  delete:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 15,
      severity: 'error',
      message:
        'Operation DELETE /admin/users is administrative (path segment "admin") but one of its security requirements is met by credentials ordinary operations accept: require a scope or scheme that only administrative operations use.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}${oauth('authorization_code', '[read, admin]')}${RAML_READ}\n/pets:\n  get:\n/admin/users:\n  delete:\n    securedBy: [oauth_2_0: {scopes: [admin]}]\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('adminSegments, adminTags and adminExtension replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      adminSegments: ['ops'],
      adminTags: ['staff'],
      adminExtension: 'x-admin',
    });
    const spec = authSpec(
      '3.0',
      {
        '/pets': { get: op(READ) },
        '/admin/a': { get: op(READ) },
        '/ops/b': { get: op(READ) },
        '/c': { get: op(`tags: [staff], ${READ}`) },
        '/d': { get: op(`x-admin: yes, ${READ}`) },
      },
      '',
      SCHEMES3,
    );
    expect((await findingsOf(CODE, spec, { ruleset })).map(f => f.path[1])).toEqual(['/ops/b', '/c', '/d']);
  });
});
