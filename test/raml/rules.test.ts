import { describe, expect, it } from 'vitest';
import { lintRaml } from './helpers.js';
import type { Placed } from './helpers.js';

/*
 * Every bundled rule through RAML: an invalid case with its exact finding (code, message, RAML
 * file and line) and a silent case. The rule logic is tested on OpenAPI in test/rules; these
 * prove the RAML mapping feeds it and places the finding.
 */

const HEAD = '#%RAML 1.0\ntitle: T\n';
const OAUTH = `securitySchemes:
  oauth_2_0:
    type: OAuth 2.0
    settings:
      authorizationUri: https://auth.example.com/authorize
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [authorization_code]
      scopes: [read]
`;
const HINT = ', or mark it x-specguard-public: "<why it is public>"';
const MAX_LENGTH_HINT = 'add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.';

interface Case {
  rule: string;
  invalid: Record<string, string>;
  expected: Array<Omit<Placed, 'code'>>;
  silent: Record<string, string>;
}

const CASES: Case[] = [
  {
    rule: 'specguard-server-https',
    invalid: { 'api.raml': `${HEAD}baseUri: http://api.example.com/{version}\nversion: v1\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        message: 'Server URL "http://api.example.com/v1" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
      },
    ],
    silent: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
  },
  {
    rule: 'specguard-no-http-basic',
    invalid: {
      'api.raml': `${HEAD}uses:\n  sec: security.raml\nsecuredBy: [sec.basic]\n`,
      'security.raml': '#%RAML 1.0 Library\nsecuritySchemes:\n  basic:\n    type: Basic Authentication\n',
    },
    expected: [
      {
        file: 'security.raml',
        line: 4,
        message:
          'Security scheme "sec.basic" uses HTTP Basic authentication, which sends a reusable password with every request: use OAuth 2.0, OpenID Connect or short-lived bearer tokens.',
      },
    ],
    silent: { 'api.raml': `${HEAD}${OAUTH}` },
  },
  {
    rule: 'specguard-no-api-key-in-url',
    invalid: {
      'api.raml': `${HEAD}securitySchemes:\n  key:\n    type: Pass Through\n    describedBy:\n      queryParameters:\n        api_key: string\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        message:
          'Security scheme "key" sends the API key in the query string, where proxies, server logs, browser history and Referer headers keep it: send it in a header.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}securitySchemes:\n  key:\n    type: Pass Through\n    describedBy:\n      headers:\n        X-Api-Key: string\n`,
    },
  },
  {
    rule: 'specguard-operation-security',
    invalid: { 'api.raml': `${HEAD}${OAUTH}/things:\n  securedBy: [oauth_2_0]\n  get:\n  /{id}:\n    get:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 15,
        message: `Operation GET /things/{id} has no security requirement and no root default applies: add a "security" requirement${HINT}.`,
      },
    ],
    silent: {
      'api.raml': `${HEAD}${OAUTH}securedBy: [oauth_2_0]\n/things:\n  get:\n  /{id}:\n    get:\n      securedBy: [oauth_2_0: {scopes: [read]}]\n`,
    },
  },
  {
    rule: 'specguard-string-max-length',
    invalid: {
      'api.raml': `${HEAD}traits:\n  searchable:\n    queryParameters:\n      q: string\n/things:\n  get:\n    is: [searchable]\n`,
    },
    expected: [{ file: 'api.raml', line: 6, message: `Parameter "q" is a string without maxLength: ${MAX_LENGTH_HINT}` }],
    silent: {
      'api.raml': `${HEAD}traits:\n  searchable:\n    queryParameters:\n      q: {type: string, maxLength: 100}\n/things:\n  get:\n    is: [searchable]\n`,
    },
  },
];

describe.each(CASES)('$rule through RAML', ({ rule, invalid, expected, silent }) => {
  it('flags the invalid case at the RAML file and line', async () => {
    expect((await lintRaml(invalid)).filter(f => f.code === rule)).toEqual(expected.map(e => ({ code: rule, ...e })));
  });
  it('is silent on the fixed case', async () => {
    expect((await lintRaml(silent)).filter(f => f.code === rule)).toEqual([]);
  });
});
