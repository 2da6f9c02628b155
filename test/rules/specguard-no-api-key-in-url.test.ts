import { describe } from 'vitest';
import { HEADERS, OAS2_DEFINITIONS, OAS3_SCHEMES, oas2WithDefinitions, oas3WithSchemes, runRuleCases, findingOf } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-no-api-key-in-url';

const finding = findingOf(CODE);
const inUrl = (name: string, where: 'query string' | 'URL path') =>
  `Security scheme "${name}" sends the API key in the ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header.`;

const oas3 = oas3WithSchemes;
const oas2 = oas2WithDefinitions;
const OAS3_SCHEME = OAS3_SCHEMES;
const OAS2_DEFINITION = OAS2_DEFINITIONS;

const invalid: RuleCase[] = [
  // OpenAPI 3.0
  {
    name: '3.0: apiKey in query',
    spec: oas3('3.0', '    key: {type: apiKey, in: query, name: api_key}\n'),
    expected: [finding(inUrl('key', 'query string'), [...OAS3_SCHEME, 'key', 'in'])],
  },
  {
    name: '3.0: apiKey in path (not valid OpenAPI, flagged anyway)',
    spec: oas3('3.0', '    key: {type: apiKey, in: path, name: key}\n'),
    expected: [finding(inUrl('key', 'URL path'), [...OAS3_SCHEME, 'key', 'in'])],
  },
  {
    name: '3.0: only the query key among header, cookie, bearer and query',
    spec: oas3(
      '3.0',
      [
        '    header: {type: apiKey, in: header, name: X-API-Key}',
        '    cookie: {type: apiKey, in: cookie, name: session}',
        '    jwt: {type: http, scheme: bearer}',
        '    token: {type: apiKey, in: query, name: access_token}',
        '',
      ].join('\n'),
    ),
    expected: [finding(inUrl('token', 'query string'), [...OAS3_SCHEME, 'token', 'in'])],
  },
  {
    name: '3.0: scheme pulled in through a $ref inside components (reported at the definition)',
    spec: oas3(
      '3.0',
      "    key: {$ref: '#/components/x-shared-schemes/queryKey'}\n",
      '  x-shared-schemes:\n    queryKey: {type: apiKey, in: query, name: api_key}\n',
    ),
    expected: [finding(inUrl('key', 'query string'), ['components', 'x-shared-schemes', 'queryKey', 'in'])],
  },
  {
    name: '3.0: "in: Query" and "type: APIKey" written in the wrong case',
    spec: oas3('3.0', '    key: {type: APIKey, in: Query, name: api_key}\n'),
    expected: [finding(inUrl('key', 'query string'), [...OAS3_SCHEME, 'key', 'in'])],
  },
  // OpenAPI 3.1
  {
    name: '3.1: apiKey in query',
    spec: oas3('3.1', '    key: {type: apiKey, in: query, name: key}\n'),
    expected: [finding(inUrl('key', 'query string'), [...OAS3_SCHEME, 'key', 'in'])],
  },
  {
    name: '3.1: query and path keys, one finding each',
    spec: oas3('3.1', '    q: {type: apiKey, in: query, name: key}\n    p: {type: apiKey, in: path, name: key}\n'),
    expected: [
      finding(inUrl('q', 'query string'), [...OAS3_SCHEME, 'q', 'in']),
      finding(inUrl('p', 'URL path'), [...OAS3_SCHEME, 'p', 'in']),
    ],
  },
  {
    name: '3.1: a scheme defined but not used by any operation is still flagged',
    spec: oas3('3.1', '    unused: {type: apiKey, in: query, name: key}\n', 'security: []\n'),
    expected: [finding(inUrl('unused', 'query string'), [...OAS3_SCHEME, 'unused', 'in'])],
  },
  // Swagger 2.0
  {
    name: '2.0: apiKey in query',
    spec: oas2('  key: {type: apiKey, in: query, name: api_key}\n'),
    expected: [finding(inUrl('key', 'query string'), [...OAS2_DEFINITION, 'key', 'in'])],
  },
  {
    name: '2.0: only the query key next to a header key',
    spec: oas2('  header: {type: apiKey, in: header, name: X-API-Key}\n  query: {type: apiKey, in: query, name: api_key}\n'),
    expected: [finding(inUrl('query', 'query string'), [...OAS2_DEFINITION, 'query', 'in'])],
  },
  {
    name: '2.0: definition pulled in through a $ref',
    spec: oas2("  key: {$ref: '#/x-shared/queryKey'}\n", 'x-shared:\n  queryKey: {type: apiKey, in: query, name: api_key}\n'),
    expected: [finding(inUrl('key', 'query string'), ['x-shared', 'queryKey', 'in'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  // OpenAPI 3.0
  { name: '3.0: apiKey in a header', spec: oas3('3.0', '    key: {type: apiKey, in: header, name: X-API-Key}\n') },
  { name: '3.0: apiKey in a cookie', spec: oas3('3.0', '    key: {type: apiKey, in: cookie, name: session}\n') },
  { name: '3.0: http bearer', spec: oas3('3.0', '    jwt: {type: http, scheme: bearer}\n') },
  { name: '3.0: "in: query" on a non-apiKey scheme is ignored', spec: oas3('3.0', '    jwt: {type: http, scheme: bearer, in: query}\n') },
  {
    name: '3.0: oauth2',
    spec: oas3(
      '3.0',
      '    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token?x=1", scopes: {}}}}\n',
    ),
  },
  {
    name: '3.0: an ordinary query parameter called api_key (not a security scheme)',
    spec: `${HEADERS['3.0']}paths:\n  /items:\n    get:\n      parameters: [{name: api_key, in: query, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
  },
  { name: '3.0: no components', spec: `${HEADERS['3.0']}paths: {}\n` },
  // OpenAPI 3.1
  { name: '3.1: apiKey in a header', spec: oas3('3.1', '    key: {type: apiKey, in: header, name: X-API-Key}\n') },
  { name: '3.1: apiKey in a cookie', spec: oas3('3.1', '    key: {type: apiKey, in: cookie, name: session}\n') },
  { name: '3.1: mutualTLS', spec: oas3('3.1', '    mtls: {type: mutualTLS}\n') },
  // Swagger 2.0
  { name: '2.0: apiKey in a header', spec: oas2('  key: {type: apiKey, in: header, name: X-API-Key}\n') },
  { name: '2.0: basic (another rule’s concern)', spec: oas2('  b: {type: basic}\n') },
  { name: '2.0: no securityDefinitions', spec: `${HEADERS['2.0']}paths: {}\n` },
];

/** Documents whose shape is wrong: the rule must neither throw nor invent findings. */
const oddShapes: RuleCase[] = [
  {
    name: '3.0: in and type values that are numbers, null or missing',
    spec: oas3(
      '3.0',
      '    a: {type: apiKey, in: 5}\n    b: {type: apiKey, in: null}\n    c: {type: apiKey}\n    d: {in: query}\n    e: {type: 1, in: query}\n',
    ),
    expected: [],
  },
  {
    name: '3.1: "in" named like an Object.prototype member',
    spec: oas3(
      '3.1',
      '    a: {type: apiKey, in: constructor}\n    b: {type: apiKey, in: toString}\n    c: {type: apiKey, in: __proto__}\n',
    ),
    expected: [],
  },
  {
    name: '3.0: null, list and scalar entries; a real one is still found',
    spec: oas3('3.0', '    a: null\n    b: [query]\n    c: query\n    d: {type: apiKey, in: query, name: k}\n'),
    expected: [finding(inUrl('d', 'query string'), [...OAS3_SCHEME, 'd', 'in'])],
  },
  {
    name: '3.0: securitySchemes is a list',
    spec: `${HEADERS['3.0']}paths: {}\ncomponents:\n  securitySchemes:\n    - {type: apiKey, in: query, name: k}\n`,
    expected: [],
  },
  {
    name: '2.0: securityDefinitions is a number',
    spec: `${HEADERS['2.0']}paths: {}\nsecurityDefinitions: 42\n`,
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}securitySchemes:\n  key:\n    type: Pass Through\n    describedBy:\n      queryParameters:\n        api_key: string\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 8,
      severity: 'error',
      message:
        'Security scheme "key" sends the API key in the query string, where proxies, server logs, browser history and Referer headers keep it: send it in a header.',
    },
  ],
  silent: {
    'api.raml': `${HEAD}securitySchemes:\n  key:\n    type: Pass Through\n    describedBy:\n      headers:\n        X-Api-Key: string\n`,
  },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });
});
