import { distinctRequirements, schemeTypeOf } from '../src/rule-helpers/auth-facts.js';
import type { DocumentIndex, ScopeEntry } from '../src/document-index/index.js';
import { isObject } from '../src/document-index/json.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-scope-hygiene',
    description: 'Declared OAuth 2.0 scopes should say what they grant and be required by some operation.',
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API5:2023'],
    owasp2019: ['API5:2019'],
    cwe: ['CWE-1059'],
    controls: { nist80053: ['AC-6', 'PL-2'], soc2: ['CC6.3'], hipaa: ['164.308(a)(4)'] },
    securitySeverity: 2.0,
    options: {},
    messages: {
      noDescription: ({ scope, name }) =>
        `Scope "${scope}" of security scheme "${name}" has no description: say what it grants, since users see it on consent screens and reviewers judge least privilege by it.`,
      unused: ({ scope, name }) =>
        `Scope "${scope}" of security scheme "${name}" is declared but no operation requires it: remove it, or require it where it applies, so tokens are not issued with privileges nothing checks.`,
      unusedMany: ({ scopes, name }) =>
        `Scopes ${scopes} of security scheme "${name}" are declared but no operation requires them: remove them, or require each where it applies, so tokens are not issued with privileges nothing checks.`,
    },
  },
  (index, _options, messages) => {
    const required = requiredScopes(index);
    const results: RuleResult[] = [];
    for (const { name, scheme, scopes, path } of index.securitySchemes) {
      if (schemeTypeOf(scheme) !== 'oauth2') continue;
      for (const scope of scopes) {
        if (typeof scope.description !== 'string' || scope.description.trim() === '')
          results.push({ message: messages.noDescription({ scope: scope.name, name }), path: scope.path });
      }
      const unused = unusedScopes(scopes, required.get(name));
      if (unused.length === 1) results.push({ message: messages.unused({ scope: unused[0].name, name }), path: unused[0].path });
      if (unused.length > 1) results.push({ message: messages.unusedMany({ scopes: listed(unused), name }), path });
    }
    return results;
  },
);

/**
 * The scopes each scheme's requirements name, callbacks and webhooks included, and those an
 * operation requires through `x-atlassian-oauth2-scopes` (Jira's granular scopes).
 */
function requiredScopes(index: DocumentIndex): Map<string, Set<string>> {
  const required = new Map<string, Set<string>>();
  const add = (scheme: string, scopes: readonly unknown[]) => {
    const set = required.get(scheme) ?? new Set<string>();
    for (const scope of scopes) if (typeof scope === 'string') set.add(scope);
    required.set(scheme, set);
  };
  const operations = [...index.operations, ...index.outboundOperations];
  for (const requirement of distinctRequirements(operations)) for (const entry of requirement.schemes) add(entry.name, entry.scopes);
  for (const op of operations) {
    const granular = op.operation['x-atlassian-oauth2-scopes'];
    for (const entry of Array.isArray(granular) ? granular : []) {
      if (isObject(entry) && typeof entry.scheme === 'string' && Array.isArray(entry.scopes)) add(entry.scheme, entry.scopes);
    }
  }
  return required;
}

/**
 * The declared scopes no operation requires, each once (several flows may declare one). None
 * when the scheme is used by no operation, or used only without scopes (specguard-scope-required's
 * finding: every scope is unused as a consequence), or when it is a long list of which this API
 * uses little: the catalogue of an authorization server several APIs share, whose other scopes
 * other APIs check. Identity and token-lifecycle scopes (`openid`, `offline_access`, `.default`) gate
 * what the authorization server issues, not an operation, so they are never unused.
 */
function unusedScopes(scopes: readonly ScopeEntry[], used: ReadonlySet<string> | undefined): ScopeEntry[] {
  if (used === undefined || used.size === 0) return [];
  const seen = new Set<string>();
  const unused = scopes.filter(scope => {
    if (seen.has(scope.name) || used.has(scope.name) || isIdentityScope(scope.name)) return false;
    seen.add(scope.name);
    return true;
  });
  const declared = new Set(scopes.map(scope => scope.name)).size;
  return isSharedCatalogue(declared, declared - unused.length) ? [] : unused;
}

/** Ten or more scopes, less than a quarter of them used here (Xero's 40 scopes in its bank feeds API, which needs one). */
function isSharedCatalogue(declared: number, used: number): boolean {
  return declared >= 10 && used * 4 < declared;
}

const IDENTITY_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'profile',
  'email',
  'address',
  'phone',
  'offline',
  'offline_access',
  'offline.access',
]);

/** OpenID Connect's identity scopes, refresh-token scopes, and Microsoft's `<resource>/.default`. */
function isIdentityScope(scope: string): boolean {
  return IDENTITY_SCOPES.has(scope.toLowerCase()) || scope.endsWith('.default');
}

const LISTED = 5;

/** `"a", "b", "c"` or `"a", "b", "c", "d", "e" and 34 more`. */
function listed(scopes: readonly ScopeEntry[]): string {
  const names = scopes.slice(0, LISTED).map(scope => `"${scope.name}"`);
  const more = scopes.length - LISTED;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}
