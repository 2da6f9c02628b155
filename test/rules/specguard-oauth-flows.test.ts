import { describe, expect, it } from 'vitest';
import {
  OAS2_DEFINITIONS,
  OAS3_SCHEMES,
  findingOf,
  findingsOf,
  oas2WithDefinitions as oas2,
  oas3WithSchemes as oas3,
  ruleDefinition,
  rulesetWithOptions,
  runRuleCases,
} from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, oauth, OAUTH_RW } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-oauth-flows';
const FUNCTION = ruleDefinition(CODE).functionName;

const finding = findingOf(CODE);
const BCP = 'which RFC 9700 (OAuth 2.0 Security Best Current Practice) deprecates because';
const implicit = (name: string) =>
  `Security scheme "${name}" uses the OAuth 2.0 implicit flow, ${BCP} it returns the access token in the redirect URL, where it leaks and cannot be sender-constrained: use the authorization code flow with PKCE.`;
const password = (name: string) =>
  `Security scheme "${name}" uses the OAuth 2.0 password flow, ${BCP} it hands the user's password to the client: use the authorization code flow with PKCE (or client credentials for machine clients).`;
const plainHttp = (name: string, field: string, url: string) =>
  `Security scheme "${name}" has ${field} "${url}" over plain HTTP: use https:// so tokens, codes and credentials are encrypted in transit.`;

const AUTH = 'https://login.example.com/authorize';
const TOKEN = 'https://login.example.com/token';
const flows3 = (flows: string) => `    oauth:\n      type: oauth2\n      flows:\n${flows}`;
const flow3 = (name: string, fields: string) => `        ${name}: {${fields}, scopes: {}}\n`;
const scheme2 = (fields: string) => `  oauth: {type: oauth2, ${fields}, scopes: {}}\n`;
const at3 = (...rest: string[]) => [...OAS3_SCHEMES, 'oauth', 'flows', ...rest];
const at2 = (...rest: string[]) => [...OAS2_DEFINITIONS, 'oauth', ...rest];

const invalid: RuleCase[] = [
  // OpenAPI 3.0
  {
    name: '3.0: implicit flow',
    spec: oas3('3.0', flows3(flow3('implicit', `authorizationUrl: "${AUTH}"`))),
    expected: [finding(implicit('oauth'), at3('implicit'))],
  },
  {
    name: '3.0: password flow next to authorizationCode (only password is flagged)',
    spec: oas3(
      '3.0',
      flows3(flow3('authorizationCode', `authorizationUrl: "${AUTH}", tokenUrl: "${TOKEN}"`) + flow3('password', `tokenUrl: "${TOKEN}"`)),
    ),
    expected: [finding(password('oauth'), at3('password'))],
  },
  {
    name: '3.0: http tokenUrl and refreshUrl in authorizationCode, HTTP in capitals',
    spec: oas3(
      '3.0',
      flows3(
        flow3(
          'authorizationCode',
          `authorizationUrl: "${AUTH}", tokenUrl: "http://login.example.com/token", refreshUrl: "HTTP://login.example.com/refresh"`,
        ),
      ),
    ),
    expected: [
      finding(plainHttp('oauth', 'tokenUrl', 'http://login.example.com/token'), at3('authorizationCode', 'tokenUrl')),
      finding(plainHttp('oauth', 'refreshUrl', 'HTTP://login.example.com/refresh'), at3('authorizationCode', 'refreshUrl')),
    ],
  },
  {
    name: '3.0: implicit flow with an http authorizationUrl: two findings',
    spec: oas3('3.0', flows3(flow3('implicit', 'authorizationUrl: "http://login.example.com/authorize"'))),
    expected: [
      finding(implicit('oauth'), at3('implicit')),
      finding(plainHttp('oauth', 'authorizationUrl', 'http://login.example.com/authorize'), at3('implicit', 'authorizationUrl')),
    ],
  },
  {
    name: '3.0: scheme pulled in through a $ref (reported at the definition)',
    spec: oas3(
      '3.0',
      "    oauth: {$ref: '#/components/x-shared/oauth'}\n",
      `  x-shared:\n    oauth: {type: oauth2, flows: {implicit: {authorizationUrl: "${AUTH}", scopes: {}}}}\n`,
    ),
    expected: [finding(implicit('oauth'), ['components', 'x-shared', 'oauth', 'flows', 'implicit'])],
  },
  {
    name: '3.0: type written "OAuth2"',
    spec: oas3('3.0', `    oauth: {type: OAuth2, flows: {password: {tokenUrl: "${TOKEN}", scopes: {}}}}\n`),
    expected: [finding(password('oauth'), at3('password'))],
  },
  // OpenAPI 3.1
  {
    name: '3.1: implicit and password in one scheme',
    spec: oas3('3.1', flows3(flow3('implicit', `authorizationUrl: "${AUTH}"`) + flow3('password', `tokenUrl: "${TOKEN}"`))),
    expected: [finding(implicit('oauth'), at3('implicit')), finding(password('oauth'), at3('password'))],
  },
  {
    name: '3.1: openIdConnect discovery URL over http',
    spec: oas3('3.1', '    oidc: {type: openIdConnect, openIdConnectUrl: "http://login.example.com/.well-known/openid-configuration"}\n'),
    expected: [
      finding(plainHttp('oidc', 'openIdConnectUrl', 'http://login.example.com/.well-known/openid-configuration'), [
        ...OAS3_SCHEMES,
        'oidc',
        'openIdConnectUrl',
      ]),
    ],
  },
  {
    name: '3.1: http tokenUrl in clientCredentials',
    spec: oas3('3.1', flows3(flow3('clientCredentials', 'tokenUrl: "http://login.example.com/token"'))),
    expected: [finding(plainHttp('oauth', 'tokenUrl', 'http://login.example.com/token'), at3('clientCredentials', 'tokenUrl'))],
  },
  // Swagger 2.0
  {
    name: '2.0: flow implicit',
    spec: oas2(scheme2(`flow: implicit, authorizationUrl: "${AUTH}"`)),
    expected: [finding(implicit('oauth'), at2('flow'))],
  },
  {
    name: '2.0: flow password with an http tokenUrl',
    spec: oas2(scheme2('flow: password, tokenUrl: "http://login.example.com/token"')),
    expected: [
      finding(password('oauth'), at2('flow')),
      finding(plainHttp('oauth', 'tokenUrl', 'http://login.example.com/token'), at2('tokenUrl')),
    ],
  },
  {
    name: '2.0: flow written "Implicit" (a value, compared case-insensitively)',
    spec: oas2(scheme2(`flow: Implicit, authorizationUrl: "${AUTH}"`)),
    expected: [finding(implicit('oauth'), at2('flow'))],
  },
  {
    name: '2.0: accessCode with an http authorizationUrl',
    spec: oas2(scheme2(`flow: accessCode, authorizationUrl: "http://login.example.com/authorize", tokenUrl: "${TOKEN}"`)),
    expected: [finding(plainHttp('oauth', 'authorizationUrl', 'http://login.example.com/authorize'), at2('authorizationUrl'))],
  },
  {
    name: '2.0: definition pulled in through a $ref',
    spec: oas2(
      "  oauth: {$ref: '#/x-shared/oauth'}\n",
      `x-shared:\n  oauth: {type: oauth2, flow: password, tokenUrl: "${TOKEN}", scopes: {}}\n`,
    ),
    expected: [finding(password('oauth'), ['x-shared', 'oauth', 'flow'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: authorizationCode over https',
    spec: oas3('3.0', flows3(flow3('authorizationCode', `authorizationUrl: "${AUTH}", tokenUrl: "${TOKEN}", refreshUrl: "${TOKEN}"`))),
  },
  { name: '3.0: clientCredentials', spec: oas3('3.0', flows3(flow3('clientCredentials', `tokenUrl: "${TOKEN}"`))) },
  {
    // A relative URL resolves against the server URL, whose scheme specguard-server-https checks.
    name: '3.0: relative tokenUrl and refreshUrl',
    spec: oas3(
      '3.0',
      flows3(flow3('authorizationCode', `authorizationUrl: /oauth/authorize, tokenUrl: /oauth/token, refreshUrl: oauth/refresh`)),
    ),
  },
  {
    name: '3.0: a $ref to a scheme with an authorizationCode flow',
    spec: oas3(
      '3.0',
      "    oauth: {$ref: '#/components/x-shared/oauth'}\n",
      `  x-shared:\n    oauth: {type: oauth2, flows: {authorizationCode: {authorizationUrl: "${AUTH}", tokenUrl: "${TOKEN}", scopes: {}}}}\n`,
    ),
  },
  {
    name: '3.0: a flow key in another letter case is not the implicit flow',
    spec: oas3('3.0', flows3(flow3('Implicit', `authorizationUrl: "${AUTH}"`))),
  },
  { name: '3.0: an extension under flows', spec: oas3('3.0', flows3(flow3('x-legacy', 'tokenUrl: "http://login.example.com/token"'))) },
  {
    name: '3.0: flows on a scheme that is not oauth2',
    spec: oas3('3.0', '    key: {type: apiKey, in: header, name: X-Key, flows: {implicit: {}}, tokenUrl: "http://x.example.com"}\n'),
  },
  {
    name: '3.1: openIdConnect over https',
    spec: oas3('3.1', '    oidc: {type: openIdConnect, openIdConnectUrl: "https://login.example.com/.well-known/openid-configuration"}\n'),
  },
  { name: '3.1: HTTPS in capitals', spec: oas3('3.1', flows3(flow3('clientCredentials', 'tokenUrl: "HTTPS://login.example.com/token"'))) },
  { name: '3.1: no components', spec: `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n` },
  { name: '2.0: flow application', spec: oas2(scheme2(`flow: application, tokenUrl: "${TOKEN}"`)) },
  { name: '2.0: flow accessCode over https', spec: oas2(scheme2(`flow: accessCode, authorizationUrl: "${AUTH}", tokenUrl: "${TOKEN}"`)) },
  { name: '2.0: no securityDefinitions', spec: `swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n` },
];

/** Documents whose shape is wrong: the rule must neither throw nor invent findings. */
const oddShapes: RuleCase[] = [
  {
    name: '3.0: flows that is a list, a null flow, URLs that are not strings; a real one is still found',
    spec: oas3(
      '3.0',
      '    a: {type: oauth2, flows: [implicit]}\n    b: {type: oauth2, flows: {implicit: null, password: {tokenUrl: 5, scopes: {}}}}\n' +
        `    c: {type: oauth2, flows: {implicit: {authorizationUrl: "${AUTH}", scopes: {}}}}\n`,
    ),
    expected: [
      finding(password('b'), [...OAS3_SCHEMES, 'b', 'flows', 'password']),
      finding(implicit('c'), [...OAS3_SCHEMES, 'c', 'flows', 'implicit']),
    ],
  },
  {
    name: '2.0: flow that is a number, type that is null',
    spec: oas2('  a: {type: oauth2, flow: 7}\n  b: {type: null, flow: implicit}\n'),
    expected: [],
  },
  {
    name: '3.0: scheme named like an Object.prototype member',
    spec: oas3('3.0', `    constructor: {type: oauth2, flows: {password: {tokenUrl: "${TOKEN}", scopes: {}}}}\n`),
    expected: [finding(password('constructor'), [...OAS3_SCHEMES, 'constructor', 'flows', 'password'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: { 'api.raml': `${HEAD}${oauth('implicit')}` },
  expected: [
    {
      file: 'api.raml',
      line: 9,
      severity: 'error',
      message:
        'Security scheme "oauth_2_0" uses the OAuth 2.0 implicit flow, which RFC 9700 (OAuth 2.0 Security Best Current Practice) deprecates because it returns the access token in the redirect URL, where it leaks and cannot be sender-constrained: use the authorization code flow with PKCE.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  describe('allowedFlows option, set through a user ruleset', () => {
    it('allowedFlows: [password] accepts the password flow; implicit and http URLs are still reported', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedFlows: ['password'] });
      const spec = oas3(
        '3.0',
        flows3(flow3('password', 'tokenUrl: "http://login.example.com/token"') + flow3('implicit', `authorizationUrl: "${AUTH}"`)),
      );
      expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
        finding(plainHttp('oauth', 'tokenUrl', 'http://login.example.com/token'), at3('password', 'tokenUrl')),
        finding(implicit('oauth'), at3('implicit')),
      ]);
      expect(await findingsOf(CODE, oas2(scheme2(`flow: password, tokenUrl: "${TOKEN}"`)), { ruleset })).toEqual([]);
    });

    it('a flow that is not deprecated is a ruleset error, not a silent no-op', async () => {
      const ruleset = rulesetWithOptions(CODE, FUNCTION, { allowedFlows: ['authorizationCode'] });
      await expect(findingsOf(CODE, oas2(scheme2('flow: implicit')), { ruleset })).rejects.toThrow(/invalid ruleset: .*allowedFlows/);
    });
  });
});
