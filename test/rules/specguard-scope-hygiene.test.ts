import { describe } from 'vitest';
import { authSpec, op, scopePath } from '../auth-specs.js';
import { findingOf, runRuleCases } from '../helpers.js';
import type { RuleCase } from '../helpers.js';

const CODE = 'specguard-scope-hygiene';
const finding = findingOf(CODE);
const noDescription = (scope: string, name: string) =>
  `Scope "${scope}" of security scheme "${name}" has no description: say what it grants, since users see it on consent screens and reviewers judge least privilege by it.`;
const unused = (scope: string, name: string) =>
  `Scope "${scope}" of security scheme "${name}" is declared but no operation requires it: remove it, or require it where it applies, so tokens are not issued with privileges nothing checks.`;

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
];

const valid: Array<Omit<RuleCase, 'expected'>> = [
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

describe(CODE, () => {
  runRuleCases(CODE, {
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
