import { describe, expect, it } from 'vitest';
import { authSpec, op } from '../auth-specs.js';
import { findingOf, findingsOf, ruleDefinition, rulesetWithOptions, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-public-write';
const finding = findingOf(CODE);
const publicWrite = (operation: string, extension = 'x-specguard-public') =>
  `${operation} is marked ${extension} yet changes data without authentication: require a security requirement; only login, sign-up, token and similar endpoints should accept anonymous writes (add such a purpose to the rule's acceptedPurposes option if this is one).`;
const pub = (reason: string, extra = 'security: []') => op(`${extra}, x-specguard-public: '${reason}'`);

const invalid: RuleCase[] = [
  {
    name: '3.0: a public DELETE',
    spec: authSpec('3.0', { '/pets/{id}': { delete: pub('Kiosk clean-up') } }),
    expected: [finding(publicWrite('Operation DELETE /pets/{id}'), ['paths', '/pets/{id}', 'delete', 'x-specguard-public'])],
  },
  {
    name: '3.1: a public POST accepting anonymous callers through {} (no root security)',
    spec: authSpec('3.1', { '/comments': { post: pub('Anyone may comment', 'security: [{}]') } }),
    expected: [finding(publicWrite('Operation POST /comments'), ['paths', '/comments', 'post', 'x-specguard-public'])],
  },
  {
    name: '2.0: public PUT and PATCH, root security overridden',
    spec: authSpec('2.0', { '/settings': { put: pub('Legacy'), patch: pub('Legacy') } }, "security: [{oauth: ['pets:write']}]\n"),
    expected: [
      finding(publicWrite('Operation PUT /settings'), ['paths', '/settings', 'put', 'x-specguard-public']),
      finding(publicWrite('Operation PATCH /settings'), ['paths', '/settings', 'patch', 'x-specguard-public']),
    ],
  },
  {
    name: '3.0: "tokenize" is not "token" (whole words)',
    spec: authSpec('3.0', { '/cards/tokenize': { post: op("security: [], operationId: tokenizeCard, x-specguard-public: 'PCI vault'") } }),
    expected: [finding(publicWrite('Operation POST /cards/tokenize'), ['paths', '/cards/tokenize', 'post', 'x-specguard-public'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  { name: '3.0: POST /auth/login', spec: authSpec('3.0', { '/auth/login': { post: pub('Credentials are exchanged here') } }) },
  { name: '3.0: POST /oauth/token', spec: authSpec('3.0', { '/oauth/token': { post: pub('Token endpoint') } }) },
  {
    name: '3.1: operationId signUp',
    spec: authSpec('3.1', { '/accounts': { post: op("security: [], operationId: signUp, x-specguard-public: 'New customers'") } }),
  },
  {
    name: '2.0: the reason names the purpose',
    spec: authSpec('2.0', { '/users/password': { post: pub('Password reset request by email') } }),
  },
  { name: '3.0: a public GET', spec: authSpec('3.0', { '/pets': { get: pub('Catalogue') } }) },
  {
    name: '3.0: a secured write with a leftover mark',
    spec: authSpec('3.0', { '/pets': { post: pub('old', "security: [{oauth: ['pets:write']}]") } }),
  },
  {
    name: '3.0: an unmarked anonymous write (operation-security reports it)',
    spec: authSpec('3.0', { '/pets': { post: op('security: []') } }),
  },
  {
    name: '3.0: security inherited from the root',
    spec: authSpec('3.0', { '/pets': { post: op() } }, "security: [{oauth: ['pets:write']}]\n"),
  },
  {
    name: '3.0: a public callback (the API is the caller)',
    spec: authSpec('3.0', {
      '/pets': {
        get: op(
          `callbacks: {c: {'{$request.body#/u}': {post: {security: [], x-specguard-public: 'x', responses: {'200': {description: ok}}}}}}`,
        ),
      },
    }),
  },
];

const oddShapes: RuleCase[] = [
  {
    name: '3.0: a reason that is not a string, an operationId that is a number',
    spec: authSpec('3.0', {
      '/a': { post: op('security: [], x-specguard-public: 5, operationId: 7') },
      '/b': { post: op('security: [], x-specguard-public: [login]') },
    }),
    expected: [],
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
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
};

describe(CODE, () => {
  runRuleCases(CODE, { invalid, valid, oddShapes, raml: RAML });

  it('acceptedPurposes and publicExtension replace the defaults', async () => {
    const ruleset = rulesetWithOptions(CODE, ruleDefinition(CODE).functionName, {
      acceptedPurposes: ['contact form'],
      publicExtension: 'x-public',
    });
    const spec = authSpec('3.0', {
      '/contact-form': { post: op("security: [], x-public: 'Visitors write to us'") },
      '/login': { post: op("security: [], x-public: 'Sign in'") },
    });
    expect(await findingsOf(CODE, spec, { ruleset })).toEqual([
      finding(publicWrite('Operation POST /login', 'x-public'), ['paths', '/login', 'post', 'x-public']),
    ]);
  });
});
