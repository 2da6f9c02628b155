import { defineRule, describeOperation } from '../src/rule-kit.js';
import { isHabit } from '../src/rule-helpers/habit.js';
import { errorResponses } from '../src/rule-helpers/error-responses.js';
import { shortName, someOf } from '../src/rule-helpers/rate-limit.js';

export default defineRule<Record<string, never>>(
  {
    code: 'specguard-error-responses',
    description: 'Every operation must declare at least one error response (4xx, 5xx or default), so errors are not returned as 200 OK.',
    severity: { recommended: 'info', strict: 'error' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-755'],
    controls: { nist80053: ['SI-11'], soc2: ['CC7.2'], hipaa: ['164.312(b)'] },
    securitySeverity: 4.0,
    options: {},
    messages: {
      none: ({ operation }) =>
        `${operation} declares no error response: document its 4xx and 5xx responses (or default) with an error body, so clients and gateways can tell failure from success.`,
      mostWithout: ({ count, total, some }) =>
        `${count} of the ${total} operations declare no error response (${some}): document the API's errors once, as shared responses (components.responses; responses in OAS 2.0) with an error body, such as 4XX and 5XX or default, and reference them from every operation, so clients and gateways can tell failure from success.`,
    },
  },
  (index, _options, messages) => {
    const gaps = index.operations.filter(op => errorResponses(op).length === 0);
    // No error response on most operations is one gap of the API's design, said once.
    if (isHabit(gaps.length, index.operations.length))
      return [
        {
          message: messages.mostWithout({
            count: String(gaps.length),
            total: String(index.operations.length),
            some: someOf(gaps.map(shortName)),
          }),
          path: ['paths'],
        },
      ];
    return gaps.map(op => ({
      message: messages.none({ operation: describeOperation(op) }),
      path: op.operation.responses === undefined ? op.path : [...op.path, 'responses'],
    }));
  },
);
