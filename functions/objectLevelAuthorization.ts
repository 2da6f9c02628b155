import { isObject } from '../src/document-index/index.js';
import { IDENTIFIER_OPTIONS, objectIdentifiers } from '../src/object-identifiers.js';
import type { IdentifierOptions } from '../src/object-identifiers.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

/** Statuses that show the API refuses an object the caller may not access. */
const DENIAL = new Set(['403', '404', '4XX', '4xx']);

export default defineRule<IdentifierOptions>(
  {
    code: 'specguard-object-level-authorization',
    description:
      'Operations that address one object by a path parameter must declare a 403 or 404 response for objects the caller may not access.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API1:2023'],
    owasp2019: ['API1:2019'],
    cwe: ['CWE-639', 'CWE-285'],
    controls: { nist80053: ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)', '164.308(a)(4)'] },
    securitySeverity: 6.0,
    options: IDENTIFIER_OPTIONS,
    messages: {
      noDenial: ({ operation, parameter }) =>
        `${operation} addresses one object by path parameter "${parameter}" but declares neither 403 nor 404: check that the caller may access that object and document the response it gets when not.`,
    },
  },
  (index, options, messages) => {
    const results: RuleResult[] = [];
    // Path operations only: a callback's URL is a runtime expression, not an object the API serves.
    for (const op of index.operations) {
      // A CORS preflight carries no credentials and returns no object.
      if (op.method === 'options') continue;
      const [first] = objectIdentifiers(op, options);
      if (first === undefined || op.responses.some(r => DENIAL.has(r.status))) continue;
      results.push({
        message: messages.noDenial({ operation: describeOperation(op), parameter: first.name }),
        path: isObject(op.operation.responses) ? [...op.path, 'responses'] : op.path,
      });
    }
    return results;
  },
);
