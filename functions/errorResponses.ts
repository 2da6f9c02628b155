import { defineRule, describeOperation } from '../src/rule-kit.js';
import { errorResponses } from '../src/error-responses.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-error-responses',
    description: 'Every operation must declare at least one error response (4xx, 5xx or default), so errors are not returned as 200 OK.',
    severity: { recommended: 'off', strict: 'error' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-755'],
    controls: { nist80053: ['SI-11'], soc2: ['CC7.2'], hipaa: ['164.312(b)'] },
    securitySeverity: 4.0,
    options: {},
    messages: {
      none: ({ operation }) =>
        `${operation} declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.`,
    },
  },
  (index, _options, messages) =>
    index.operations
      .filter(op => errorResponses(op).length === 0)
      .map(op => ({
        message: messages.none({ operation: describeOperation(op) }),
        path: op.operation.responses === undefined ? op.path : [...op.path, 'responses'],
      })),
);
