import type { OperationEntry } from '../src/document-index/index.js';
import { errorResponses, hasBodySchema, responseFor } from '../src/error-responses.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  checks: string[];
}

/** Each check: when it applies to an operation, and the codes it asks for (any one of them will do). */
const CHECKS: Record<string, { applies: (op: OperationEntry) => boolean; codes: string[][] }> = {
  input: { applies: takesInput, codes: [['400', '422']] },
  auth: { applies: op => !op.security.allowsAnonymous, codes: [['401'], ['403']] },
  'not-found': { applies: op => /\{[^}]+\}/.test(op.pathKey), codes: [['404']] },
  'rate-limit': { applies: () => true, codes: [['429']] },
  'server-error': { applies: () => true, codes: [['500', '5XX', 'default']] },
};

export default defineRule<Options>(
  {
    code: 'specguard-error-response-coverage',
    description:
      'Operations should declare the error responses clients will get, each with a body schema: 400/422 for input, 401 and 403 when secured, 404 for one object, 429, and 500 (or 5XX/default).',
    severity: { recommended: 'off', strict: 'warn' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-755'],
    controls: { nist80053: ['SI-11'], soc2: ['CC7.2'], hipaa: ['164.312(b)'] },
    securitySeverity: 3.0,
    options: {
      checks: {
        type: 'array',
        items: { enum: Object.keys(CHECKS) },
        uniqueItems: true,
        default: Object.keys(CHECKS),
        description:
          'Which error responses to ask for: `input` (400 or 422 when the operation takes parameters or a body), `auth` (401 and 403 when it requires credentials), `not-found` (404 when its path has a parameter), `rate-limit` (429), `server-error` (500, 5XX or default). A range (`4XX`) documents every code in it. Replaces the default.',
      },
    },
    messages: {
      incomplete: ({ operation, missing }) =>
        `${operation} ${missing}: document each with a body schema so clients can handle the failure.`,
    },
  },
  (index, { checks }, messages) => {
    const results: RuleResult[] = [];
    for (const op of index.operations) {
      // An operation with no error response at all is specguard-error-responses' finding.
      if (errorResponses(op).length === 0) continue;
      const missing: string[] = [];
      const bodiless: string[] = [];
      for (const check of checks) {
        const { applies, codes } = CHECKS[check];
        if (!applies(op)) continue;
        for (const alternatives of codes) {
          const response = alternatives.map(code => responseFor(op, code, code === '500')).find(r => r !== undefined);
          if (response === undefined)
            missing.push(alternatives.length === 1 ? alternatives[0] : `${alternatives[0]} (or ${alternatives.slice(1).join('/')})`);
          else if (!hasBodySchema(response) && !bodiless.includes(response.status)) bodiless.push(response.status);
        }
      }
      if (missing.length === 0 && bodiless.length === 0) continue;
      const parts = [
        ...(missing.length > 0 ? [`declares no ${missing.join(', ')} response`] : []),
        ...(bodiless.length > 0 ? [`has no body schema for ${bodiless.join(', ')}`] : []),
      ];
      results.push({
        message: messages.incomplete({ operation: describeOperation(op), missing: parts.join(' and ') }),
        path: [...op.path, 'responses'],
      });
    }
    return results;
  },
);

/** Parameters or a request body: something a client can get wrong. */
function takesInput(op: OperationEntry): boolean {
  return op.parameters.length > 0 || op.operation.requestBody !== undefined;
}
