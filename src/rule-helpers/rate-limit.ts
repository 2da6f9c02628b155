import type { OperationEntry, ResponseEntry } from '../document-index/index.js';
import type { OptionSchema, RuleResult } from '../rule-kit.js';

/*
 * What the rate-limit rules share: which response headers announce a rate limit, what counts as
 * a documented 429, and when the gaps are so common that one finding for the document says more
 * than one per operation. Only the API's own operations (index.operations) are judged: callbacks
 * and webhooks are requests the API sends, so the receiver's limits are not its to document.
 */

/** The `rateLimitHeaders` option of every rate-limit rule, so a team names its family the same way in each. */
export const RATE_LIMIT_HEADERS_OPTION: OptionSchema = {
  type: 'array',
  items: { type: 'string' },
  default: [
    'RateLimit',
    'RateLimit-Policy',
    'RateLimit-Limit',
    'RateLimit-Remaining',
    'RateLimit-Reset',
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
    'X-RateLimit-Used',
    'X-Rate-Limit-Limit',
    'X-Rate-Limit-Remaining',
    'X-Rate-Limit-Reset',
  ],
  description:
    'Response headers that announce a rate limit, compared case-insensitively; any one of them counts (IETF `RateLimit`/`RateLimit-Policy`, the older `RateLimit-*` draft, `X-RateLimit-*`). The list replaces the default.',
};

export const lowerCaseSet = (names: readonly string[]): ReadonlySet<string> => new Set(names.map(name => name.toLowerCase()));

/**
 * Whether the response declares one of `names` (lower case), whatever the case it is written in,
 * or one with a time window after it, as Kong writes them (`X-RateLimit-Limit-Minute`).
 */
export function hasHeader(response: ResponseEntry, names: ReadonlySet<string>): boolean {
  return response.headers.some(header => {
    const name = header.name.toLowerCase();
    return names.has(name) || names.has(name.replace(WINDOW_SUFFIX, ''));
  });
}

const WINDOW_SUFFIX = /-(?:second|minute|hour|day|week|month|year)s?$/;

const RETRY_AFTER: ReadonlySet<string> = new Set(['retry-after']);

export const hasRetryAfter = (response: ResponseEntry): boolean => hasHeader(response, RETRY_AFTER);

/**
 * A response still written as a `$ref` the resolver could not follow (a circular one): its
 * headers are unknown, and Spectral cannot place a finding there (it chases the cycle), so the
 * rules do not judge it.
 */
export const isUnresolved = (response: ResponseEntry): boolean => typeof response.response.$ref === 'string';

export const isSuccessStatus = (status: string): boolean => /^2([0-9]{2}|XX)$/i.test(status.trim());

/** What a throttling error is called: AWS's ThrottlingException, TooManyRequests, "Rate limit exceeded". */
const THROTTLING = /throttl|too\s*many\s*requests|rate[\s_-]*limit/i;

/**
 * A `429` response, or a 429 in all but name: a `4XX`/`default` one that carries Retry-After or
 * a rate-limit header, or a 4xx one described as throttling (descriptions converted from AWS's
 * Smithy models give each error its own made-up 48x status: `480: ThrottlingException`).
 */
export function tooManyRequestsResponse(op: OperationEntry, rateLimitHeaders: ReadonlySet<string>): ResponseEntry | undefined {
  return (
    op.responses.find(response => response.status.trim() === '429') ??
    op.responses.find(response => {
      const status = response.status.trim().toUpperCase();
      if (status === '4XX' || status === 'DEFAULT') return hasRetryAfter(response) || hasHeader(response, rateLimitHeaders);
      return (
        /^4[0-9]{2}$/.test(status) && typeof response.response.description === 'string' && THROTTLING.test(response.response.description)
      );
    })
  );
}

/**
 * Whether a 429 tells clients when to retry: Retry-After, or a rate-limit header that says when
 * the window resets (`X-RateLimit-Reset`, or the IETF `RateLimit` field, whose reset is a parameter).
 */
export function saysWhenToRetry(response: ResponseEntry, rateLimitHeaders: ReadonlySet<string>): boolean {
  return (
    hasRetryAfter(response) ||
    response.headers.some(({ name }) => {
      const lower = name.toLowerCase();
      return rateLimitHeaders.has(lower) && (lower.endsWith('reset') || lower === 'ratelimit');
    })
  );
}

/** From this many gaps on, when they are also most of the candidates, a rule reports once for the document. */
export const MANY_GAPS = 10;

/**
 * Whether the gaps are the API's habit rather than exceptions: at least MANY_GAPS of them and
 * more than half of the candidates. One shared component referenced everywhere fixes a habit,
 * so one finding for the document says it better than one per operation (GitHub's description
 * documents a 429 on 2 of its 1,223 operations).
 */
function gapsAreTheHabit(gaps: number, candidates: number): boolean {
  return gaps >= MANY_GAPS && gaps * 2 > candidates;
}

/** One finding per gap, or one for the document (`habit`) when the gaps are the API's habit. */
export function reportGaps<T>(gaps: T[], candidates: number, each: (gap: T) => RuleResult, habit: (gaps: T[]) => RuleResult): RuleResult[] {
  return gapsAreTheHabit(gaps.length, candidates) ? [habit(gaps)] : gaps.map(each);
}

/** `GET /users/{id}`: how a finding for the document lists operations. */
export const shortName = (op: OperationEntry): string => `${op.method.toUpperCase()} ${op.pathKey}`;

/** `GET /a, POST /b, GET /c and 12 more`: how a finding for the document names the places. */
export function someOf(names: readonly string[], shown = 3): string {
  const listed = names.slice(0, shown).join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}
