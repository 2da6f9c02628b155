import { PUBLIC_EXTENSION_OPTION, publicReasonOf } from '../src/rule-helpers/auth-facts.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  publicExtension: string;
}

export default defineRule<Options>(
  {
    code: 'specguard-public-operation',
    description: 'Lists the operations marked public, with their reason, so reports keep them visible for review.',
    severity: { recommended: 'info', strict: 'info' },
    owasp: ['API2:2023', 'API9:2023'],
    owasp2019: ['API2:2019', 'API9:2019'],
    cwe: ['CWE-306'],
    controls: { nist80053: ['AC-14', 'CM-8'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 1.0,
    options: {
      publicExtension: PUBLIC_EXTENSION_OPTION,
    },
    messages: {
      isPublic: ({ operation, reason }) =>
        `${operation} is public (no authentication) because: "${reason}". Review that it returns and accepts nothing a stranger should not see or change.`,
    },
  },
  (index, { publicExtension }, messages) =>
    // Path operations only: callbacks and webhooks are requests the API sends.
    index.operations.flatMap(op => {
      const marked = publicReasonOf(op, publicExtension, index.root);
      // Marked but secured: not public, so nothing to list.
      if (marked === undefined || !op.security.allowsAnonymous) return [];
      return [{ message: messages.isPublic({ operation: describeOperation(op), reason: marked.reason }), path: marked.path }];
    }),
);
