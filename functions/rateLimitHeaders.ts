import type { JsonObject, OperationEntry, ResponseEntry } from '../src/document-index/index.js';
import { describeOperation, defineRule } from '../src/rule-kit.js';
import { isHabit } from '../src/rule-helpers/habit.js';
import {
  hasHeader,
  isSuccessStatus,
  isUnresolved,
  lowerCaseSet,
  RATE_LIMIT_HEADERS_OPTION,
  shortName,
  someOf,
  tooManyRequestsResponse,
} from '../src/rule-helpers/rate-limit.js';

interface Options extends Record<string, unknown> {
  rateLimitHeaders: string[];
}

const WHICH = 'RateLimit/RateLimit-Policy (or X-RateLimit-Limit, -Remaining, -Reset)';
const WHY = 'so clients can pace themselves before they hit 429';

export default defineRule<Options>(
  {
    code: 'specguard-rate-limit-headers',
    description:
      'In an API that documents a rate limit (a 429 or a rate-limit header), success responses should tell clients their limit (RateLimit, RateLimit-*, or X-RateLimit-* headers).',
    severity: { recommended: 'info', strict: 'info' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-770'],
    controls: { nist80053: ['SC-5'], soc2: ['A1.1'], hipaa: ['164.308(a)(1)(ii)(B)'] },
    securitySeverity: 2.0,
    options: { rateLimitHeaders: RATE_LIMIT_HEADERS_OPTION },
    messages: {
      noHeaders: ({ operation, status }) => `The ${status} response of ${operation} has no rate-limit headers: declare ${WHICH} ${WHY}.`,
      mostWithoutHeaders: ({ count, total, some }) =>
        `${count} of the ${total} success responses have no rate-limit headers (${some}): declare ${WHICH} on every success response, best through shared response components, ${WHY}.`,
    },
  },
  (index, { rateLimitHeaders }, messages) => {
    const headers = lowerCaseSet(rateLimitHeaders);
    // An API that documents no rate limit at all (no 429, no rate-limit header anywhere) has one
    // gap, specguard-rate-limit-response's: asking for headers on top of it would repeat it.
    const limited = index.operations.some(
      op => tooManyRequestsResponse(op, headers) !== undefined || op.responses.some(response => hasHeader(response, headers)),
    );
    if (!limited) return [];
    // Each response once, with the first operation that returns it: a shared one is fixed in one place.
    const successes = new Map<JsonObject, { op: OperationEntry; response: ResponseEntry }>();
    for (const op of index.operations) {
      for (const response of op.responses) {
        if (isSuccessStatus(response.status) && !isUnresolved(response) && !successes.has(response.response))
          successes.set(response.response, { op, response });
      }
    }
    const gaps = [...successes.values()].filter(({ response }) => !hasHeader(response, headers));
    // Headers missing from most success responses is one habit of the API, said once.
    if (isHabit(gaps.length, successes.size))
      return [
        {
          message: messages.mostWithoutHeaders({
            count: String(gaps.length),
            total: String(successes.size),
            some: someOf(gaps.map(({ op, response }) => `${shortName(op)} ${response.status}`)),
          }),
          path: ['paths'],
        },
      ];
    return gaps.map(({ op, response }) => ({
      message: messages.noHeaders({ operation: describeOperation(op), status: response.status }),
      path: response.path,
    }));
  },
);
