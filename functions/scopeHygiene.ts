import { distinctRequirements, schemeTypeOf } from '../src/auth-facts.js';
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
    },
  },
  (index, _options, messages) => {
    const required = new Map<string, Set<string>>();
    for (const requirement of distinctRequirements([...index.operations, ...index.outboundOperations])) {
      for (const entry of requirement.schemes) {
        const scopes = required.get(entry.name) ?? new Set<string>();
        for (const scope of entry.scopes) scopes.add(scope);
        required.set(entry.name, scopes);
      }
    }
    const results: RuleResult[] = [];
    for (const { name, scheme, scopes } of index.securitySchemes) {
      if (schemeTypeOf(scheme) !== 'oauth2') continue;
      // An unused scheme is a different finding than an unused scope: its scopes are left alone.
      const used = required.get(name);
      for (const scope of scopes) {
        if (typeof scope.description !== 'string' || scope.description.trim() === '')
          results.push({ message: messages.noDescription({ scope: scope.name, name }), path: scope.path });
        if (used !== undefined && !used.has(scope.name))
          results.push({ message: messages.unused({ scope: scope.name, name }), path: scope.path });
      }
    }
    return results;
  },
);
