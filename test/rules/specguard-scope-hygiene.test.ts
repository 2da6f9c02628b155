import { describe } from 'vitest';
import { authSpec, op, scopePath } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';
import { HEAD, oauth, OAUTH_RW, READ } from '../raml/cases.js';
import type { RamlCase } from '../raml/cases.js';

const CODE = 'specguard-scope-hygiene';
const finding = findingOf(CODE);
const noDescription = (scope: string, name: string) =>
  `Scope "${scope}" of security scheme "${name}" has no description: say what it grants, since users see it on consent screens and reviewers judge least privilege by it.`;
const unused = (scope: string, name: string) =>
  `Scope "${scope}" of security scheme "${name}" is declared but no operation requires it: remove it, or require it where it applies, so tokens are not issued with privileges nothing checks.`;

const unusedMany = (scopes: string, name: string) =>
  `Scopes ${scopes} of security scheme "${name}" are declared but no operation requires them: remove them, or require each where it applies, so tokens are not issued with privileges nothing checks.`;
/** An OAuth scheme declaring `names`, each described. */
const described = (names: string[]) => schemes3(`{${names.map(n => `'${n}': grants ${n}`).join(', ')}}`);
const schemes3 = (scopes: string) =>
  `components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: 'https://a.example.com/token', scopes: ${scopes}}}}\n`;
const at3 = (scope: string) => ['components', 'securitySchemes', 'oauth', 'flows', 'clientCredentials', 'scopes', scope];

const invalid: RuleCase[] = [
  {
    name: '3.0: a scope no operation requires',
    spec: authSpec('3.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } }),
    expected: [finding(unused('pets:write', 'oauth'), scopePath('3.0', 'pets:write'))],
  },
  {
    name: '3.1: scopes with an empty and a missing description',
    spec: authSpec('3.1', { '/pets': { get: op() } }, "security: [{oauth: ['a', 'b']}]\n", schemes3("{a: '', b: null}")),
    expected: [finding(noDescription('a', 'oauth'), at3('a')), finding(noDescription('b', 'oauth'), at3('b'))],
  },
  {
    name: '2.0: a scope only the root would need but every operation overrides',
    spec: authSpec('2.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } }, "security: [{oauth: ['pets:write']}]\n"),
    expected: [finding(unused('pets:write', 'oauth'), scopePath('2.0', 'pets:write'))],
  },
  {
    name: '3.0: several unused scopes of one scheme: one finding, at the scheme, naming them',
    spec: authSpec('3.0', { '/pets': { get: op('security: [{oauth: [a, b, c]}]') } }, '', described(['a', 'b', 'c', 'd', 'e', 'openid'])),
    expected: [finding(unusedMany('"d", "e"', 'oauth'), ['components', 'securitySchemes', 'oauth'])],
  },
  {
    name: '3.1: a long list of unused scopes names five and counts the rest',
    spec: authSpec(
      '3.1',
      { '/pets': { get: op(`security: [{oauth: [${'abcdefgh'.split('').join(', ')}]}]`) } },
      '',
      described('abcdefghijklmnop'.split('')),
    ),
    expected: [finding(unusedMany('"i", "j", "k", "l", "m" and 3 more', 'oauth'), ['components', 'securitySchemes', 'oauth'])],
  },
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
  {
    name: '3.0: identity and token-lifecycle scopes (openid, profile, email, offline_access, .default) are never unused',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } },
      '',
      described([
        'pets:read',
        'openid',
        'profile',
        'email',
        'offline_access',
        'offline.access',
        'https://example.onmicrosoft.com/api/.default',
      ]),
    ),
  },
  {
    name: '3.1: a scheme used only without scopes: scope-required reports the requirement, its scopes are not each unused',
    spec: authSpec('3.1', { '/pets': { get: op() } }, 'security: [{oauth: []}]\n', described(['read', 'write', 'all'])),
  },
  {
    name: '3.0: the catalogue of a shared authorization server, of which this API uses little',
    spec: authSpec(
      '3.0',
      { '/feeds': { get: op("security: [{oauth: ['bankfeeds']}]") } },
      '',
      described([
        'bankfeeds',
        'accounting.transactions',
        'accounting.contacts',
        'payroll.employees',
        'payroll.payruns',
        'payroll.superfunds',
        'files',
        'assets',
        'projects',
        'paymentservices',
      ]),
    ),
  },
  {
    name: "3.0: scopes required through Jira's x-atlassian-oauth2-scopes",
    spec: authSpec(
      '3.0',
      {
        '/screens/{id}/tabs': {
          put: op(
            "security: [{oauth: ['write:jira-work']}], 'x-atlassian-oauth2-scopes': [{scheme: oauth, scopes: ['write:screen-tab:jira', 'read:screen-tab:jira'], state: Beta}]",
          ),
        },
      },
      '',
      described(['write:jira-work', 'write:screen-tab:jira', 'read:screen-tab:jira']),
    ),
  },
  {
    name: '3.0: every scope used, one through the root, one through an override',
    spec: authSpec(
      '3.0',
      { '/pets': { get: op(), post: op("security: [{oauth: ['pets:write']}]") } },
      "security: [{oauth: ['pets:read']}]\n",
    ),
  },
  {
    name: '2.0: per-operation overrides use every scope',
    spec: authSpec('2.0', { '/pets': { get: op("security: [{oauth: ['pets:read']}]"), post: op("security: [{oauth: ['pets:write']}]") } }),
  },
  {
    name: '3.1: a scope only a webhook requires',
    spec: `${authSpec('3.1', { '/pets': { get: op("security: [{oauth: ['pets:read']}]") } })}webhooks:\n  newPet:\n    post: ${op("security: [{oauth: ['pets:write']}]")}\n`,
  },
  {
    name: '3.0: a scheme no operation uses (its scopes are left alone)',
    spec: authSpec('3.0', { '/pets': { get: op('security: [{key: []}]') } }),
  },
];

/** The same concern written in RAML (test/raml/cases.ts runs it). */
const RAML: RamlCase = {
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
};

describe(CODE, () => {
  runRuleCases(CODE, {
    raml: RAML,
    invalid,
    valid,
    oddShapes: [
      {
        name: '3.0: scopes that are a list, a flow that is null',
        spec: authSpec(
          '3.0',
          { '/pets': { get: op('security: [{oauth: [a]}]') } },
          '',
          'components:\n  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: {scopes: [a]}, implicit: null}}\n',
        ),
        expected: [],
      },
    ],
  });
});
