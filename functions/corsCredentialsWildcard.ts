import { wildcardOrigins } from '../src/rule-helpers/cors.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-cors-credentials-wildcard',
    description: 'A response must not combine `Access-Control-Allow-Origin: *` with `Access-Control-Allow-Credentials: true`.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-942', 'CWE-346'],
    controls: { nist80053: ['AC-4', 'SC-7'], soc2: ['CC6.6'], hipaa: ['164.312(e)(1)'] },
    securitySeverity: 7.0,
    options: {},
    messages: {
      credentials: ({ status, operation }) =>
        `The ${status} response of ${operation} documents Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true: browsers refuse the pair, and servers "fixed" to echo the request's Origin instead let any site read signed-in users' data. Allow credentials only for a list of trusted origins.`,
    },
  },
  (index, _options, messages) =>
    wildcardOrigins(index)
      .filter(found => found.withCredentials)
      .map(({ operation, response, header }) => ({
        message: messages.credentials({ status: response.status, operation: describeOperation(operation) }),
        path: header.path,
      })),
);
