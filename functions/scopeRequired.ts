import { grantsScopes } from '../src/auth-facts.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-scope-required',
    description: 'Operations secured by OAuth 2.0 or OpenID Connect must require at least one scope.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API1:2023', 'API5:2023'],
    owasp2019: ['API1:2019', 'API5:2019'],
    cwe: ['CWE-285', 'CWE-863'],
    controls: { nist80053: ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 6.0,
    options: {},
    messages: {
      operationNoScope: ({ operation, name }) =>
        `${operation} accepts any token of "${name}" because its requirement names no scope: require the scope that grants this operation, so a token issued for something else cannot call it.`,
      rootNoScope: ({ name }) =>
        `The root "security" requirement for "${name}" names no scope, so every operation that inherits it accepts any token: require a scope, or give operations their own scoped requirements.`,
    },
  },
  (index, _options, messages) => {
    const results: RuleResult[] = [];
    let rootReported = false;
    // Path operations only: a callback's or webhook's requirement is how the API authenticates to the receiver.
    for (const op of index.operations) {
      const fromRoot = op.security.source === 'root';
      if (fromRoot && rootReported) continue;
      for (const requirement of op.security.requirements) {
        for (const entry of requirement.schemes) {
          if (!grantsScopes(entry.scheme) || entry.scopes.length > 0) continue;
          const message = fromRoot
            ? messages.rootNoScope({ name: entry.name })
            : messages.operationNoScope({ operation: describeOperation(op), name: entry.name });
          results.push({ message, path: entry.path });
        }
      }
      if (fromRoot) rootReported = true;
    }
    return results;
  },
);
