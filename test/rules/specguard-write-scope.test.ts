import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, OAUTH_RW, READ, WRITE } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-write-scope';
const finding = findingOf(CODE);
const readOnly = (operation: string, scopes: string) =>
  `${operation} writes, but a token with only the read-only scope(s) ${scopes} satisfies one of its requirements: require a scope that grants writing.`;

/** An OAuth scheme with read, write and mixed scopes. */
const schemes3 = `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: {'pets:read': r, 'pets:write': w, read_write: rw, 'drive.readonly': ro, 'list-pets': l}}}}\n    key: {type: apiKey, in: header, name: X-Key}\n    mtls: {type: mutualTLS}\n`;

/** A POST with a read-only scope and the given names (a YAML flow mapping's fields). */
const readScopedPost = (names: string) => op(`${names}, security: [{oauth: ['pets:read']}]`);

const invalid: RuleCase[] = [
  {
    name: '3.0: POSTs whose names say they write, though another name reads (list as a noun, a summary verb, a description verb)',
    spec: authSpec(
      '3.0',
      {
        '/account/promo-codes': { post: readScopedPost("operationId: createPromoCredit, summary: 'Promo Credit Add'") },
        '/account/events/{eventId}/seen': {
          post: readScopedPost(
            "operationId: eventSeen, summary: 'Event Mark as Seen', description: 'Marks all events up to this one as seen.'",
          ),
        },
        '/messages/{id}/metadata': { post: readScopedPost("description: 'Attach key/value pairs of metadata to a message.'") },
        '/lists/{listId}/members/{hash}/events': { post: readScopedPost("operationId: postListMemberEvents, summary: 'Add event'") },
        '/saved-searches/search': { post: readScopedPost('operationId: createSavedSearch') },
      },
      '',
      schemes3,
    ),
    expected: [
      finding(readOnly('Operation POST /account/promo-codes', '"pets:read"'), ['paths', '/account/promo-codes', 'post', 'security', '0']),
      finding(readOnly('Operation POST /account/events/{eventId}/seen', '"pets:read"'), [
        'paths',
        '/account/events/{eventId}/seen',
        'post',
        'security',
        '0',
      ]),
      finding(readOnly('Operation POST /messages/{id}/metadata', '"pets:read"'), [
        'paths',
        '/messages/{id}/metadata',
        'post',
        'security',
        '0',
      ]),
      finding(readOnly('Operation POST /lists/{listId}/members/{hash}/events', '"pets:read"'), [
        'paths',
        '/lists/{listId}/members/{hash}/events',
        'post',
        'security',
        '0',
      ]),
      finding(readOnly('Operation POST /saved-searches/search', '"pets:read"'), [
        'paths',
        '/saved-searches/search',
        'post',
        'security',
        '0',
      ]),
    ],
  },
  {
    name: '3.0: DELETE with a read scope',
    spec: authSpec('3.0', { '/pets/{id}': { delete: op("security: [{oauth: ['pets:read']}]") } }, '', schemes3),
    expected: [finding(readOnly('Operation DELETE /pets/{id}', '"pets:read"'), ['paths', '/pets/{id}', 'delete', 'security', '0'])],
  },
  {
    name: '3.1: POST inheriting a read-only root requirement is reported at the operation; GET is not',
    spec: authSpec('3.1', { '/pets': { get: op(), post: op() } }, "security: [{oauth: ['drive.readonly', 'list-pets']}]\n", schemes3),
    expected: [finding(readOnly('Operation POST /pets', '"drive.readonly", "list-pets"'), ['paths', '/pets', 'post'])],
  },
  {
    name: '3.0: one alternative of an OR list is read-only',
    spec: authSpec('3.0', { '/pets': { put: op("security: [{oauth: ['pets:write']}, {oauth: ['pets:read']}]") } }, '', schemes3),
    expected: [finding(readOnly('Operation PUT /pets', '"pets:read"'), ['paths', '/pets', 'put', 'security', '1'])],
  },
  {
    name: '2.0: PATCH override with a read scope',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), patch: op("security: [{oauth: ['pets:read']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
    expected: [finding(readOnly('Operation PATCH /pets', '"pets:read"'), ['paths', '/pets', 'patch', 'security', '0'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: GET with a read scope',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } }, '', schemes3),
  },
  {
    name: '3.0: read and write scopes AND-ed',
    spec: authSpec('3.0', { '/pets': { post: op("security: [{oauth: ['pets:read', 'pets:write']}]") } }, '', schemes3),
  },
  {
    name: '3.0: a search by POST (criteria in the body) with a read scope, by path or by operationId',
    spec: authSpec(
      '3.0',
      {
        '/payment-methods/search': { post: op("security: [{oauth: ['pets:read']}]") },
        '/pets/{id}/lookup': { post: op("security: [{oauth: ['pets:read']}]") },
        '/reports': { post: op("operationId: queryReports, security: [{oauth: ['pets:read']}]") },
      },
      '',
      schemes3,
    ),
  },
  {
    name: '3.0: RPC-style POST reads, named by operationId, summary, last path segment, custom method or description',
    spec: authSpec(
      '3.0',
      {
        '/v2/gift-cards/from-nonce': { post: readScopedPost('operationId: RetrieveGiftCardFromNonce') },
        '/v2/loyalty/programs/{programId}/calculate': { post: readScopedPost('operationId: CalculateLoyaltyPoints') },
        '/GroupV2/Recommended/{groupType}/': {
          post: readScopedPost("operationId: GroupV2.GetRecommendedGroups, description: 'Gets groups recommended for you.'"),
        },
        '/v1/{resource}:testIamPermissions': {
          post: readScopedPost('operationId: servicemanagement.services.consumers.testIamPermissions'),
        },
        '/v1/{name}/prometheus/api/v1/series': {
          post: readScopedPost(
            "operationId: monitoring.projects.location.prometheus.api.v1.series, description: 'Lists metadata for metrics.'",
          ),
        },
        '/characters/{characterId}/assets/locations/': {
          post: readScopedPost("operationId: post_characters_character_id_assets_locations, summary: 'Get character asset locations'"),
        },
        '/pdf/certificate': { post: readScopedPost("operationId: getCertificatePdf, summary: 'Download the certificate in pdf format'") },
        '/v2/audio/licenses/{id}/downloads': { post: readScopedPost("operationId: downloadTracks, summary: 'Download audio tracks'") },
        '/v2/catalog/batch-retrieve': { post: readScopedPost('operationId: BatchRetrieveCatalogObjects') },
      },
      '',
      schemes3,
    ),
  },
  {
    name: '3.0: a POST that makes an export or a report for the caller reads',
    spec: authSpec(
      '3.0',
      {
        '/v4/exports': { post: readScopedPost("operationId: postExport, summary: 'Initiate a new export request.'") },
        '/v1beta/{property}:runReport': { post: readScopedPost('operationId: analyticsdata.properties.runReport') },
        '/v1beta/{parent}/audienceExports': { post: readScopedPost('operationId: analyticsdata.properties.audienceExports.create') },
      },
      '',
      schemes3,
    ),
  },
  {
    name: '2.0: RPC-style POST reads (a route calculation, a batch get)',
    spec: authSpec(
      '2.0',
      {
        '/routing/{version}/calculateRoute/{locations}/{contentType}': { post: readScopedPost("summary: 'Calculate Route'") },
        '/journals/get': { post: readScopedPost('operationId: getJournalByIssnBatch') },
        '/route': { post: readScopedPost("operationId: postRoute, summary: 'POST Route Endpoint'") },
      },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: '3.1: RPC-style POST reads named in prose only',
    spec: authSpec(
      '3.1',
      {
        '/conversations/searches': { post: readScopedPost("description: 'Fetch messages authored from within the current bubble.'") },
        '/api/spinner': { post: readScopedPost("operationId: postSpinner, summary: 'Rewriting (spinning) your input article.'") },
      },
      '',
      schemes3,
    ),
  },
  { name: '3.0: a read_write scope', spec: authSpec('3.0', { '/pets': { post: op('security: [{oauth: [read_write]}]') } }, '', schemes3) },
  {
    name: '3.0: an OR list whose every alternative grants writing',
    spec: authSpec('3.0', { '/pets': { post: op("security: [{oauth: ['pets:write']}, {oauth: [read_write]}]") } }, '', schemes3),
  },
  {
    name: '3.1: a read scope AND-ed with mutual TLS (another kind of scheme)',
    spec: authSpec('3.1', { '/pets': { post: op("security: [{oauth: ['pets:read'], mtls: []}]") } }, '', schemes3),
  },
  { name: '3.0: an API key', spec: authSpec('3.0', { '/pets': { post: op('security: [{key: []}]') } }, '', schemes3) },
  {
    name: '2.0: root read scope, write override',
    spec: authSpec(
      '2.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:write']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: '3.0: a callback whose requirement is read-only (the API is the caller)',
    spec: authSpec(
      '3.0',
      {
        '/pets': {
          post: op(
            "security: [{oauth: ['pets:write']}], callbacks: {onPet: {'{$request.body#/url}': {post: {security: [{oauth: ['pets:read']}], responses: {'200': {description: ok}}}}}}",
          ),
        },
      },
      '',
      schemes3,
    ),
  },
  {
    name: '3.0: an anonymous write (operation-security reports it)',
    spec: authSpec('3.0', { '/pets': { post: op('security: [{}]') } }, '', schemes3),
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  post:\n    ${READ}\n` },
  expected: [
    {
      file: 'api.raml',
      line: 13,
      severity: 'error',
      message:
        'Operation POST /things writes, but a token with only the read-only scope(s) "read" satisfies one of its requirements: require a scope that grants writing.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  post:\n    ${WRITE}\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });

  it('readWords and writeWords replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { readWords: ['lookup'], writeWords: [] });
    const spec = authSpec(
      '3.0',
      { '/pets': { post: op("security: [{oauth: ['pets:lookup']}]"), put: op("security: [{oauth: ['pets:read']}]") } },
      '',
      `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/t', scopes: {'pets:lookup': l, 'pets:read': r}}}}\n`,
    );
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(readOnly('Operation POST /pets', '"pets:lookup"'), ['paths', '/pets', 'post', 'security', '0']),
    ]);
  });
});
