import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-deprecation-metadata';
const finding = findingOf(CODE);
const incomplete = (name: string, missing: string) =>
  `${name} is deprecated but documents no ${missing}: say when it goes away and what replaces it, so clients migrate before it is retired and it does not live on forgotten.`;
const unannounced = (name: string) =>
  `${name} is deprecated and says when it goes away and what replaces it, but documents no Deprecation response header: add it (RFC 9745) so clients learn of the deprecation from the responses they already read.`;
const ALL_OP =
  'sunset date (a Sunset response header or x-sunset), Deprecation response header, successor (a Link header with rel="successor-version" or x-successor)';

const invalid: RuleCase[] = [
  {
    name: '2.0: a deprecated operation and a deprecated body property',
    spec: `${HEADERS['2.0']}paths:\n  /pets:\n    post:\n      deprecated: true\n      parameters: [{name: b, in: body, schema: {$ref: '#/definitions/Pet'}}]\n      responses: {'200': {description: ok}}\ndefinitions:\n  Pet:\n    type: object\n    properties:\n      tag: {type: string, deprecated: true, x-sunset: '2036-01-01'}\n`,
    expected: [
      finding(incomplete('Operation POST /pets', ALL_OP), ['paths', '/pets', 'post', 'deprecated']),
      finding(incomplete('Property "tag"', 'successor (x-successor)'), ['definitions', 'Pet', 'properties', 'tag', 'deprecated']),
    ],
  },
  {
    name: '3.0: Sunset and Link headers present, Deprecation missing; a shared deprecated parameter reported once',
    spec: `${HEADERS['3.0']}paths:\n  /a:\n    get:\n      deprecated: true\n      parameters: [{$ref: '#/components/parameters/Old'}]\n      responses:\n        '200':\n          description: ok\n          headers:\n            Sunset: {schema: {type: string}}\n            Link: {schema: {type: string, example: '<https://api.example.com/v2/a>; rel="successor-version"'}}\n  /b:\n    get:\n      parameters: [{$ref: '#/components/parameters/Old'}]\n      responses: {'200': {description: ok}}\ncomponents:\n  parameters:\n    Old: {name: old, in: query, deprecated: true, schema: {type: string}}\n`,
    expected: [
      finding(unannounced('Operation GET /a'), ['paths', '/a', 'get', 'deprecated']),
      finding(incomplete('Parameter "old" of Operation GET /a', 'sunset date (x-sunset), successor (x-successor)'), [
        'components',
        'parameters',
        'Old',
        'deprecated',
      ]),
    ],
  },
  {
    name: '3.0: a Microsoft deprecation record gives the removal date and the successor; the Deprecation header is still missing',
    spec: `${HEADERS['3.0']}paths:\n  /identityProviders:\n    post:\n      deprecated: true\n      x-ms-deprecation:\n        date: '2021-05-01'\n        removalDate: '2023-03-01'\n        description: The identityProvider API is deprecated and will stop returning data on March 2023. Please use the new identityProviderBase API.\n        version: 2021-05/identityProvider\n      responses: {'201': {description: created}}\n`,
    expected: [finding(unannounced('Operation POST /identityProviders'), ['paths', '/identityProviders', 'post', 'deprecated'])],
  },
  {
    name: '3.1: a GitHub record gives the removal date, the description the successor',
    spec: `${HEADERS['3.1']}paths:\n  /teams/{team_id}:\n    delete:\n      deprecated: true\n      summary: Delete a team (Legacy)\n      description: '**Deprecation Notice:** This endpoint route is deprecated and will be removed from the Teams API. We recommend migrating your existing code to use the new [Delete a team](https://docs.github.com/rest/reference/teams#delete-a-team) endpoint.'\n      x-github: {category: teams, deprecationDate: '2020-01-21', removalDate: '2021-02-01'}\n      responses: {'204': {description: deleted}}\n`,
    expected: [finding(unannounced('Operation DELETE /teams/{team_id}'), ['paths', '/teams/{team_id}', 'delete', 'deprecated'])],
  },
  {
    name: '3.0: the summary states the removal date and the replacement in prose',
    spec: `${HEADERS['3.0']}paths:\n  /customerDebitNote:\n    post:\n      deprecated: true\n      summary: Create a Debit Note. Method is deprecated and will be removed starting May 2021 - start using new method CustomerDebitNoteV2 endpoint.\n      responses: {'201': {description: created}}\n`,
    expected: [finding(unannounced('Operation POST /customerDebitNote'), ['paths', '/customerDebitNote', 'post', 'deprecated'])],
  },
  {
    name: '2.0: a replacement named in prose, no date: only the sunset date and Deprecation header are missing',
    spec: `${HEADERS['2.0']}paths:\n  /v2/editorial/licenses:\n    post:\n      deprecated: true\n      description: Deprecated; use \`POST /v2/editorial/images/licenses\` instead to get licenses for one or more editorial images.\n      responses: {'200': {description: ok}}\n`,
    expected: [
      finding(
        incomplete(
          'Operation POST /v2/editorial/licenses',
          'sunset date (a Sunset response header or x-sunset), Deprecation response header',
        ),
        ['paths', '/v2/editorial/licenses', 'post', 'deprecated'],
      ),
    ],
  },
  {
    name: '3.1: prose that names no date and no replacement is no metadata',
    spec: `${HEADERS['3.1']}paths:\n  /validateAddress:\n    post:\n      deprecated: true\n      description: '[DEPRECATED NOTICE: This operation will soon be removed] Use this method to validate the shipping address. Deprecated since 2020-01-01.'\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(incomplete('Operation POST /validateAddress', ALL_OP), ['paths', '/validateAddress', 'post', 'deprecated'])],
  },
  {
    name: '3.0: a vendor message naming the replacement of a property, with no date',
    spec: `${HEADERS['3.0']}paths: {}\ncomponents:\n  schemas:\n    TransferData:\n      type: object\n      properties:\n        balanceAccountId:\n          type: string\n          deprecated: true\n          x-deprecatedInVersion: '3'\n          x-deprecatedMessage: Use the ID in the balanceAccount object instead.\n`,
    expected: [
      finding(incomplete('Property "balanceAccountId"', 'sunset date (x-sunset)'), [
        'components',
        'schemas',
        'TransferData',
        'properties',
        'balanceAccountId',
        'deprecated',
      ]),
    ],
  },
];

const valid = [
  {
    name: '3.1: operation with all three headers; schema with both extensions',
    spec: `${HEADERS['3.1']}paths:\n  /a:\n    get:\n      deprecated: true\n      responses:\n        '200':\n          description: ok\n          headers:\n            Deprecation: {schema: {type: string}}\n            Sunset: {schema: {type: string}}\n            Link: {description: 'rel="successor-version" to /v2/a', schema: {type: string}}\n          content:\n            application/json:\n              schema: {type: object, deprecated: true, x-sunset: '2036-01-01', x-successor: B}\n`,
  },
  {
    name: '3.0: deprecated: false and "true" as a string are not deprecated',
    spec: `${HEADERS['3.0']}paths:\n  /a:\n    get:\n      deprecated: 'true'\n      parameters: [{name: q, in: query, deprecated: false, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
  },
  {
    name: '3.0: a parameter and a property whose descriptions give the removal date and the replacement',
    spec: `${HEADERS['3.0']}paths:\n  /members:\n    get:\n      parameters:\n        - name: type\n          in: query\n          deprecated: true\n          description: Deprecated in favor of the activity_type parameter; it will be removed on 2025-06-30.\n          schema: {type: string}\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    Comment:\n      type: object\n      properties:\n        position:\n          type: integer\n          deprecated: true\n          description: '**This parameter is deprecated and will be retired in Q3 2025. Use \`line\` instead**.'\n`,
  },
  {
    name: '2.0: a body property whose description names both',
    spec: `${HEADERS['2.0']}paths: {}\ndefinitions:\n  Webhook:\n    type: object\n    properties:\n      executionBody:\n        type: string\n        deprecated: true\n        description: DEPRECATED and no longer supported after 1 March 2026. Populate dbtCloud instead.\n`,
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n/things:\n  get:\n    (deprecated): true\n` },
  expected: [
    {
      file: 'api.raml',
      line: 7,
      severity: 'warn',
      message:
        'Operation GET /things is deprecated but documents no sunset date (a Sunset response header or (sunset)), Deprecation response header, successor (a Link header with rel="successor-version" or (successor)): say when it goes away and what replaces it, so clients migrate before it is retired and it does not live on forgotten.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n  sunset: string\n  successor: string\n/things:\n  get:\n    (deprecated): true\n    (sunset): '2099-01-01'\n    (successor): /v2/things\n    responses:\n      200:\n        headers:\n          Deprecation: {example: '@1700000000'}\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, raml: RAML });
});
