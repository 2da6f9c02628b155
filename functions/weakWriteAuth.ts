import { CREDENTIAL_ENDPOINTS_OPTION, isCredentialEndpoint, weaknessOf } from '../src/rule-helpers/auth-facts.js';
import { ACTION_OPTIONS, changesData } from '../src/rule-helpers/operation-intent.js';
import type { ActionOptions } from '../src/rule-helpers/operation-intent.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends ActionOptions {
  credentialEndpoints: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-weak-write-auth',
    description: 'Write operations (POST, PUT, PATCH, DELETE) must accept a credential stronger than HTTP Basic or an API key in the URL.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API2:2023'],
    owasp2019: ['API2:2019'],
    cwe: ['CWE-522', 'CWE-1390'],
    controls: { nist80053: ['IA-2', 'IA-5'], soc2: ['CC6.1'], hipaa: ['164.312(d)'] },
    securitySeverity: 6.0,
    options: {
      ...ACTION_OPTIONS,
      credentialEndpoints: {
        ...CREDENTIAL_ENDPOINTS_OPTION,
        description: `${CREDENTIAL_ENDPOINTS_OPTION.description} Such an operation is not reported: requiring OAuth 2.0 to obtain the OAuth 2.0 token would be circular.`,
      },
    },
    messages: {
      weakOnly: ({ operation, schemes }) =>
        `${operation} changes data but accepts only weak credentials, ${schemes}: require OAuth 2.0, OpenID Connect, mutual TLS or short-lived bearer tokens for writes.`,
    },
  },
  (index, options, messages) => {
    const results: RuleResult[] = [];
    // Path operations only: a callback's requirement is how the API authenticates to the receiver.
    for (const op of index.operations) {
      const { security } = op;
      if (!changesData(op, options) || security.allowsAnonymous || isCredentialEndpoint(op, options.credentialEndpoints)) continue;
      // Weak when every alternative consists of weak schemes only; AND-ing a strong one makes it strong.
      const weaknesses = security.requirements.map(r => r.schemes.map(s => weaknessOf(s.scheme)));
      if (!weaknesses.every(list => list.length > 0 && list.every(w => w !== undefined))) continue;
      const schemes = [...new Set(weaknesses.flat())].join(' or ');
      const path = security.source === 'operation' && security.path !== null ? security.path : op.path;
      results.push({ message: messages.weakOnly({ operation: describeOperation(op), schemes }), path });
    }
    return results;
  },
);
