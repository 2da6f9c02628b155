import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-object-level-authorization';
const finding = findingOf(CODE);
const noDenial = (operation: string, parameter: string) =>
  `${operation} addresses one object by path parameter "${parameter}" but declares neither 403 nor 404: check that the caller may access that object and document the response it gets when not.`;
const SECURED = "security: [{oauth: ['pets:read']}]";
const param3 = (name: string, schema = '{type: string, format: uuid}') => `{name: ${name}, in: path, required: true, schema: ${schema}}`;
const param2 = (name: string) => `{name: ${name}, in: path, required: true, type: string, format: uuid}`;
const withParams = (params: string, responses?: string) => op(`${SECURED}, parameters: [${params}]`, responses);
const NOT_FOUND = "{'200': {description: ok}, '404': {description: Not found}}";

/** The same anonymous read in an API that only reads, and in one that also writes. */
const openDataPaths = (version: '2.0' | '3.0', withWrite: boolean) => ({
  '/airports/{icao_code}': {
    get: op(
      `parameters: [${version === '2.0' ? '{name: icao_code, in: path, required: true, type: string}' : param3('icao_code', '{type: string}')}]`,
    ),
  },
  ...(withWrite ? { '/bookings': { post: op(SECURED) } } : {}),
});

/** A read by team key secured by an API key (a sports-data feed), with or without a write elsewhere. */
const apiKeyPaths = (version: '2.0' | '3.0' | '3.1', withWrite: boolean) => ({
  '/team/{team_key}/simple': {
    get: op(
      `security: [{key: []}], parameters: [${version === '2.0' ? '{name: team_key, in: path, required: true, type: string}' : param3('team_key', '{type: string}')}]`,
    ),
  },
  ...(withWrite ? { '/bookings': { post: op('security: [{key: []}]') } } : {}),
});

const invalid: RuleCase[] = [
  {
    name: '3.1: an API-key read in an API that also writes: the key holder may own records',
    spec: authSpec('3.1', apiKeyPaths('3.1', true)),
    expected: [
      finding(noDenial('Operation GET /team/{team_key}/simple', 'team_key'), ['paths', '/team/{team_key}/simple', 'get', 'responses']),
    ],
  },
  {
    name: '3.0: an anonymous read in an API that also writes: its objects likely have owners',
    spec: authSpec('3.0', openDataPaths('3.0', true)),
    expected: [
      finding(noDenial('Operation GET /airports/{icao_code}', 'icao_code'), ['paths', '/airports/{icao_code}', 'get', 'responses']),
    ],
  },
  {
    name: '3.1: a secured read in an API that only reads (a bank account API is read-only too)',
    spec: authSpec('3.1', { '/accounts/{accountId}': { get: withParams(param3('accountId')) } }),
    expected: [
      finding(noDenial('Operation GET /accounts/{accountId}', 'accountId'), ['paths', '/accounts/{accountId}', 'get', 'responses']),
    ],
  },
  {
    name: '3.0: GET /pets/{petId} with only a 200',
    spec: authSpec('3.0', { '/pets/{petId}': { get: withParams(param3('petId')) } }),
    expected: [finding(noDenial('Operation GET /pets/{petId}', 'petId'), ['paths', '/pets/{petId}', 'get', 'responses'])],
  },
  {
    name: '3.1: DELETE /users/{username}: a member of a collection',
    spec: authSpec('3.1', {
      '/users/{username}': { delete: withParams(param3('username', '{type: string, maxLength: 40}'), "{'204': {description: gone}}") },
    }),
    expected: [finding(noDenial('Operation DELETE /users/{username}', 'username'), ['paths', '/users/{username}', 'delete', 'responses'])],
  },
  {
    name: '3.0: snake_case, kebab-case and ID spellings; a 401 and a 4xx named for something else are not enough',
    spec: authSpec('3.0', {
      '/a/{pet_id}': { get: withParams(param3('pet_id'), "{'401': {description: no}, '483': {description: BadRequestException}}") },
      '/b/{pet-id}/visits': { get: withParams(param3('pet-id')) },
      '/{tenant}/orders/{orderID}.json': { get: withParams(`${param3('tenant')}, ${param3('orderID')}`) },
    }),
    expected: [
      finding(noDenial('Operation GET /a/{pet_id}', 'pet_id'), ['paths', '/a/{pet_id}', 'get', 'responses']),
      finding(noDenial('Operation GET /b/{pet-id}/visits', 'pet-id'), ['paths', '/b/{pet-id}/visits', 'get', 'responses']),
      finding(noDenial('Operation GET /{tenant}/orders/{orderID}.json', 'orderID'), [
        'paths',
        '/{tenant}/orders/{orderID}.json',
        'get',
        'responses',
      ]),
    ],
  },
  {
    name: '2.0: a path-level parameter, OAS2 responses',
    spec: authSpec('2.0', { '/stores/{storeId}/orders': { parameters: `[${param2('storeId')}]`, get: op(SECURED) } }),
    expected: [
      finding(noDenial('Operation GET /stores/{storeId}/orders', 'storeId'), ['paths', '/stores/{storeId}/orders', 'get', 'responses']),
    ],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: a default response is the error contract',
    spec: authSpec('3.0', { '/pets/{id}': { get: withParams(param3('id'), "{'200': {description: ok}, default: {description: Error}}") } }),
  },
  {
    name: '3.0: non-standard 4xx statuses named for the denial (AWS 482 ForbiddenException, 485 NotFoundException)',
    spec: authSpec('3.0', {
      '/accounts/{accountId}/bots/{botId}': {
        post: withParams(
          `${param3('accountId')}, ${param3('botId')}`,
          "{'200': {description: ok}, '482': {description: ForbiddenException}}",
        ),
      },
      '/accounts/{accountId}': {
        delete: withParams(param3('accountId'), "{'204': {description: ok}, '485': {description: NotFoundException}}"),
      },
    }),
  },
  {
    name: '3.1: a path parameter with an enum picks from a fixed list, not an object',
    spec: authSpec('3.1', {
      '/api/subclasses/{index}/levels': { get: withParams(param3('index', '{type: string, enum: [berserker, champion, devotion]}')) },
      '/api/Parties/StateOfTheParties/{house}/{forDate}': {
        get: withParams(`${param3('house', '{type: integer, enum: [1, 2]}')}, ${param3('forDate', '{type: string, format: date}')}`),
      },
    }),
  },
  {
    name: '2.0: a path parameter with an enum (OAS2 types the parameter itself)',
    spec: authSpec('2.0', {
      '/regions/{regionId}': {
        get: op(`${SECURED}, parameters: [{name: regionId, in: path, required: true, type: string, enum: [eu, us]}]`),
      },
    }),
  },
  {
    name: '3.0: a value sent in the path is no object (hex, data, payload, query, q)',
    spec: authSpec('3.0', {
      '/{blockchain}/v2/sendtx/{hex}': { get: withParams(`${param3('blockchain', '{type: string}')}, ${param3('hex', '{type: string}')}`) },
      '/search/{q}': { get: withParams(param3('q', '{type: string}')) },
      '/decode/{payload}': { post: withParams(param3('payload', '{type: string}')) },
    }),
  },
  { name: '3.0: an anonymous read in an API that only reads (open reference data)', spec: authSpec('3.0', openDataPaths('3.0', false)) },
  { name: '2.0: an anonymous read in an API that only reads', spec: authSpec('2.0', openDataPaths('2.0', false)) },
  { name: '3.0: an API-key read in an API that only reads (public reference data)', spec: authSpec('3.0', apiKeyPaths('3.0', false)) },
  { name: '2.0: an API-key read in an API that only reads', spec: authSpec('2.0', apiKeyPaths('2.0', false)) },
  {
    name: '3.1: a credential endpoint: the path key names the system a device logs into',
    spec: authSpec('3.1', {
      '/api/v/2/devices/{SystemKey}/auth': {
        post: withParams(param3('SystemKey', '{type: string}'), "{'200': {description: ok}, '401': {description: no}}"),
      },
      '/pets': { post: op(SECURED) },
    }),
  },
  { name: '3.0: declares 404', spec: authSpec('3.0', { '/pets/{id}': { get: withParams(param3('id'), NOT_FOUND) } }) },
  {
    name: '3.0: declares 403; security inherited from the root',
    spec: authSpec(
      '3.0',
      { '/pets/{id}': { put: op(`parameters: [${param3('id')}]`, "{'200': {description: ok}, '403': {description: no}}") } },
      "security: [{oauth: ['pets:write']}]\n",
    ),
  },
  {
    name: '3.1: declares a 4XX range',
    spec: authSpec('3.1', { '/pets/{id}': { get: withParams(param3('id'), "{'200': {description: ok}, 4XX: {description: no}}") } }),
  },
  {
    name: '2.0: declares 404 with a per-operation override',
    spec: authSpec('2.0', { '/pets/{id}': { get: op(`${SECURED}, parameters: [${param2('id')}]`, NOT_FOUND) } }),
  },
  { name: '3.0: /files/{path} is not an identifier', spec: authSpec('3.0', { '/files/{path}': { get: withParams(param3('path')) } }) },
  {
    name: '3.0: /v{version}/pets is not an identifier',
    spec: authSpec('3.0', { '/v{version}/pets': { get: withParams(param3('version')) } }),
  },
  {
    name: '3.0: /reports/{year}/{month}',
    spec: authSpec('3.0', { '/reports/{year}/{month}': { get: withParams(`${param3('year')}, ${param3('month')}`) } }),
  },
  { name: '3.0: a collection without parameters', spec: authSpec('3.0', { '/pets': { get: op(SECURED), post: op(SECURED) } }) },
  { name: '3.0: OPTIONS on an object', spec: authSpec('3.0', { '/pets/{id}': { options: op('', "{'204': {description: ok}}") } }) },
  {
    name: '3.0: a callback (its URL is a runtime expression)',
    spec: authSpec('3.0', {
      '/pets': {
        post: op(`${SECURED}, callbacks: {onPet: {'{$request.body#/callbackUrl}/{id}': {post: {responses: {'200': {description: ok}}}}}}`),
      },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a schema property named "parameters" that has a "name" (the peer ruleset aborts on it)',
    spec:
      authSpec('3.0', {
        '/pets/{id}': {
          get: op(
            `${SECURED}, parameters: [${param3('id')}]`,
            "{'404': {description: no}, '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}",
          ),
        },
        '/odd/{id}': { parameters: '5', get: op(`${SECURED}, parameters: {name: id}`, '[404]') },
      }) + 'x-more: 1\n',
    expected: [finding(noDenial('Operation GET /odd/{id}', 'id'), ['paths', '/odd/{id}', 'get'])],
  },
];
// The schema the first odd case references: a property called "parameters" with a property called "name".
oddShapes[0].spec = oddShapes[0].spec.replace(
  'components:\n  securitySchemes:\n',
  'components:\n  schemas:\n    Pet: {type: object, properties: {parameters: {type: object, properties: {name: {type: string}, in: {type: string}}}}}\n  securitySchemes:\n',
);

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  // The API also writes: anonymous reads of a read-only API are open data, left alone.
  invalid: { 'api.raml': `${HEAD}/things/{id}:\n  get:\n    responses:\n      200:\n/others:\n  post:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'error',
      message:
        'Operation GET /things/{id} addresses one object by path parameter "id" but declares neither 403 nor 404: check that the caller may access that object and document the response it gets when not.',
    },
  ],
  silent: { 'api.raml': `${HEAD}/things/{id}:\n  get:\n    responses:\n      200:\n      404:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('identifierWords and notIdentifierWords replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      identifierWords: ['key'],
      notIdentifierWords: ['username', 'id'],
    });
    const spec = authSpec('3.0', {
      '/users/{username}': { get: withParams(param3('username')) },
      '/pets/{petId}/x': { get: withParams(param3('petId')) },
      '/keys/{apiKey}/x': { get: withParams(param3('apiKey')) },
    });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(noDenial('Operation GET /keys/{apiKey}/x', 'apiKey'), ['paths', '/keys/{apiKey}/x', 'get', 'responses']),
    ]);
  });
});
