import type { JsonObject, OperationEntry, ResponseEntry } from '../src/document-index/index.js';
import { describeOperation, defineRule } from '../src/rule-kit.js';
import {
  isUnresolved,
  lowerCaseSet,
  RATE_LIMIT_HEADERS_OPTION,
  reportGaps,
  saysWhenToRetry,
  shortName,
  someOf,
  tooManyRequestsResponse,
} from '../src/rule-helpers/rate-limit.js';

interface Options extends Record<string, unknown> {
  rateLimitHeaders: string[];
}

const SHARED_429 = 'a shared response (components.responses; responses in OAS 2.0) referenced from every operation';

export default defineRule<Options>(
  {
    code: 'specguard-rate-limit-response',
    description: 'Operations must document a 429 (Too Many Requests) response, with a Retry-After header.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-770'],
    controls: { nist80053: ['SC-5'], soc2: ['A1.1'], hipaa: ['164.308(a)(1)(ii)(B)'] },
    securitySeverity: 4.0,
    options: { rateLimitHeaders: RATE_LIMIT_HEADERS_OPTION },
    messages: {
      no429: ({ operation }) =>
        `${operation} declares no 429 response: rate-limit it and document the 429 (with Retry-After) so abusive clients are throttled and honest ones know how to back off.`,
      mostWithout429: ({ count, total, some }) =>
        `${count} of the ${total} operations declare no 429 response (${some}): rate-limit the API and document the 429 with Retry-After once, as ${SHARED_429}.`,
      noRetryAfter: ({ operation }) =>
        `The 429 response of ${operation} has no Retry-After header: add it so clients know when to retry instead of retrying at once.`,
      mostWithoutRetryAfter: ({ count, total, some }) =>
        `${count} of the ${total} 429 responses have no Retry-After header (${some}): add it, best to ${SHARED_429}, so clients know when to retry instead of retrying at once.`,
    },
  },
  (index, { rateLimitHeaders }, messages) => {
    const headers = lowerCaseSet(rateLimitHeaders);
    const without429: OperationEntry[] = [];
    // Each 429 once, with the first operation that uses it: a shared one is fixed in one place.
    const tooManys = new Map<JsonObject, { op: OperationEntry; response: ResponseEntry }>();
    for (const op of index.operations) {
      const tooMany = tooManyRequestsResponse(op, headers);
      if (tooMany === undefined) without429.push(op);
      else if (tooMany.status.trim() === '429' && !tooManys.has(tooMany.response))
        tooManys.set(tooMany.response, { op, response: tooMany });
    }
    const withoutRetryAfter = [...tooManys.values()].filter(
      ({ response }) => !isUnresolved(response) && !saysWhenToRetry(response, headers),
    );
    return [
      ...reportGaps(
        without429,
        index.operations.length,
        op => ({
          message: messages.no429({ operation: describeOperation(op) }),
          path: op.operation.responses !== null && typeof op.operation.responses === 'object' ? [...op.path, 'responses'] : op.path,
        }),
        gaps => ({
          message: messages.mostWithout429({
            count: String(gaps.length),
            total: String(index.operations.length),
            some: someOf(gaps.map(shortName)),
          }),
          path: ['paths'],
        }),
      ),
      ...reportGaps(
        withoutRetryAfter,
        tooManys.size,
        ({ op, response }) => ({ message: messages.noRetryAfter({ operation: describeOperation(op) }), path: response.path }),
        gaps => ({
          message: messages.mostWithoutRetryAfter({
            count: String(gaps.length),
            total: String(tooManys.size),
            some: someOf(gaps.map(({ op }) => shortName(op))),
          }),
          path: ['paths'],
        }),
      ),
    ];
  },
);
