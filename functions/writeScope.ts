import { grantsScopes, requirementLocation } from '../src/rule-helpers/auth-facts.js';
import { nameHasPhrase, nameWords } from '../src/rule-helpers/naming.js';
import { ACTION_OPTIONS, changesData } from '../src/rule-helpers/operation-intent.js';
import type { ActionOptions } from '../src/rule-helpers/operation-intent.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends ActionOptions {
  readWords: string[];
  writeWords: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-write-scope',
    description: 'Write operations (POST, PUT, PATCH, DELETE) must not be callable with read-only OAuth 2.0 scopes alone.',
    // Info in recommended: see "Precision on real APIs" on the docs page.
    severity: { recommended: 'info', strict: 'error' },
    owasp: ['API5:2023', 'API1:2023'],
    owasp2019: ['API5:2019', 'API1:2019'],
    cwe: ['CWE-285', 'CWE-269'],
    controls: { nist80053: ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 6.5,
    options: {
      readWords: {
        type: 'array',
        items: { type: 'string' },
        default: ['read', 'readonly', 'read only', 'view', 'list', 'get', 'ro'],
        description:
          'Words (whole words of the scope name, any case style: `pets:read`, `read_pets`, `drive.readonly`) that make a scope read-only. The list replaces the default.',
      },
      writeWords: {
        type: 'array',
        items: { type: 'string' },
        default: ['write', 'admin', 'manage', 'create', 'update', 'delete', 'edit', 'modify', 'full', 'rw'],
        description:
          'Words that make a scope grant writing even when it also has a read word (`read_write`). The list replaces the default.',
      },
      ...ACTION_OPTIONS,
    },
    messages: {
      readOnly: ({ operation, scopes }) =>
        `${operation} writes, but a token with only the read-only scope(s) ${scopes} satisfies one of its requirements: require a scope that grants writing.`,
    },
  },
  (index, options, messages) => {
    const { readWords, writeWords } = options;
    const readOnly = (scope: string) => {
      const words = nameWords(scope);
      return readWords.some(w => nameHasPhrase(words, w)) && !writeWords.some(w => nameHasPhrase(words, w));
    };
    const results: RuleResult[] = [];
    // Path operations only: a callback's requirement is how the API authenticates to the receiver.
    for (const op of index.operations) {
      // `POST /payment-methods/search` reads (its criteria too long or too private for a URL), so a read scope fits it.
      if (!changesData(op, options) || op.security.allowsAnonymous) continue;
      for (const requirement of op.security.requirements) {
        const scoped = requirement.schemes.filter(entry => grantsScopes(entry.scheme));
        const scopes = scoped.flatMap(entry => entry.scopes);
        // Another kind of scheme AND'ed in (an API key, mutual TLS) is judged by other rules.
        if (scoped.length === 0 || scoped.length !== requirement.schemes.length || scopes.length === 0 || !scopes.every(readOnly)) continue;
        // Google's specs AND two schemes with the same scope: name each scope once.
        const list = [...new Set(scopes)].map(s => `"${s}"`).join(', ');
        results.push({
          message: messages.readOnly({ operation: describeOperation(op), scopes: list }),
          path: requirementLocation(op, requirement),
        });
      }
    }
    return results;
  },
);
