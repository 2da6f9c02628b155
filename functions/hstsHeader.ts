import { defineRule } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-hsts-header',
    description: 'Responses should document a Strict-Transport-Security header, so browsers never fall back to plain HTTP.',
    severity: { recommended: 'off', strict: 'info' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-319', 'CWE-523'],
    controls: { nist80053: ['SC-8'], soc2: ['CC6.7'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 3.0,
    options: {},
    messages: {
      missing: ({ count }) =>
        `No response of the ${count} operations documents a Strict-Transport-Security header: send "Strict-Transport-Security: max-age=31536000; includeSubDomains" on every response and document it, so a browser that once reached the API over HTTPS never downgrades to HTTP.`,
    },
  },
  (index, _options, messages) => {
    if (index.operations.length === 0) return [];
    const documented = index.operations.some(op =>
      op.responses.some(response => response.headers.some(h => h.name.toLowerCase() === 'strict-transport-security')),
    );
    // One finding for the document: the header is a server-wide setting, not an operation's.
    return documented ? [] : [{ message: messages.missing({ count: String(index.operations.length) }), path: ['paths'] }];
  },
);
