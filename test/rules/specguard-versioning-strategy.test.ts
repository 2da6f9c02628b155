import { describe } from 'vitest';
import { findingOf, HEADERS, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-versioning-strategy';
const finding = findingOf(CODE);
const NONE =
  'The API has no versioning strategy: put the major version in the server URL or paths (/v1), or take a version header or media-type parameter, so old versions can be found, retired and told apart from current ones.';
const mixed = (strategies: string) =>
  `The API mixes versioning strategies (${strategies}): choose one, so every client selects versions the same way and none is forgotten in the inventory.`;
const OP = "    get:\n      responses: {'200': {description: ok}}\n";

const invalid: RuleCase[] = [
  {
    name: '2.0: no version anywhere',
    spec: `${HEADERS['2.0']}basePath: /api\npaths:\n  /pets:\n${OP}`,
    expected: [finding(NONE, ['info'])],
  },
  {
    name: '3.0: no version anywhere (a /vets path is no version)',
    spec: `${HEADERS['3.0']}servers: [{url: 'https://v1.example.com'}]\npaths:\n  /vets:\n${OP}`,
    expected: [finding(NONE, ['info'])],
  },
  {
    name: '3.1: a version header and a version query parameter, both taken by every operation',
    spec: `${HEADERS['3.1']}servers: [{url: 'https://api.example.com/v2'}]\npaths:\n  /pets:\n    get:\n      parameters: [{name: X-API-Version, in: header, schema: {type: string}}, {name: api-version, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(mixed('header: header X-API-Version; query parameter: query parameter api-version'), ['info'])],
  },
  {
    name: '3.0: a header on one operation of three is not a strategy (none left)',
    spec: `${HEADERS['3.0']}paths:\n  /docs:\n    get:\n      parameters: [{name: X-API-Version, in: header, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /pets:\n${OP}  /owners:\n${OP}`,
    expected: [finding(NONE, ['info'])],
  },
  {
    name: '3.0: a media-type version and a version header',
    spec: `${HEADERS['3.0']}paths:\n  /pets:\n    get:\n      parameters: [{name: Accept-Version, in: header, schema: {type: string}}]\n      responses: {'200': {description: ok, content: {'application/vnd.example.v2+json': {}}}}\n`,
    expected: [finding(mixed('header: header Accept-Version; media type: media type application/vnd.example.v2+json'), ['info'])],
  },
  {
    name: "2.0: a template that names a thing's version is not the API's ({versionSetId})",
    spec: `${HEADERS['2.0']}paths:\n  /versionSets/{versionSetId}:\n    get:\n      parameters: [{name: versionSetId, in: path, required: true, type: string}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(NONE, ['info'])],
  },
];

const valid = [
  { name: '2.0: basePath /v1', spec: `${HEADERS['2.0']}basePath: /v1\npaths:\n  /pets:\n${OP}` },
  { name: '3.0: server URL /v2beta', spec: `${HEADERS['3.0']}servers: [{url: 'https://api.example.com/v2beta'}]\npaths:\n  /pets:\n${OP}` },
  {
    name: '3.1: a query parameter api-version only',
    spec: `${HEADERS['3.1']}paths:\n  /pets:\n    get:\n      parameters: [{name: api-version, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
  },
  { name: '3.1: no operations', spec: `${HEADERS['3.1']}paths: {}\n` },
  {
    name: '3.0: the version in a server variable (its default)',
    spec: `${HEADERS['3.0']}servers: [{url: 'https://api.example.com/services/{version}', variables: {version: {default: v0}}}]\npaths:\n  /pets:\n${OP}`,
  },
  {
    name: '3.1: a whole base path in a server variable',
    spec: `${HEADERS['3.1']}servers: [{url: 'https://api.example.com{basePath}', variables: {basePath: {default: /developer/analytics/v1_beta}}}]\npaths:\n  /pets:\n${OP}`,
  },
  { name: '2.0: a bare numeric version segment', spec: `${HEADERS['2.0']}paths:\n  /oauth2/1/authorize:\n${OP}` },
  {
    name: '3.0: api-v2 in the server URL',
    spec: `${HEADERS['3.0']}servers: [{url: 'https://api.example.com/elements/api-v2'}]\npaths:\n  /pets:\n${OP}`,
  },
  { name: '3.1: MAJOR.MINOR in the path', spec: `${HEADERS['3.1']}paths:\n  /api/2.0/pets:\n${OP}` },
  { name: '3.0: a date in the path', spec: `${HEADERS['3.0']}paths:\n  /2015-03-31/functions:\n${OP}` },
  {
    name: '2.0: a templated {version} path segment',
    spec: `${HEADERS['2.0']}paths:\n  /{version}/pets:\n    get:\n      parameters: [{name: version, in: path, required: true, type: string}]\n      responses: {'200': {description: ok}}\n`,
  },
  {
    name: "3.0: a path template whose parameter takes only a version (TomTom's {versionNumber} with enum [2])",
    spec: `${HEADERS['3.0']}paths:\n  /search/{versionNumber}/geocode:\n    get:\n      parameters: [{name: versionNumber, in: path, required: true, schema: {type: integer, enum: [2]}}]\n      responses: {'200': {description: ok}}\n`,
  },
  {
    name: '3.1: a major version in the URL and a dated version header (Stripe, Notion): one two-level scheme',
    spec: `${HEADERS['3.1']}servers: [{url: 'https://api.example.com/v1'}]\npaths:\n  /pets:\n    get:\n      parameters: [{name: Notion-Version, in: header, required: true, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
  },
  {
    name: '3.0: a URL version and a manifest media type on one operation of three (a payload format version)',
    spec: `${HEADERS['3.0']}paths:\n  /v2/manifests:\n    get:\n      responses: {'200': {description: ok, content: {'application/vnd.docker.distribution.manifest.v2+json': {}}}}\n  /v2/tags:\n${OP}  /v2/blobs:\n${OP}`,
  },
  {
    name: '3.1: a URL version and a query parameter named version on one operation of three (a resource version, not the API version)',
    spec: `${HEADERS['3.1']}servers: [{url: 'https://api.example.com/v2'}]\npaths:\n  /docs:\n    get:\n      parameters: [{name: version, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n  /pets:\n${OP}  /owners:\n${OP}`,
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: parameters without names, basePath a number',
    spec: `${HEADERS['3.0']}basePath: 5\npaths:\n  /pets:\n    get:\n      parameters: [{in: header}, null]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(NONE, ['info'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n/things:\n  get:\n` },
  expected: [
    {
      file: 'api.raml',
      line: 1,
      severity: 'warn',
      message:
        'The API has no versioning strategy: put the major version in the server URL or paths (/v1), or take a version header or media-type parameter, so old versions can be found, retired and told apart from current ones.',
    },
  ],
  silent: { 'api.raml': `${HEAD}version: v1\nbaseUri: https://api.example.com/{version}\n/things:\n  get:\n` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
