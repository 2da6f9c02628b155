import type { OperationEntry } from '../src/document-index/index.js';
import { phraseMatcher } from '../src/naming.js';
import { describeOperation, defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { lowerCaseSet, RATE_LIMIT_HEADERS_OPTION, tooManyRequestsResponse } from '../src/rate-limit.js';

interface Options extends Record<string, unknown> {
  flows: string[];
  methods: string[];
  rateLimitHeaders: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-sensitive-flow-rate-limit',
    description:
      'Sensitive business flows (login, tokens, password reset, OTP/MFA, signup, checkout, payment) must document a 429 response.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API6:2023', 'API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-307', 'CWE-799'],
    controls: { nist80053: ['AC-7', 'SC-5'], soc2: ['CC6.1', 'A1.1'], hipaa: ['164.308(a)(5)(ii)(C)'] },
    securitySeverity: 6.5,
    options: {
      flows: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'login',
          'log in',
          'signin',
          'sign in',
          'logon',
          'token',
          'tokens',
          'password',
          'otp',
          'totp',
          'mfa',
          '2fa',
          'two factor',
          'signup',
          'sign up',
          'register',
          'registration',
          'checkout',
          'payment',
          'payments',
          'pay',
          'purchase',
        ],
        description:
          'Words or phrases that mark a sensitive flow when they occur as whole words in the path, operationId or a tag (`/auth/password-reset`, `createPaymentIntent`). The list replaces the default.',
      },
      methods: {
        type: 'array',
        items: { type: 'string' },
        default: ['post', 'put', 'patch'],
        description:
          'Methods whose operations can carry out a flow (reading a list of payments is not one, nor is revoking a token with DELETE). The list replaces the default.',
      },
      rateLimitHeaders: RATE_LIMIT_HEADERS_OPTION,
    },
    messages: {
      no429: ({ operation, flow, where }) =>
        `${operation} is a sensitive flow ("${flow}" in its ${where}) with no 429 response: rate-limit it and document the 429 so credential stuffing, OTP guessing, fake signups and checkout automation are throttled.`,
    },
  },
  (index, { flows, methods, rateLimitHeaders }, messages) => {
    const headers = lowerCaseSet(rateLimitHeaders);
    const flowMethods = lowerCaseSet(methods);
    const flowIn = phraseMatcher(flows);
    const results: RuleResult[] = [];
    for (const op of index.operations) {
      if (!flowMethods.has(op.method) || tooManyRequestsResponse(op, headers) !== undefined) continue;
      const found = sensitiveFlow(op, flowIn);
      if (found === undefined) continue;
      const responses = op.operation.responses;
      results.push({
        message: messages.no429({ operation: describeOperation(op), ...found }),
        path: responses !== null && typeof responses === 'object' ? [...op.path, 'responses'] : op.path,
      });
    }
    return results;
  },
);

/**
 * The first flow word the path, the operationId or a tag holds, and where. Path parameters are
 * left out: `/invitations/{token}` names a value, not a flow.
 */
function sensitiveFlow(op: OperationEntry, flowIn: (name: string) => string | undefined): { flow: string; where: string } | undefined {
  for (const segment of op.pathKey.split('/')) {
    const flow = segment.startsWith('{') ? undefined : flowIn(segment);
    if (flow !== undefined) return { flow, where: 'path' };
  }
  const { operationId, tags } = op.operation;
  const inId = typeof operationId === 'string' ? flowIn(operationId) : undefined;
  if (inId !== undefined) return { flow: inId, where: 'operationId' };
  for (const tag of Array.isArray(tags) ? tags : []) {
    const inTag = typeof tag === 'string' ? flowIn(tag) : undefined;
    if (inTag !== undefined) return { flow: inTag, where: 'tags' };
  }
  return undefined;
}
