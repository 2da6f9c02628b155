import { describe, expect, it } from 'vitest';
import {
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
import { authSpec, op } from '../auth-specs.js';
import { HEAD, OAUTH_RW } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-legacy-http-scheme';
const finding = findingOf(CODE);
const FIX = 'use OAuth 2.0, OpenID Connect or short-lived bearer tokens.';
const legacy = (name: string, title: string, why: string) => `Security scheme "${name}" uses HTTP ${title} authentication, ${why}: ${FIX}`;
const DIGEST = 'which rests on a shared password the server keeps in password-equivalent form, mostly with MD5';
const at = (name: string) => [...OAS3_SCHEMES, name, 'scheme'];

const invalid: RuleCase[] = [
  {
    name: '3.0: Digest, Negotiate and NTLM',
    spec: oas3('3.0', '    d: {type: http, scheme: digest}\n    n: {type: http, scheme: Negotiate}\n    m: {type: http, scheme: NTLM}\n'),
    expected: [
      finding(legacy('d', 'Digest', DIGEST), at('d')),
      finding(legacy('n', 'Negotiate (SPNEGO)', 'which falls back to NTLM and ties the API to a Windows domain'), at('n')),
      finding(legacy('m', 'NTLM', 'whose challenge-response can be relayed and cracked offline'), at('m')),
    ],
  },
  {
    name: '3.1: OAuth 1.0 (scheme: OAuth)',
    spec: oas3('3.1', '    legacy: {type: http, scheme: OAuth}\n'),
    expected: [
      finding(legacy('legacy', 'OAuth 1.0', 'an obsolete protocol with long-lived token secrets, replaced by OAuth 2.0'), at('legacy')),
    ],
  },
  {
    name: '3.0: OAuth 1.0 on a token endpoint and on ordinary operations; a Negotiate scheme that also offers NTLM',
    spec: authSpec(
      '3.0',
      { '/v2/token': { post: op('security: [{signed: []}]') }, '/v2/devices': { get: op('security: [{signed: []}]') } },
      '',
      'components:\n  securitySchemes:\n    signed: {type: http, scheme: OAuth}\n    spnego: {type: http, scheme: negotiate, description: Kerberos or NTLM}\n',
    ),
    expected: [
      finding(legacy('signed', 'OAuth 1.0', 'an obsolete protocol with long-lived token secrets, replaced by OAuth 2.0'), at('signed')),
      finding(legacy('spnego', 'Negotiate (SPNEGO)', 'which falls back to NTLM and ties the API to a Windows domain'), at('spnego')),
    ],
  },
  {
    name: "3.0: a $ref'd scheme is reported at its definition",
    spec: oas3('3.0', "    d: {$ref: '#/components/x-defs/d'}\n", '  x-defs:\n    d: {type: http, scheme: digest}\n'),
    expected: [finding(legacy('d', 'Digest', DIGEST), ['components', 'x-defs', 'd', 'scheme'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  { name: '3.0: bearer', spec: oas3('3.0', '    b: {type: http, scheme: bearer, bearerFormat: JWT}\n') },
  { name: '3.0: Basic (specguard-no-http-basic reports it)', spec: oas3('3.0', '    b: {type: http, scheme: basic}\n') },
  {
    name: '3.1: mutualTLS and OAuth 2.0',
    spec: oas3(
      '3.1',
      '    m: {type: mutualTLS}\n    o: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://a.example.com/t", scopes: {}}}}\n',
    ),
  },
  { name: '3.0: scheme digest on an apiKey', spec: oas3('3.0', '    k: {type: apiKey, in: header, name: X-Key, scheme: digest}\n') },
  { name: '2.0: basic (2.0 has no other http schemes)', spec: oas2('  b: {type: basic}\n') },
  {
    name: '3.0: OAuth 1.0 signatures only on the request for a token',
    spec: authSpec(
      '3.0',
      { '/v2/token': { post: op('security: [{signedRequest: []}]') }, '/v2/devices': { get: op() } },
      'security: [{jwt: []}]\n',
      'components:\n  securitySchemes:\n    signedRequest: {type: http, scheme: OAuth}\n    jwt: {type: http, scheme: bearer, bearerFormat: JWT}\n',
    ),
  },
  {
    name: '3.1: Negotiate named or described as Kerberos',
    spec: oas3(
      '3.1',
      '    Kerberos: {type: http, scheme: negotiate}\n    sso: {type: http, scheme: negotiate, description: MIT Kerberos tickets}\n',
    ),
  },
];

const oddShapes: RuleCase[] = [
  { name: '3.0: a scheme that is a number', spec: oas3('3.0', '    d: {type: http, scheme: 5}\n    e: {type: http}\n'), expected: [] },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
  invalid: {
    'api.raml': `${HEAD}securitySchemes:\n  digest:\n    type: Digest Authentication\n  oauth_1_0:\n    type: OAuth 1.0\n    settings:\n      requestTokenUri: https://a.example.com/request\n      authorizationUri: https://a.example.com/authorize\n      tokenCredentialsUri: https://a.example.com/token\n`,
  },
  expected: [
    {
      file: 'api.raml',
      line: 5,
      severity: 'error',
      message:
        'Security scheme "digest" uses HTTP Digest authentication, which rests on a shared password the server keeps in password-equivalent form, mostly with MD5: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.',
    },
    {
      file: 'api.raml',
      line: 7,
      severity: 'error',
      message:
        'Security scheme "oauth_1_0" uses HTTP OAuth 1.0 authentication, an obsolete protocol with long-lived token secrets, replaced by OAuth 2.0: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.',
    },
  ],
  silent: { 'api.raml': `${HEAD}${OAUTH_RW}` },
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('schemes replaces the default list', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { schemes: ['hoba'] });
    const spec = oas3('3.0', '    d: {type: http, scheme: digest}\n    h: {type: http, scheme: HOBA}\n');
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([finding(legacy('h', 'HOBA', 'which this API does not accept'), at('h'))]);
  });
});
