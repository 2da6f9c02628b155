import { PUBLIC_EXTENSION_OPTION, publicReasonOf } from '../src/rule-helpers/auth-facts.js';
import { phraseMatcher } from '../src/rule-helpers/naming.js';
import { isWriteOperation } from '../src/rule-helpers/operation-intent.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  publicExtension: string;
  acceptedPurposes: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-public-write',
    description:
      'An operation marked public that writes (POST, PUT, PATCH, DELETE) must be one whose purpose needs it: login, sign-up, token and similar endpoints.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API2:2023', 'API5:2023'],
    owasp2019: ['API2:2019', 'API5:2019'],
    cwe: ['CWE-306', 'CWE-862'],
    controls: { nist80053: ['AC-3', 'AC-14', 'IA-2'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)', '164.312(d)'] },
    securitySeverity: 8.0,
    options: {
      publicExtension: PUBLIC_EXTENSION_OPTION,
      acceptedPurposes: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'login',
          'log in',
          'logout',
          'log out',
          'sign in',
          'signin',
          'sign up',
          'signup',
          'register',
          'registration',
          'session',
          'sessions',
          'token',
          'tokens',
          'oauth',
          'password reset',
          'reset password',
          'forgot password',
          'verify',
          'verification',
          'webhook',
          'webhooks',
        ],
        description:
          "Purposes for which a public write is expected, matched as whole words (any case style) against the operation's path, its operationId and the reason given in the public extension. The list replaces the default.",
      },
    },
    messages: {
      publicWrite: ({ operation, extension }) =>
        `${operation} is marked ${extension} yet changes data without authentication: require a security requirement; only login, sign-up, token and similar endpoints should accept anonymous writes (add such a purpose to the rule's acceptedPurposes option if this is one).`,
    },
  },
  (index, { publicExtension, acceptedPurposes }, messages) => {
    const acceptedPurpose = phraseMatcher(acceptedPurposes);
    const results: RuleResult[] = [];
    // Path operations only: callbacks and webhooks are requests the API sends.
    for (const op of index.operations) {
      if (!isWriteOperation(op) || !op.security.allowsAnonymous) continue;
      // Only the mark makes a write public; unmarked anonymous operations are specguard-operation-security's finding.
      const marked = publicReasonOf(op, publicExtension, index.root);
      if (marked === undefined) continue;
      const operationId = typeof op.operation.operationId === 'string' ? op.operation.operationId : '';
      if ([op.pathKey, operationId, marked.reason].some(text => acceptedPurpose(text) !== undefined)) continue;
      results.push({ message: messages.publicWrite({ operation: describeOperation(op), extension: publicExtension }), path: marked.path });
    }
    return results;
  },
);
