import type { OperationEntry, ResponseEntry } from '../src/document-index/index.js';
import { hasUnregisteredErrorStatus } from '../src/rule-helpers/error-contract.js';
import { isHabit } from '../src/rule-helpers/habit.js';
import { errorResponses, hasBodySchema } from '../src/rule-helpers/error-responses.js';
import { shortName, someOf } from '../src/rule-helpers/rate-limit.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  checks: string[];
}

/** Each check: when it applies to an operation, and the codes it asks for (any one of each list will do). */
const CHECKS: Record<string, { applies: (op: OperationEntry) => boolean; codes: string[][] }> = {
  input: { applies: takesInput, codes: [['400', '422']] },
  auth: { applies: op => !op.security.allowsAnonymous, codes: [['401']] },
  scope: { applies: requiresScopes, codes: [['403']] },
  'not-found': { applies: op => /\{[^}]+\}/.test(op.pathKey), codes: [['404']] },
  'rate-limit': { applies: () => true, codes: [['429']] },
  'server-error': { applies: () => true, codes: [['500', '5XX']] },
};

/** What the rule asks for unless told otherwise: 404 and 429 are other rules' (see the docs page). */
const DEFAULT_CHECKS = ['input', 'auth', 'scope', 'server-error'];

/** One thing an operation misses: a response for a code, or a body schema on a response it has. */
interface Gap {
  /** How messages name it: `500 (or 5XX)`, `401`; for a bodiless response, its status. */
  label: string;
  kind: 'missing' | 'bodiless';
}

export default defineRule<Options>(
  {
    code: 'specguard-error-response-coverage',
    description:
      'Operations should declare the error responses clients will get, each with a body schema: 400/422 for input, 401 when secured, 403 when scopes are required, and 500 (or 5XX); a default response documents every code it does not list.',
    severity: { recommended: 'info', strict: 'warn' },
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
        default: DEFAULT_CHECKS,
        description:
          'Which error responses to ask for: `input` (400 or 422 when the operation takes query or form parameters or a body), `auth` (401 when it requires credentials), `scope` (403 when it requires OAuth 2.0 or OpenID Connect scopes), `server-error` (500 or 5XX), and, not asked by default, `not-found` (404 when its path has a parameter; specguard-object-level-authorization asks for 403 or 404 there) and `rate-limit` (429; specguard-rate-limit-response owns it). A range (`4XX`) or `default` documents every code it covers. Replaces the default.',
      },
    },
    messages: {
      incomplete: ({ operation, missing }) =>
        `${operation} ${missing}: document each with a body schema (a default response documents every code it does not list) so clients can handle the failure.`,
      habit: ({ gaps }) =>
        `Across the API, ${gaps}: document each once, as a shared response (components.responses; responses in OAS 2.0) with an error body schema, and reference it from every operation, so clients can handle the failure.`,
    },
  },
  (index, { checks }, messages) => {
    const judged: Array<{ op: OperationEntry; gaps: Gap[] }> = [];
    // How many judged operations could have each gap: those a check applies to (missing), those
    // whose response for the check is that status (bodiless).
    const candidates = new Map<string, number>();
    const count = (key: string) => candidates.set(key, (candidates.get(key) ?? 0) + 1);
    for (const op of index.operations) {
      // An operation with no error response at all is specguard-error-responses' finding; one
      // that numbers its errors outside the HTTP registry does not say which error each is.
      if (errorResponses(op).length === 0 || hasUnregisteredErrorStatus(op)) continue;
      const gaps: Gap[] = [];
      const consulted = new Set<string>();
      for (const check of checks) {
        const { applies, codes } = CHECKS[check];
        if (!applies(op)) continue;
        for (const alternatives of codes) {
          const label = labelOf(alternatives);
          count(keyOf({ label, kind: 'missing' }));
          const response = alternatives.map(code => responseFor(op, code)).find(r => r !== undefined);
          if (response === undefined) {
            gaps.push({ label, kind: 'missing' });
            continue;
          }
          if (consulted.has(response.status)) continue;
          consulted.add(response.status);
          count(keyOf({ label: response.status, kind: 'bodiless' }));
          if (!hasBodySchema(response)) gaps.push({ label: response.status, kind: 'bodiless' });
        }
      }
      if (gaps.length > 0) judged.push({ op, gaps });
    }

    // A gap most operations share is the API's habit: said once for the document, not per operation.
    const byGap = new Map<string, { gap: Gap; ops: OperationEntry[] }>();
    for (const { op, gaps } of judged)
      for (const gap of gaps) {
        const key = keyOf(gap);
        const entry = byGap.get(key);
        if (entry === undefined) byGap.set(key, { gap, ops: [op] });
        else entry.ops.push(op);
      }
    const habits = new Set<string>();
    const habitTexts: string[] = [];
    for (const [key, { gap, ops }] of byGap) {
      const total = candidates.get(key) ?? 0;
      if (!isHabit(ops.length, total)) continue;
      habits.add(key);
      const some = someOf(ops.map(shortName));
      habitTexts.push(
        gap.kind === 'missing'
          ? `${ops.length} of the ${total} operations that need one declare no ${gap.label} response (${some})`
          : `${ops.length} of the ${total} ${gap.label} responses have no body schema (${some})`,
      );
    }

    const results: RuleResult[] = [];
    if (habitTexts.length > 0) results.push({ message: messages.habit({ gaps: habitTexts.join('; ') }), path: ['paths'] });
    for (const { op, gaps } of judged) {
      const own = gaps.filter(gap => !habits.has(keyOf(gap)));
      if (own.length === 0) continue;
      const missing = own.filter(g => g.kind === 'missing').map(g => g.label);
      const bodiless = own.filter(g => g.kind === 'bodiless').map(g => g.label);
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

const keyOf = (gap: Gap) => `${gap.kind}\u0000${gap.label}`;

/** `500 (or 5XX)`, `401`: the codes that would document the error. */
function labelOf(alternatives: string[]): string {
  return alternatives.length === 1 ? alternatives[0] : `${alternatives[0]} (or ${alternatives.slice(1).join('/')})`;
}

/**
 * The response that documents `code` (e.g. `401`): the exact status, else its range (`4XX`),
 * else `default`, which documents every code the operation does not list.
 */
function responseFor(op: OperationEntry, code: string): ResponseEntry | undefined {
  const statuses = op.responses;
  return (
    statuses.find(r => r.status.trim() === code) ??
    statuses.find(r => r.status.trim().toUpperCase() === `${code[0]}XX`) ??
    statuses.find(r => r.status.trim() === 'default')
  );
}

/**
 * Query or form parameters, or a body: input a client can get wrong. Header parameters are
 * credentials, versions and content negotiation; a path parameter names the object, and a bad
 * one is answered with 404 (specguard-object-level-authorization asks for 403 or 404 there).
 */
function takesInput(op: OperationEntry): boolean {
  return (
    op.parameters.some(({ parameter }) => parameter.in === 'query' || parameter.in === 'formData' || parameter.in === 'body') ||
    op.operation.requestBody !== undefined
  );
}

/** Credentials that must carry scopes: a token without them is refused with 403. */
function requiresScopes(op: OperationEntry): boolean {
  return (
    !op.security.allowsAnonymous &&
    op.security.requirements.some(requirement => requirement.schemes.some(scheme => scheme.scopes.length > 0))
  );
}
