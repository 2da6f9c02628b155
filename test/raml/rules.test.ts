import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintOne } from '../../src/engine/lint.js';
import { rulesetSeverity } from '../../src/severity.js';
import type { RulesetSeverity } from '../../src/severity.js';
import { RULE_CODES } from '../helpers.js';
import { SOURCE_RULESETS } from '../source-ruleset.js';
import { RULES as RULE_DEFINITIONS } from '../../src/rules/registry.js';
import { FAKE } from '../rules/example-values-docs.js';
import { writeRaml } from './helpers.js';
import type { Placed } from './helpers.js';

/*
 * Every bundled rule whose concern exists in RAML, through RAML: an invalid case with its exact
 * findings (message, RAML file and line, severity) and a silent case. The rule logic is tested on
 * OpenAPI in test/rules; these prove the RAML mapping feeds each rule and places its finding.
 * Linted with the strict ruleset, which turns every rule on; severities are strict's.
 */

const HEAD = '#%RAML 1.0\ntitle: T\n';
const oauth = (grants = 'authorization_code', scopes = '[read, write]') => `securitySchemes:
  oauth_2_0:
    type: OAuth 2.0
    settings:
      authorizationUri: https://auth.example.com/authorize
      accessTokenUri: https://auth.example.com/token
      authorizationGrants: [${grants}]
      scopes: ${scopes}
`;
const OAUTH = oauth('authorization_code', '[read]');
const OAUTH_RW = oauth();
const READ = 'securedBy: [oauth_2_0: {scopes: [read]}]';
const WRITE = 'securedBy: [oauth_2_0: {scopes: [write]}]';
/** RAML users are told the RAML form: the (specguard-public) annotation, securedBy. */
const HINT = ', or mark it (specguard-public): "<why it is public>"';
const REVOKE_HINT =
  'replace it with an obvious placeholder such as <token>, and revoke it if it was ever real; published API descriptions are copied and indexed.';
const MAX_LENGTH_HINT = 'add maxLength (or an enum or a fully anchored, bounded pattern) so oversized input is rejected at the edge.';

interface Expected extends Omit<Placed, 'code'> {
  severity: RulesetSeverity;
}

interface Case {
  rule: string;
  invalid: Record<string, string>;
  expected: Expected[];
  silent: Record<string, string>;
}

/** Rules whose concern RAML cannot express, with why: said by each rule's definition. */
const NOT_IN_RAML: Record<string, string> = Object.fromEntries(
  RULE_DEFINITIONS.filter(rule => rule.notInRaml !== undefined).map(rule => [rule.code, rule.notInRaml as string]),
);

const CASES: Case[] = [
  {
    rule: 'specguard-server-https',
    invalid: { 'api.raml': `${HEAD}baseUri: http://api.example.com/{version}\nversion: v1\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        severity: 'error',
        message: 'baseUri "http://api.example.com/v1" uses plain HTTP: use https:// so credentials and data are encrypted in transit.',
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
        severity: 'error',
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
        severity: 'error',
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
        severity: 'error',
        message: `Operation GET /things/{id} has no security requirement and no root default applies: add a securedBy requirement${HINT}.`,
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
    expected: [
      { file: 'api.raml', line: 6, severity: 'error', message: `Parameter "q" is a string without maxLength: ${MAX_LENGTH_HINT}` },
    ],
    silent: {
      'api.raml': `${HEAD}traits:\n  searchable:\n    queryParameters:\n      q: {type: string, maxLength: 100}\n/things:\n  get:\n    is: [searchable]\n`,
    },
  },
  {
    rule: 'specguard-admin-authorization',
    invalid: { 'api.raml': `${HEAD}${OAUTH_RW}${READ}\n/pets:\n  get:\n/admin/users:\n  delete:\n` },
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
      'api.raml': `${HEAD}${oauth('authorization_code', '[read, admin]')}${READ}\n/pets:\n  get:\n/admin/users:\n  delete:\n    securedBy: [oauth_2_0: {scopes: [admin]}]\n`,
    },
  },
  {
    rule: 'specguard-array-max-items',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      ids: string[]\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Parameter "ids" is an array without maxItems: add maxItems so one request cannot carry an unbounded number of items to parse, store and process.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      ids: {type: array, items: string, maxItems: 50}\n` },
  },
  {
    rule: 'specguard-cors-credentials-wildcard',
    invalid: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin: {enum: ['*']}\n          Access-Control-Allow-Credentials: {enum: ['true']}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        severity: 'error',
        message:
          'The 200 response of Operation GET /things documents Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true: browsers refuse the pair, and servers "fixed" to echo the request\'s Origin instead let any site read signed-in users\' data. Allow credentials only for a list of trusted origins.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin: {enum: ['https://app.example.com']}\n          Access-Control-Allow-Credentials: {enum: ['true']}\n`,
    },
  },
  {
    rule: 'specguard-cors-wildcard-origin',
    invalid: {
      'api.raml': `${HEAD}baseUri: https://reports.corp.internal\n/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin:\n            example: '*'\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 9,
        severity: 'warn',
        message:
          "The 200 response of Operation GET /things documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.",
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Access-Control-Allow-Origin:\n            example: https://app.example.com\n`,
    },
  },
  {
    rule: 'specguard-credential-in-url',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      access_token: string\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Parameter "access_token" puts a credential in the URL query, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things:\n  get:\n    headers:\n      Authorization: string\n` },
  },
  {
    rule: 'specguard-deprecation-metadata',
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
  },
  {
    rule: 'specguard-error-internals',
    invalid: {
      'api.raml': `${HEAD}types:\n  Error: !include error.raml\n/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json: Error\n`,
      'error.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  message: string\n  stackTrace: string\n',
    },
    expected: [
      {
        file: 'error.raml',
        line: 5,
        severity: 'error',
        message:
          'Property "stackTrace" of an error response looks like internal detail ("stack"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}types:\n  Error: !include error.raml\n/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json: Error\n`,
      'error.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  message: string\n  correlationId: string\n',
    },
  },
  {
    rule: 'specguard-error-response-coverage',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      500:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 5,
        severity: 'warn',
        message:
          'Operation GET /things has no body schema for 500: document each with a body schema (a default response documents every code it does not list) so clients can handle the failure.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: string\n    responses:\n      200:\n      400:\n        body:\n          application/json: object\n      429:\n        body:\n          application/json: object\n      500:\n        body:\n          application/json: object\n`,
    },
  },
  {
    rule: 'specguard-error-responses',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 5,
        severity: 'error',
        message:
          'Operation GET /things declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      500:\n` },
  },
  {
    rule: 'specguard-error-schema',
    invalid: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      500:\n        body:\n          application/json:\n            properties:\n              message: string\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        severity: 'warn',
        message: `The API's error bodies carry no correlation id (error responses without one or a correlation header: 1, such as those using the body schema of the 500 response of Operation GET /things): add a property such as "correlation id" or "request id" or "trace id" or "span id" or "instance", or one of the response headers X-Correlation-ID, X-Request-ID, traceparent, so a failure can be traced in the logs without exposing internals.`,
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      500:\n        body:\n          application/problem+json:\n            properties:\n              type: string\n              title: string\n              status: integer\n              correlationId: string\n`,
    },
  },
  {
    rule: 'specguard-field-formats',
    invalid: {
      // The user is also returned, so its password is asked to be marked writeOnly.
      'api.raml': `${HEAD}types:\n  User:\n    additionalProperties: false\n    properties:\n      email: {type: string, maxLength: 254}\n      password: {type: string, maxLength: 64}\n      phone: {type: string, maxLength: 20}\n/users:\n  post:\n    body:\n      application/json: User\n    responses:\n      201:\n        body:\n          application/json: User\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 7,
        severity: 'error',
        message:
          'Property "email" is an email address without format: email (or a pattern): add it so malformed and oversized addresses are rejected at the edge.',
      },
      {
        file: 'api.raml',
        line: 8,
        severity: 'error',
        message:
          'Property "password" is a password in a request without a minLength of at least 8 and format: password or (writeOnly): true: add it so weak and oversized passwords are rejected, and the value is marked never to be returned.',
      },
      {
        file: 'api.raml',
        line: 9,
        severity: 'error',
        message:
          'Property "phone" is a phone number without a digits pattern and a maxLength of at most 15 (it allows 20): add it so only digits of a real number\'s length are accepted.',
      },
    ],
    silent: {
      // RAML has no writeOnly facet: a (writeOnly) annotation sets it.
      'api.raml': `${HEAD}annotationTypes:\n  writeOnly: nil\ntypes:\n  User:\n    additionalProperties: false\n    properties:\n      email: {type: string, maxLength: 254, pattern: '^[^@]+@[^@]+$'}\n      password: {type: string, minLength: 12, maxLength: 64, (writeOnly):}\n      phone: {type: string, maxLength: 16, pattern: '^\\+[0-9]{6,15}$'}\n/users:\n  post:\n    body:\n      application/json: User\n    responses:\n      201:\n        body:\n          application/json: User\n`,
    },
  },
  {
    rule: 'specguard-hsts-header',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Set-Cookie: string\n` },
    expected: [
      {
        file: 'api.raml',
        line: 1,
        severity: 'info',
        message:
          'The API is called from browsers (the 200 response of GET /things sends Set-Cookie) but no response documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          Strict-Transport-Security: {example: max-age=31536000}\n`,
    },
  },
  {
    rule: 'specguard-info-version',
    invalid: { 'api.raml': `${HEAD}version: latest\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        severity: 'warn',
        message:
          'version "latest" names no version: give the version this description is (a semantic version such as 2.1.0, or the major version or date the API goes by), so clients, changelogs and the API inventory can tell which version is deployed where.',
      },
    ],
    silent: { 'api.raml': `${HEAD}version: 1.2.0\n` },
  },
  {
    rule: 'specguard-integer-format',
    invalid: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, minimum: 1, maximum: 10000000000}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'warn',
        message:
          'Parameter "limit" is an integer without format int32 or int64: declare its size so servers and generated clients agree on where it overflows.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n`,
    },
  },
  {
    rule: 'specguard-legacy-http-scheme',
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
  },
  {
    rule: 'specguard-no-secrets-in-responses',
    invalid: {
      'api.raml': `${HEAD}types:\n  User: !include user.raml\n/users:\n  get:\n    responses:\n      200:\n        body:\n          application/json: User\n`,
      'user.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  name: string\n  password: string\n',
    },
    expected: [
      {
        file: 'user.raml',
        line: 5,
        severity: 'error',
        message:
          'Property "password" looks like a password or secret and is returned in responses: remove it from the response schema; a client never needs to read it back.',
      },
    ],
    silent: {
      // RAML has no writeOnly facet: a (writeOnly) annotation sets it.
      'api.raml': `${HEAD}annotationTypes:\n  writeOnly: nil\ntypes:\n  User: !include user.raml\n/users:\n  post:\n    body:\n      application/json: User\n  get:\n    responses:\n      200:\n        body:\n          application/json: User\n`,
      'user.raml': '#%RAML 1.0 DataType\ntype: object\nproperties:\n  name: string\n  password:\n    type: string\n    (writeOnly):\n',
    },
  },
  {
    rule: 'specguard-number-range',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32}\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Parameter "limit" is an integer without a minimum and a maximum: add a minimum and a maximum so out-of-range values (negative quantities, huge page sizes, overflowing amounts) are rejected at the edge.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n`,
    },
  },
  {
    rule: 'specguard-oauth-flows',
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
  },
  {
    rule: 'specguard-object-level-authorization',
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
  },
  {
    rule: 'specguard-page-size',
    invalid: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1}\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string}\n/others:\n  get:\n    responses:\n      200:\n        body:\n          application/json: string[]\n`,
    },
    // The unbounded limit on /things is specguard-number-range's finding (see its case above).
    expected: [
      {
        file: 'api.raml',
        line: 16,
        severity: 'warn',
        message:
          'Operation GET /others returns a list with no bounded page size: add a page-size query parameter (such as limit) with a maximum, or maxItems on this array, so one request cannot pull the whole collection.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      limit: {type: integer, format: int32, minimum: 1, maximum: 100}\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string}\n/others:\n  get:\n    responses:\n      200:\n        body:\n          application/json: {type: array, items: string, maxItems: 50}\n`,
    },
  },
  {
    rule: 'specguard-pattern-anchors',
    invalid: {
      'api.raml': `${HEAD}types:\n  Sku:\n    type: string\n    maxLength: 12\n    pattern: '^[A-Z]{3}|[0-9]{6}$'\n/things:\n  get:\n    queryParameters:\n      sku: Sku\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 7,
        severity: 'error',
        message:
          'Parameter "sku" has a pattern that does not restrict the whole value (its alternatives are anchored one end each (`^a|b$` reads as `(^a)|(b$)`)): a value that merely contains a match passes, so write it as ^(?:...)$.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}types:\n  Sku:\n    type: string\n    maxLength: 12\n    pattern: '^(?:[A-Z]{3}|[0-9]{6})$'\n/things:\n  get:\n    queryParameters:\n      sku: Sku\n`,
    },
  },
  {
    rule: 'specguard-pattern-redos',
    invalid: {
      'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          slug: {type: string, maxLength: 50, pattern: '^([a-z0-9]+-?)*$'}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 9,
        severity: 'error',
        message:
          'Property "slug" has a pattern with exponential backtracking: a crafted value can keep a validating server busy for seconds (ReDoS). Rewrite it so no two repetitions can match the same text, and bound the value with maxLength.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          slug: {type: string, maxLength: 50, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$'}\n`,
    },
  },
  {
    rule: 'specguard-pattern-syntax',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 9, pattern: '^[a-z'}\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Parameter "q" has a pattern that is not a valid ECMA-262 regular expression with the u flag (Unterminated character class): fix it, or validators will reject every value, skip the check, or fail.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 9, pattern: '^[a-z]+$'}\n` },
  },
  {
    rule: 'specguard-public-operation',
    invalid: {
      'api.raml': `${HEAD}annotationTypes:\n  specguard-public: string\n/status:\n  get:\n    (specguard-public): health check for the load balancer\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 7,
        severity: 'info',
        message:
          'Operation GET /status is public (no authentication) because: "health check for the load balancer". Review that it returns and accepts nothing a stranger should not see or change.',
      },
    ],
    silent: { 'api.raml': `${HEAD}${OAUTH_RW}/status:\n  get:\n    ${READ}\n` },
  },
  {
    rule: 'specguard-public-write',
    invalid: {
      'api.raml': `${HEAD}annotationTypes:\n  specguard-public: string\n/things:\n  post:\n    (specguard-public): anyone may add things\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 7,
        severity: 'error',
        message:
          "Operation POST /things is marked (specguard-public) yet changes data without authentication: require a security requirement; only login, sign-up, token and similar endpoints should accept anonymous writes (add such a purpose to the rule's acceptedPurposes option if this is one).",
      },
    ],
    silent: {
      'api.raml': `${HEAD}annotationTypes:\n  specguard-public: string\n/login:\n  post:\n    (specguard-public): users sign in here\n`,
    },
  },
  {
    rule: 'specguard-rate-limit-headers',
    invalid: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n      429:\n        headers:\n          Retry-After: integer\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'info',
        message:
          'The 200 response of Operation GET /things has no rate-limit headers: declare RateLimit/RateLimit-Policy (or X-RateLimit-Limit, -Remaining, -Reset) so clients can pace themselves before they hit 429.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n        headers:\n          x-ratelimit-remaining: integer\n`,
    },
  },
  {
    rule: 'specguard-rate-limit-response',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    responses:\n      200:\n  post:\n    responses:\n      201:\n      429:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 5,
        severity: 'error',
        message:
          'Operation GET /things declares no 429 response: rate-limit it and document the 429 (with Retry-After) so abusive clients are throttled and honest ones know how to back off.',
      },
      {
        file: 'api.raml',
        line: 10,
        severity: 'error',
        message:
          'The 429 response of Operation POST /things has no Retry-After header: add it so clients know when to retry instead of retrying at once.',
      },
    ],
    silent: {
      // A trait is RAML's way to give every operation the same 429.
      'api.raml': `${HEAD}traits:\n  throttled:\n    responses:\n      429:\n        headers:\n          Retry-After: integer\n/things:\n  is: [throttled]\n  get:\n    responses:\n      200:\n  post:\n    responses:\n      201:\n`,
    },
  },
  {
    rule: 'specguard-request-additional-properties',
    invalid: {
      'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        properties:\n          name: {type: string, maxLength: 50}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Request body is an object that accepts undeclared properties: set additionalProperties: false or maxProperties, so clients cannot slip in fields the server binds without meaning to.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n`,
    },
  },
  {
    rule: 'specguard-request-depth',
    invalid: {
      'api.raml': `${HEAD}types:\n  Node:\n    properties:\n      name: string\n      children: Node[]\n/trees:\n  post:\n    body:\n      application/json: Node\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 4,
        severity: 'warn',
        message:
          'Schema "Node" contains itself, so a request can nest it without limit: enforce a depth limit in the parser and document it in (max-depth), or unroll the recursion to a fixed depth, so deeply nested input cannot exhaust the stack or CPU.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}annotationTypes:\n  max-depth: integer\ntypes:\n  Node:\n    (max-depth): 10\n    properties:\n      name: string\n      children: Node[]\n/trees:\n  post:\n    body:\n      application/json: Node\n`,
    },
  },
  {
    rule: 'specguard-request-privileged-properties',
    invalid: {
      'api.raml': `${HEAD}/users:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n          isAdmin: boolean\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 10,
        severity: 'error',
        message:
          'Property "isAdmin" is accepted in a request body, but it grants privileges: mark it (readOnly) (or remove it from the request schema) so a client cannot set it by mass assignment.',
      },
    ],
    silent: {
      // RAML has no readOnly facet: a (readOnly) annotation sets it.
      'api.raml': `${HEAD}annotationTypes:\n  readOnly: boolean\n/users:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          name: {type: string, maxLength: 50}\n          isAdmin: {type: boolean, (readOnly): true}\n`,
    },
  },
  {
    rule: 'specguard-request-schema',
    invalid: {
      'api.raml': `${HEAD}/notes:\n  post:\n    body:\n      application/json:\n  put:\n    body:\n      application/json: {description: The note.}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Request body of Operation POST /notes (application/json) has no schema, so anything a client sends is passed on unvalidated: declare a schema (type, properties, bounds) so the edge can reject malformed input.',
      },
      {
        file: 'api.raml',
        line: 9,
        severity: 'error',
        message:
          'Request body accepts any value (its schema declares no type or constraint): declare a type and its bounds so the edge can reject malformed input.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/notes:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          text: {type: string, maxLength: 1000}\n`,
    },
  },
  {
    rule: 'specguard-scope-hygiene',
    invalid: { 'api.raml': `${HEAD}${OAUTH_RW}${READ}\n/things:\n  get:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 10,
        severity: 'warn',
        message:
          'Scope "read" of security scheme "oauth_2_0" has no description: say what it grants, since users see it on consent screens and reviewers judge least privilege by it.',
      },
      {
        file: 'api.raml',
        line: 10,
        severity: 'warn',
        message:
          'Scope "write" of security scheme "oauth_2_0" has no description: say what it grants, since users see it on consent screens and reviewers judge least privilege by it.',
      },
      {
        file: 'api.raml',
        line: 10,
        severity: 'warn',
        message:
          'Scope "write" of security scheme "oauth_2_0" is declared but no operation requires it: remove it, or require it where it applies, so tokens are not issued with privileges nothing checks.',
      },
    ],
    // RAML scopes are bare names with no place for a description, so only an API without
    // declared scopes is silent (see the RAML section of the README).
    silent: { 'api.raml': `${HEAD}${oauth('client_credentials', '[]')}securedBy: [oauth_2_0]\n/things:\n  get:\n` },
  },
  {
    rule: 'specguard-scope-required',
    invalid: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  get:\n    securedBy: [oauth_2_0]\n` },
    expected: [
      {
        file: 'api.raml',
        line: 13,
        severity: 'error',
        message:
          'Operation GET /things accepts any token of "oauth_2_0" because its requirement names no scope: require the scope that grants this operation, so a token issued for something else cannot call it.',
      },
    ],
    silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  get:\n    ${READ}\n` },
  },
  {
    rule: 'specguard-secrets-in-examples',
    invalid: {
      'api.raml': `${HEAD}/keys:\n  get:\n    headers:\n      Authorization:\n        type: string\n        example: token ${FAKE.githubToken}\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              id: string\n            examples:\n              live:\n                id: ${FAKE.awsKeyId}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        severity: 'error',
        message: `The example of Parameter "Authorization" holds what looks like a GitHub token ("ghp_…", 40 characters): ${REVOKE_HINT}`,
      },
      {
        file: 'api.raml',
        line: 17,
        severity: 'error',
        message: `The example of Response 200 body (application/json) holds what looks like an AWS access key ID ("AKIA…", 20 characters): ${REVOKE_HINT}`,
      },
    ],
    silent: {
      'api.raml': `${HEAD}/keys:\n  get:\n    headers:\n      Authorization:\n        type: string\n        example: token <token>\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              id: string\n            examples:\n              live:\n                id: AKIAXXXXXXXXXXXXXXXX\n`,
    },
  },
  {
    rule: 'specguard-sensitive-data-in-examples',
    // An !include'd JSON file is the example's text; the rule reads the value it shows.
    invalid: {
      'api.raml': `${HEAD}/login:\n  post:\n    body:\n      application/json:\n        properties:\n          user: string\n          password: string\n        example: !include login.json\n/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              ssn: {type: string, example: '123-45-6780'}\n`,
      'login.json': '{"user": "ann", "password": "hunter2"}\n',
    },
    expected: [
      {
        file: 'api.raml',
        line: 10,
        severity: 'error',
        message:
          'The example of Request body gives "password" a literal value (7 characters): use a placeholder such as <password>; a published password is tried first by attackers, and one that was ever real must be changed.',
      },
      {
        file: 'api.raml',
        line: 18,
        severity: 'error',
        message:
          'The example of Property "ssn" holds what looks like a real US Social Security number: use an impossible one such as 000-12-3456, or a placeholder.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/login:\n  post:\n    body:\n      application/json:\n        properties:\n          user: string\n          password: string\n        example: !include login.json\n/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              ssn: {type: string, example: '000-12-3456'}\n`,
      'login.json': '{"user": "ann", "password": "<password>"}\n',
    },
  },
  {
    rule: 'specguard-sensitive-data-in-responses',
    invalid: {
      'api.raml': `${HEAD}/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              name: string\n              ssn: string\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 11,
        severity: 'error',
        message:
          'Property "ssn" looks like national id data and is returned in responses: leave it out, mask it, or say why it is returned with (specguard-classification): "<reason>".',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/people:\n  get:\n    responses:\n      200:\n        body:\n          application/json:\n            properties:\n              name: string\n`,
    },
  },
  {
    rule: 'specguard-sensitive-data-in-url',
    invalid: { 'api.raml': `${HEAD}/people:\n  get:\n    queryParameters:\n      ssn: {type: string, maxLength: 11}\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Parameter "ssn" of Operation GET /people looks like national id data sent in the query string, which proxies, server logs and browser history keep: send it in the request body or a header.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/people:\n  get:\n    queryParameters:\n      city: {type: string, maxLength: 100}\n` },
  },
  {
    rule: 'specguard-sensitive-flow-rate-limit',
    invalid: { 'api.raml': `${HEAD}/auth/password-reset:\n  post:\n    responses:\n      202:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 5,
        severity: 'error',
        message:
          'Operation POST /auth/password-reset is a sensitive flow ("password" in its path) with no 429 response: rate-limit it and document the 429 so credential stuffing, OTP guessing, fake signups and checkout automation are throttled.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/auth/password-reset:\n  post:\n    responses:\n      202:\n      429:\n        headers:\n          Retry-After: integer\n`,
    },
  },
  {
    rule: 'specguard-sequential-id',
    invalid: { 'api.raml': `${HEAD}/things/{id}:\n  uriParameters:\n    id: integer\n  get:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 5,
        severity: 'warn',
        message:
          'Path parameter "id" identifies an object by an integer, which callers can count through to find other objects: use a UUID (a string with a UUID pattern) or another unguessable identifier, and check access to every object.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things/{id}:\n  uriParameters:\n    id: {type: string, pattern: '^[0-9a-f-]{36}$'}\n  get:\n` },
  },
  {
    rule: 'specguard-server-description',
    invalid: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        severity: 'warn',
        message:
          'baseUri "https://api.example.com" has no description: say which environment it is (production, staging, sandbox...), so nobody points a client or a test at production by mistake.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/things:\n  get:\n` },
  },
  {
    rule: 'specguard-server-internal-host',
    invalid: { 'api.raml': `${HEAD}baseUri: https://10.20.0.15:8443/api\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        severity: 'error',
        message:
          'baseUri "https://10.20.0.15:8443/api" points at the internal host 10.20.0.15: remove it from the published description, or describe it as a non-production server (for example "Local development"); internal addresses map your network for attackers and send clients to the wrong place.',
      },
    ],
    silent: { 'api.raml': `${HEAD}baseUri: https://api.example.com\n` },
  },
  {
    rule: 'specguard-string-content',
    invalid: { 'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      sort: {type: string, maxLength: 50}\n` },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'warn',
        message:
          'Parameter "sort" is a string that accepts any characters: add a pattern or an enum (RAML strings have no format facet), so injection payloads and control characters are rejected at the edge.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}/things:\n  get:\n    queryParameters:\n      q: {type: string, maxLength: 50, pattern: '^[a-z ]*$'}\n      sort: {enum: [name, date]}\n      after: datetime-only\n`,
    },
  },
  {
    rule: 'specguard-sunset-passed',
    invalid: {
      'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n  sunset: string\n/things:\n  get:\n    (deprecated): true\n    (sunset): '2020-01-01'\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        severity: 'error',
        message:
          'Operation GET /things reached its sunset date (2020-01-01) and is still in the description: remove it (and switch it off), or move the date if the retirement was postponed.',
      },
    ],
    silent: {
      'api.raml': `${HEAD}annotationTypes:\n  deprecated: boolean\n  sunset: string\n/things:\n  get:\n    (deprecated): true\n    (sunset): '2099-01-01'\n`,
    },
  },
  {
    rule: 'specguard-undeclared-scope',
    invalid: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  delete:\n    securedBy: [oauth_2_0: {scopes: [admin]}]\n` },
    expected: [
      {
        file: 'api.raml',
        line: 13,
        severity: 'error',
        message:
          'Scope "admin" is not declared by security scheme "oauth_2_0": declare it in the scheme\'s scopes (with a description) or fix the name, since a token can never carry a scope the authorization server does not issue.',
      },
    ],
    silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  delete:\n    ${WRITE}\n` },
  },
  {
    rule: 'specguard-upload-size',
    invalid: {
      'api.raml': `${HEAD}/files:\n  put:\n    body:\n      application/octet-stream:\n  post:\n    body:\n      multipart/form-data:\n        properties:\n          file: file\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 6,
        severity: 'error',
        message:
          'Request body (application/octet-stream) of Operation PUT /files is an upload without a declared size limit: declare (max-size) (such as "10MB") on the media type, or give it a schema with maxLength, and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.',
      },
      {
        file: 'api.raml',
        line: 11,
        severity: 'error',
        message:
          'Property "file" is an upload without a declared size limit: add maxLength (in bytes) or (max-size) (such as "10MB") and enforce it at the edge, so one request cannot exhaust memory, disk or processing time.',
      },
    ],
    silent: {
      // RAML's file type bounds its size with maxLength; a (max-size) annotation sets x-max-size
      // (on the media type when the body has no type).
      'api.raml': `${HEAD}annotationTypes:\n  max-size: string\n/files:\n  put:\n    body:\n      application/octet-stream: {type: file, maxLength: 10485760}\n  patch:\n    body:\n      image/png:\n        (max-size): 10MB\n  post:\n    body:\n      multipart/form-data:\n        properties:\n          file: {type: file, (max-size): 10MB}\n`,
    },
  },
  {
    rule: 'specguard-url-input',
    invalid: {
      'api.raml': `${HEAD}/hooks:\n  post:\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          callbackUrl: {type: string, maxLength: 2000}\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 9,
        severity: 'error',
        message:
          'Property "callbackUrl" takes a URL the server may fetch or redirect to, and nothing pins its scheme and host: add an enum, or an anchored pattern naming the allowed hosts (such as ^https://cdn\\.example\\.com/), or document the server\'s allowlist in (specguard-url-allowlist), so clients cannot point the API at internal services (SSRF).',
      },
    ],
    silent: {
      'api.raml': `${HEAD}annotationTypes:\n  specguard-url-allowlist: string\n/hooks:\n  post:\n    queryParameters:\n      redirect: {type: string, maxLength: 2000, (specguard-url-allowlist): hosts registered per client}\n    body:\n      application/json:\n        additionalProperties: false\n        properties:\n          callbackUrl: {type: string, maxLength: 2000, pattern: '^https://hooks\\.example\\.com/'}\n`,
    },
  },
  {
    rule: 'specguard-versioning-strategy',
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
  },
  {
    rule: 'specguard-versions-side-by-side',
    invalid: { 'api.raml': `${HEAD}/v1/things:\n  get:\n/v2/things:\n  get:\n` },
    expected: [
      {
        file: 'api.raml',
        line: 3,
        severity: 'warn',
        message:
          'Path /v1/things is one of several major versions of the same resource (v1, v2; also /v2/things): retire the old version, or mark it deprecated with a sunset date, and describe each major version in its own document.',
      },
    ],
    silent: { 'api.raml': `${HEAD}/v2/things:\n  get:\n` },
  },
  {
    rule: 'specguard-weak-write-auth',
    invalid: {
      'api.raml': `${HEAD}securitySchemes:\n  basic:\n    type: Basic Authentication\n/things:\n  post:\n    securedBy: [basic]\n`,
    },
    expected: [
      {
        file: 'api.raml',
        line: 8,
        severity: 'error',
        message:
          'Operation POST /things changes data but accepts only weak credentials, HTTP Basic ("basic"): require OAuth 2.0, OpenID Connect, mutual TLS or short-lived bearer tokens for writes.',
      },
    ],
    silent: { 'api.raml': `${HEAD}${OAUTH_RW}/things:\n  post:\n    ${WRITE}\n` },
  },
  {
    rule: 'specguard-write-scope',
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
  },
];

/** Writes the files, lints the root with every rule on and keeps the findings of `rule`. */
async function findingsOf(rule: string, files: Record<string, string>): Promise<Expected[]> {
  const root = writeRaml(files);
  const dir = path.dirname(root);
  return (await lintOne(root, { ruleset: SOURCE_RULESETS.strict }))
    .filter(f => f.code === rule)
    .map(f => ({
      file: path.relative(dir, f.source ?? ''),
      line: f.range.start.line + 1,
      severity: rulesetSeverity(f.severity),
      message: f.message,
    }));
}

describe.each(CASES)('$rule through RAML', ({ rule, invalid, expected, silent }) => {
  it('flags the invalid case at the RAML file and line', async () => {
    expect(await findingsOf(rule, invalid)).toEqual(expected);
  });
  it('is silent on the fixed case', async () => {
    expect(await findingsOf(rule, silent)).toEqual([]);
  });
});

it('every bundled rule has RAML cases, or a reason RAML cannot express its concern', () => {
  const covered = new Set([...CASES.map(c => c.rule), ...Object.keys(NOT_IN_RAML)]);
  expect(RULE_CODES.filter(code => !covered.has(code))).toEqual([]);
  expect(CASES.map(c => c.rule).filter((rule, i, all) => all.indexOf(rule) !== i)).toEqual([]);
});
