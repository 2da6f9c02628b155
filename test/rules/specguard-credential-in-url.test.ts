import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-credential-in-url';
const finding = findingOf(CODE);
const credential = (parameter: string, where: string) =>
  `Parameter "${parameter}" puts a credential in the URL ${where}, where proxies, server logs, browser history and Referer headers keep it: send it in a header (Authorization) or the request body.`;
const q3 = (name: string, type = 'string') => `{name: ${name}, in: query, schema: {type: ${type}}}`;
const get = (params: string) => ({ get: op(`parameters: [${params}]`) });

const invalid: RuleCase[] = [
  {
    name: '3.0: access_token, apiKey and clientSecret in the query',
    spec: authSpec('3.0', { '/pets': get(`${q3('access_token')}, ${q3('apiKey')}, ${q3('clientSecret')}`) }),
    expected: [
      finding(credential('access_token', 'query'), ['paths', '/pets', 'get', 'parameters', '0']),
      finding(credential('apiKey', 'query'), ['paths', '/pets', 'get', 'parameters', '1']),
      finding(credential('clientSecret', 'query'), ['paths', '/pets', 'get', 'parameters', '2']),
    ],
  },
  {
    name: '3.1: a token in the path, JSESSIONID in the query, whatever the schemes say',
    spec: authSpec('3.1', {
      '/reset/{token}': {
        post: op("security: [{oauth: ['pets:write']}], parameters: [{name: token, in: path, required: true, schema: {type: string}}]"),
      },
      '/legacy': get(q3('JSESSIONID')),
    }),
    expected: [
      finding(credential('token', 'path'), ['paths', '/reset/{token}', 'post', 'parameters', '0']),
      finding(credential('JSESSIONID', 'query'), ['paths', '/legacy', 'get', 'parameters', '0']),
    ],
  },
  {
    name: '2.0: a password query parameter, declared once at the path level',
    spec: authSpec('2.0', { '/login': { parameters: '[{name: password, in: query, type: string}]', get: op(), post: op() } }),
    expected: [finding(credential('password', 'query'), ['paths', '/login', 'parameters', '0'])],
  },
  {
    name: '3.0: a callback that sends a token in its query',
    spec: authSpec('3.0', {
      '/subscriptions': {
        post: op(
          `callbacks: {onEvent: {'{$request.body#/url}': {post: {parameters: [${q3('sid')}], responses: {'200': {description: ok}}}}}}`,
        ),
      },
    }),
    expected: [
      finding(credential('sid', 'query'), [
        'paths',
        '/subscriptions',
        'post',
        'callbacks',
        'onEvent',
        '{$request.body#/url}',
        'post',
        'parameters',
        '0',
      ]),
    ],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: pagination tokens',
    spec: authSpec('3.0', { '/pets': get(`${q3('pageToken')}, ${q3('next_token')}, ${q3('continuationToken')}`) }),
  },
  {
    name: '3.0: words inside other words',
    spec: authSpec('3.0', { '/pets': get(`${q3('tokenize')}, ${q3('passwordless')}, ${q3('secretary')}`) }),
  },
  {
    name: '3.0: names about a credential rather than the credential (GitHub: secret_name, secret_type, exclude_secret_types)',
    spec: authSpec('3.0', {
      '/secrets/{secret_name}': get(
        `{name: secret_name, in: path, required: true, schema: {type: string}}, ${q3('secret_type')}, ${q3('exclude_secret_types')}, ${q3('token_type')}`,
      ),
    }),
  },
  { name: '3.0: a boolean flag', spec: authSpec('3.0', { '/users': get(q3('has_password', 'boolean')) }) },
  {
    name: '3.1: headers and cookies',
    spec: authSpec('3.1', {
      '/pets': get('{name: X-Api-Key, in: header, schema: {type: string}}, {name: session, in: cookie, schema: {type: string}}'),
    }),
  },
  {
    name: '3.0: /sessions/{sessionId} names a session by its id',
    spec: authSpec('3.0', {
      '/sessions/{sessionId}': get('{name: sessionId, in: path, required: true, schema: {type: string, format: uuid}}'),
    }),
  },
  {
    name: '2.0: a body property called password',
    spec: authSpec('2.0', {
      '/users': { post: op('parameters: [{name: body, in: body, schema: {type: object, properties: {password: {type: string}}}}]') },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: parameters without a name, with a numeric name, with in that is a list',
    spec: authSpec('3.0', { '/pets': get('{in: query}, {name: 5, in: query}, {name: token, in: [query]}, null') }),
    expected: [],
  },
];

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes });

  it('names and ignoredNames replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, { names: ['otp', 'token'], ignoredNames: ['magic token'] });
    const spec = authSpec('3.0', { '/pets': get(`${q3('otp')}, ${q3('magicToken')}, ${q3('password')}, ${q3('pageToken')}`) });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(credential('otp', 'query'), ['paths', '/pets', 'get', 'parameters', '0']),
      finding(credential('pageToken', 'query'), ['paths', '/pets', 'get', 'parameters', '3']),
    ]);
  });
});
