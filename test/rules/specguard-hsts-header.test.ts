import { describe, expect, it } from 'vitest';
import { findingOf, findingsOf, firstRulesetWith, HEADERS, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { withHeaders } from './cors-docs.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-hsts-header';
const FUNCTION = ruleDefinition(CODE).functionName;
const finding = findingOf(CODE);
const browser = (evidence: string) =>
  `The API is called from browsers (${evidence}) but no response documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`;
const missing = (count: number) =>
  `No response of the ${count} operations documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`;
const VERSIONS = ['2.0', '3.0', '3.1'] as const;
const OP = "    get:\n      responses: {'200': {description: ok}}\n";
const cookieScheme = (v: (typeof VERSIONS)[number]) =>
  v === '2.0'
    ? `${HEADERS[v]}paths:\n  /me:\n${OP}securityDefinitions:\n  session: {type: apiKey, in: header, name: Cookie}\n`
    : `${HEADERS[v]}paths:\n  /me:\n${OP}components:\n  securitySchemes:\n    session: {type: apiKey, in: cookie, name: sid}\n`;

const invalid: RuleCase[] = VERSIONS.flatMap(v => [
  {
    name: `${v}: CORS headers say browsers call it; no response documents HSTS (a components header does not count)`,
    spec: withHeaders(
      v,
      { 'Access-Control-Allow-Origin': { schema: { type: 'string' } } },
      v === '2.0' ? '' : '  headers:\n    Strict-Transport-Security: {schema: {type: string}}\n',
    ),
    expected: [finding(browser('the 200 response of GET /x sends Access-Control-Allow-Origin'), ['paths'])],
  },
  {
    name: `${v}: a response sets a cookie`,
    spec: withHeaders(v, { 'Set-Cookie': { schema: { type: 'string' } } }),
    expected: [finding(browser('the 200 response of GET /x sends Set-Cookie'), ['paths'])],
  },
]).concat([
  ...(['2.0', '3.0'] as const).map(v => ({
    name: `${v}: a cookie security scheme`,
    spec: cookieScheme(v),
    expected: [finding(browser('security scheme "session" takes a cookie'), ['paths'])],
  })),
  {
    name: '3.1: a cookie parameter',
    spec: `${HEADERS['3.1']}paths:\n  /me:\n    get:\n      parameters: [{name: sid, in: cookie, schema: {type: string}}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(browser('GET /me takes the cookie "sid"'), ['paths'])],
  },
  {
    name: '2.0: a Cookie request header',
    spec: `${HEADERS['2.0']}paths:\n  /me:\n    get:\n      parameters: [{name: Cookie, in: header, type: string}]\n      responses: {'200': {description: ok}}\n`,
    expected: [finding(browser('GET /me takes the header "Cookie"'), ['paths'])],
  },
]);

const valid = [
  ...VERSIONS.map(v => ({
    name: `${v}: one response documents it, in any case`,
    spec: withHeaders(v, { 'strict-transport-security': { type: 'string' }, 'Set-Cookie': { type: 'string' } }),
  })),
  ...VERSIONS.map(v => ({
    name: `${v}: nothing says browsers call it (HSTS is honoured by browsers only)`,
    spec: withHeaders(v, { 'X-Other': { schema: { type: 'string' } } }),
  })),
  { name: '3.1: no operations', spec: `${HEADERS['3.1']}paths: {}\n` },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: parameters without names and an odd scheme',
    spec: `${HEADERS['3.0']}paths:\n  /me:\n    get:\n      parameters: [{in: cookie}, null]\n      responses: {'200': {description: ok}}\ncomponents:\n  securitySchemes:\n    odd: {type: apiKey}\n`,
    expected: [finding(browser('GET /me takes the cookie "undefined"'), ['paths'])],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
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
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('scope all asks every API with operations', async () => {
    const ruleset = rulesetWithOptions(CODE, FUNCTION, { scope: 'all' }, firstRulesetWith(CODE));
    expect(await findingsOf(CODE, withHeaders('3.1', { 'X-Other': { schema: { type: 'string' } } }), { ruleset })).toEqual([
      finding(missing(1), ['paths']),
    ]);
  });
});
