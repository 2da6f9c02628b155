import { wildcardOrigins } from '../src/cors.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-cors-wildcard-origin',
    description:
      'Responses should not allow every origin (`Access-Control-Allow-Origin: *`) unless the API is public data meant for any web page.',
    severity: { recommended: 'warn', strict: 'warn' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-942'],
    controls: { nist80053: ['AC-4', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 4.0,
    options: {},
    messages: {
      wildcard: ({ status, operation }) =>
        `The ${status} response of ${operation} documents Access-Control-Allow-Origin: *, so any web page can read it from a visitor's browser: list the allowed origins (and send Vary: Origin), or keep * only for public, unauthenticated data.`,
    },
  },
  (index, _options, messages) =>
    wildcardOrigins(index)
      .filter(found => !found.withCredentials) // specguard-cors-credentials-wildcard reports those, as errors
      .map(({ operation, response, header }) => ({
        message: messages.wildcard({ status: response.status, operation: describeOperation(operation) }),
        path: header.path,
      })),
);
