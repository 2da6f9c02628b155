import { describe, expect, it } from 'vitest';
import {
  HEADERS,
  OAS2_DEFINITIONS,
  OAS3_SCHEMES,
  oas2WithDefinitions,
  oas3WithSchemes,
  findingsOf,
  ruleDefinition,
  rulesetWithOptions,
  runRuleCases,
  findingOf,
} from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { authSpec, op } from '../auth-specs.js';
import { HEAD, OAUTH } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-no-http-basic';
const FUNCTION = ruleDefinition(CODE).functionName;

const finding = findingOf(CODE);
const ADVICE = 'use OAuth 2.0, OpenID Connect or short-lived bearer tokens.';
const basic = (name: string) =>
  `Security scheme "${name}" uses HTTP Basic authentication, which sends a reusable password with every request: ${ADVICE}`;
const digest = (name: string) =>
  `Security scheme "${name}" uses HTTP Digest authentication, which relies on a long-lived shared password that the server must keep in password-equivalent form: ${ADVICE}`;

const oas3 = oas3WithSchemes;
const oas2 = oas2WithDefinitions;
const OAS3_SCHEME = OAS3_SCHEMES;
const OAS2_DEFINITION = OAS2_DEFINITIONS;

const invalid: RuleCase[] = [
  // OpenAPI 3.0
  {
    name: '3.0: type http, scheme basic',
    spec: oas3('3.0', '    basicAuth: {type: http, scheme: basic}\n'),
    expected: [finding(basic('basicAuth'), [...OAS3_SCHEME, 'basicAuth', 'scheme'])],
  },
  {
    name: '3.0: scheme written "Basic" (RFC 7235 names are case-insensitive)',
    spec: oas3('3.0', '    login: {type: http, scheme: Basic}\n'),
    expected: [finding(basic('login'), [...OAS3_SCHEME, 'login', 'scheme'])],
  },
  {
    name: '3.0: only the basic scheme among bearer, oauth2 and apiKey',
    spec: oas3(
      '3.0',
      [
        '    jwt: {type: http, scheme: bearer, bearerFormat: JWT}',
        '    legacy: {type: http, scheme: basic, description: for old clients}',
        '    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {}}}}',
        '    key: {type: apiKey, in: header, name: X-API-Key}',
        '',
      ].join('\n'),
    ),
    expected: [finding(basic('legacy'), [...OAS3_SCHEME, 'legacy', 'scheme'])],
  },
  {
    name: '3.0: a scheme defined but not used by any operation is still flagged',
    spec: oas3('3.0', '    unused: {type: http, scheme: basic}\n', 'security: []\n'),
    expected: [finding(basic('unused'), [...OAS3_SCHEME, 'unused', 'scheme'])],
  },
  {
    name: '3.0: scheme pulled in through a $ref inside components (reported at the definition)',
    spec: oas3(
      '3.0',
      "    basicAuth: {$ref: '#/components/x-shared-schemes/basic'}\n",
      '  x-shared-schemes:\n    basic: {type: http, scheme: basic}\n',
    ),
    expected: [finding(basic('basicAuth'), ['components', 'x-shared-schemes', 'basic', 'scheme'])],
  },
  {
    name: '3.0: Swagger-2 style "type: basic" left in an OpenAPI 3 document',
    spec: oas3('3.0', '    migrated: {type: basic}\n'),
    expected: [finding(basic('migrated'), [...OAS3_SCHEME, 'migrated', 'type'])],
  },
  // OpenAPI 3.1
  {
    name: '3.1: scheme written "BASIC"',
    spec: oas3('3.1', '    basicAuth: {type: http, scheme: BASIC}\n'),
    expected: [finding(basic('basicAuth'), [...OAS3_SCHEME, 'basicAuth', 'scheme'])],
  },
  {
    name: '3.1: two basic schemes, one finding each',
    spec: oas3('3.1', '    a: {type: http, scheme: basic}\n    b: {type: http, scheme: " basic "}\n'),
    expected: [finding(basic('a'), [...OAS3_SCHEME, 'a', 'scheme']), finding(basic('b'), [...OAS3_SCHEME, 'b', 'scheme'])],
  },
  // Swagger 2.0
  {
    name: '2.0: type basic',
    spec: oas2('  basicAuth: {type: basic}\n'),
    expected: [finding(basic('basicAuth'), [...OAS2_DEFINITION, 'basicAuth', 'type'])],
  },
  {
    name: '2.0: type basic next to an apiKey and oauth2',
    spec: oas2(
      '  key: {type: apiKey, in: header, name: X-API-Key}\n  basicAuth: {type: basic, description: Username and password}\n  oauth: {type: oauth2, flow: application, tokenUrl: "https://auth.example.com/token", scopes: {}}\n',
    ),
    expected: [finding(basic('basicAuth'), [...OAS2_DEFINITION, 'basicAuth', 'type'])],
  },
  {
    name: '3.0: Basic on a login and on ordinary operations',
    spec: authSpec(
      '3.0',
      { '/authn/{account}/login': { get: op('security: [{basic: []}]') }, '/info': { get: op('security: [{basic: []}, {jwt: []}]') } },
      '',
      'components:\n  securitySchemes:\n    basic: {type: http, scheme: basic}\n    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n',
    ),
    expected: [finding(basic('basic'), [...OAS3_SCHEME, 'basic', 'scheme'])],
  },
  {
    name: '3.1: Basic inherited from the root by ordinary operations, a token endpoint among them',
    spec: authSpec(
      '3.1',
      { '/token': { post: op() }, '/pets': { get: op() } },
      'security: [{basic: []}]\n',
      'components:\n  securitySchemes:\n    basic: {type: http, scheme: basic}\n',
    ),
    expected: [finding(basic('basic'), [...OAS3_SCHEME, 'basic', 'scheme'])],
  },
  {
    name: '2.0: definition pulled in through a $ref',
    spec: oas2("  basicAuth: {$ref: '#/x-shared/basic'}\n", 'x-shared:\n  basic: {type: basic}\n'),
    expected: [finding(basic('basicAuth'), ['x-shared', 'basic', 'type'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  // OpenAPI 3.0
  { name: '3.0: bearer', spec: oas3('3.0', '    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n') },
  { name: '3.0: Bearer (any case)', spec: oas3('3.0', '    jwt: {type: http, scheme: Bearer}\n') },
  { name: '3.0: digest is not rejected by default', spec: oas3('3.0', '    d: {type: http, scheme: digest}\n') },
  { name: '3.0: apiKey in a header', spec: oas3('3.0', '    key: {type: apiKey, in: header, name: X-API-Key}\n') },
  {
    name: '3.0: oauth2',
    spec: oas3('3.0', '    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {}}}}\n'),
  },
  {
    name: '3.0: openIdConnect',
    spec: oas3('3.0', '    oidc: {type: openIdConnect, openIdConnectUrl: "https://auth.example.com/.well-known/openid-configuration"}\n'),
  },
  { name: '3.0: a scheme merely named "basic"', spec: oas3('3.0', '    basic: {type: http, scheme: bearer}\n') },
  { name: '3.0: no components', spec: `${HEADERS['3.0']}paths: {}\n` },
  { name: '3.0: type http without a scheme', spec: oas3('3.0', '    h: {type: http}\n') },
  // OpenAPI 3.1
  { name: '3.1: bearer', spec: oas3('3.1', '    jwt: {type: http, scheme: bearer}\n') },
  { name: '3.1: mutualTLS', spec: oas3('3.1', '    mtls: {type: mutualTLS}\n') },
  { name: '3.1: "basic" in another field', spec: oas3('3.1', '    key: {type: apiKey, in: header, name: basic, description: basic}\n') },
  // Swagger 2.0
  { name: '2.0: apiKey in a header', spec: oas2('  key: {type: apiKey, in: header, name: X-API-Key}\n') },
  {
    name: '2.0: oauth2',
    spec: oas2('  oauth: {type: oauth2, flow: application, tokenUrl: "https://auth.example.com/token", scopes: {}}\n'),
  },
  { name: '2.0: no securityDefinitions', spec: `${HEADERS['2.0']}paths: {}\n` },
  // Basic only where a password is traded for a token
  {
    name: '3.0: Basic only on the endpoint that exchanges the password for a JWT',
    spec: authSpec(
      '3.0',
      { '/auth': { get: op('security: [{basic: []}]') }, '/pets': { get: op() } },
      'security: [{jwt: []}]\n',
      'components:\n  securitySchemes:\n    basic: {type: http, scheme: basic}\n    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n',
    ),
  },
  {
    name: '3.1: Basic only on the operations that create, list and delete API tokens',
    spec: authSpec(
      '3.1',
      {
        '/v0.1/api_tokens': { get: op('security: [{Basic: []}]'), post: op('operationId: userApiTokens_new, security: [{Basic: []}]') },
        '/v0.1/api_tokens/{apiTokenId}': { delete: op('security: [{Basic: []}]') },
        '/v0.1/apps': { get: op('security: [{key: []}]') },
      },
      '',
      'components:\n  securitySchemes:\n    Basic: {type: http, scheme: basic}\n    key: {type: apiKey, in: header, name: X-API-Token}\n',
    ),
  },
  {
    name: '2.0: Basic only on a login and a password change',
    spec: authSpec(
      '2.0',
      {
        '/users/login': { post: op('operationId: LoginUser, security: [{basic: []}]') },
        '/users/{id}/password': { put: op('security: [{basic: []}]') },
        '/pets': { get: op() },
      },
      'security: [{key: []}]\n',
      'securityDefinitions:\n  basic: {type: basic}\n  key: {type: apiKey, in: header, name: X-Key}\n',
    ),
  },
];

/** Documents whose shape is wrong: the rule must neither throw nor invent findings. */
const oddShapes: RuleCase[] = [
  {
    name: '3.0: null, list and scalar scheme entries; a real one is still found',
    spec: oas3('3.0', '    a: null\n    b: [1, 2]\n    c: basic\n    d: {type: http, scheme: basic}\n'),
    expected: [finding(basic('d'), [...OAS3_SCHEME, 'd', 'scheme'])],
  },
  {
    name: '3.1: scheme and type values that are numbers, null or empty',
    spec: oas3(
      '3.1',
      '    a: {type: http, scheme: 5}\n    b: {type: 7, scheme: basic}\n    c: {type: http, scheme: null}\n    d: {type: http, scheme: ""}\n',
    ),
    expected: [],
  },
  {
    name: '3.0: securitySchemes is a list',
    spec: `${HEADERS['3.0']}paths: {}\ncomponents:\n  securitySchemes:\n    - {type: http, scheme: basic}\n`,
    expected: [],
  },
  {
    name: '3.0: components is a string',
    spec: `${HEADERS['3.0']}paths: {}\ncomponents: basic\n`,
    expected: [],
  },
  {
    name: '3.0: scheme named like an Object.prototype member',
    spec: oas3('3.0', '    toString: {type: http, scheme: constructor}\n    constructor: {type: http, scheme: basic}\n'),
    expected: [finding(basic('constructor'), [...OAS3_SCHEME, 'constructor', 'scheme'])],
  },
  {
    name: '2.0: securityDefinitions is a string',
    spec: `${HEADERS['2.0']}paths: {}\nsecurityDefinitions: basic\n`,
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}uses:\n  sec: security.raml\nsecuredBy: [sec.basic]\n`,
    'security.raml': '#%RAML 1.0 Library\nsecuritySchemes:\n  basic:\n    type: Basic Authentication\n',
  },
  expected: [
    {
      file: 'security.raml',
      line: 4,
      severity: 'error',
      message:
        'Security scheme "sec.basic" uses HTTP Basic authentication, which sends a reusable password with every request: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH}` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  describe('schemes option, set through a user ruleset', () => {
    it('schemes: [basic, digest] also rejects Digest (any case)', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { schemes: ['basic', 'digest'] });
      const spec = oas3(
        '3.0',
        '    a: {type: http, scheme: Digest}\n    b: {type: http, scheme: basic}\n    c: {type: http, scheme: bearer}\n',
      );
      expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
        finding(digest('a'), [...OAS3_SCHEME, 'a', 'scheme']),
        finding(basic('b'), [...OAS3_SCHEME, 'b', 'scheme']),
      ]);
      expect(await findingsOf(CODE, oas2('  basicAuth: {type: basic}\n'), { ruleset })).toEqual([
        finding(basic('basicAuth'), [...OAS2_DEFINITION, 'basicAuth', 'type']),
      ]);
    });

    it('a scheme without a known weakness gets a neutral reason', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { schemes: ['NTLM'] });
      expect(await findingsOf(CODE, oas3('3.1', '    win: {type: http, scheme: ntlm}\n'), { ruleset })).toEqual([
        finding(
          `Security scheme "win" uses HTTP ntlm authentication, which is not an accepted way to authenticate to this API: ${ADVICE}`,
          [...OAS3_SCHEME, 'win', 'scheme'],
        ),
      ]);
    });

    it('schemes: [digest] allows Basic (in 3.x and 2.0)', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { schemes: ['digest'] });
      expect(await findingsOf(CODE, oas3('3.0', '    b: {type: http, scheme: basic}\n'), { ruleset })).toEqual([]);
      expect(await findingsOf(CODE, oas2('  b: {type: basic}\n'), { ruleset })).toEqual([]);
    });

    it('an empty list is a ruleset error, not a silently disabled rule', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { schemes: [] });
      await expect(findingsOf(CODE, oas2('  b: {type: basic}\n'), { ruleset })).rejects.toThrow(/invalid ruleset: .*schemes/);
    });
  });
});
