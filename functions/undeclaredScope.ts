import { distinctRequirements, grantsScopes, schemeTypeOf } from '../src/rule-helpers/auth-facts.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-undeclared-scope',
    description:
      'Security requirements must only name scopes their OAuth 2.0 scheme declares, and (before OpenAPI 3.1) no scopes for schemes that have none.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API1:2023', 'API5:2023'],
    owasp2019: ['API1:2019', 'API5:2019'],
    cwe: ['CWE-285'],
    controls: { nist80053: ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 5.0,
    options: {},
    messages: {
      undeclared: ({ scope, name }) =>
        `Scope "${scope}" is not declared by security scheme "${name}": declare it in the scheme's scopes (with a description) or fix the name, since a token can never carry a scope the authorization server does not issue.`,
      scopesOnScopeless: ({ name, type, version }) =>
        `Security scheme "${name}" is of type ${type}, which has no scopes in OpenAPI ${version}, yet this requirement lists some: leave the list empty and enforce roles another way (OpenAPI 3.1 allows role names here).`,
    },
  },
  (index, _options, messages) => {
    const results: RuleResult[] = [];
    // Callbacks and webhooks too: a misspelt scope is wrong wherever it is written.
    for (const requirement of distinctRequirements([...index.operations, ...index.outboundOperations])) {
      for (const entry of requirement.schemes) {
        const declared = entry.scheme;
        if (declared === undefined) continue;
        const type = schemeTypeOf(declared.scheme);
        if (type === 'oauth2') {
          const names = new Set(declared.scopes.map(s => s.name));
          const written = Array.isArray(requirement.requirement[entry.name]) ? (requirement.requirement[entry.name] as unknown[]) : [];
          written.forEach((scope, i) => {
            if (typeof scope === 'string' && !names.has(scope))
              results.push({ message: messages.undeclared({ scope, name: entry.name }), path: [...entry.path, i] });
          });
        } else if (!grantsScopes(declared) && index.version !== '3.1' && index.version !== null && entry.scopes.length > 0) {
          // OpenID Connect scopes live in the provider's discovery document; OAS 3.1 lets other types list roles.
          const version = index.version;
          results.push({
            message: messages.scopesOnScopeless({ name: entry.name, type: String(declared.scheme.type), version }),
            path: entry.path,
          });
        }
      }
    }
    return results;
  },
);
