import { CREDENTIAL_ENDPOINTS_OPTION, grantsScopes, isCredentialEndpoint, schemeTypeOf } from '../src/rule-helpers/auth-facts.js';
import type { OperationEntry, RequiredSchemeEntry, SecuritySchemeEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { lastLiteralSegment, literalSegments } from '../src/rule-helpers/operation-intent.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  credentialEndpoints: string[];
}

export default defineRule<Options>(
  {
    code: 'specguard-scope-required',
    description: 'Operations secured by OAuth 2.0 or OpenID Connect must require at least one scope.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API1:2023', 'API5:2023'],
    owasp2019: ['API1:2019', 'API5:2019'],
    cwe: ['CWE-285', 'CWE-863'],
    controls: { nist80053: ['AC-3', 'AC-6'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 6.0,
    options: {
      credentialEndpoints: {
        ...CREDENTIAL_ENDPOINTS_OPTION,
        description: `${CREDENTIAL_ENDPOINTS_OPTION.description} Such an operation is not reported: it issues or checks the token a scope would be part of.`,
      },
    },
    messages: {
      operationNoScope: ({ operation, name }) =>
        `${operation} accepts any token of "${name}" because its requirement names no scope: require the scope that grants this operation, so a token issued for something else cannot call it.`,
      schemeWithoutScopes: ({ name, declared, count, operation }) =>
        `Security scheme "${name}" declares ${declared}, and ${count} operations (${operation} first) require it without one, so any of its tokens can call all of them: define scopes for what a token may do, and require them per operation.`,
      rootNoScope: ({ name }) =>
        `The root "security" requirement for "${name}" names no scope, so every operation that inherits it accepts any token: require a scope, or give operations their own scoped requirements.`,
    },
  },
  (index, { credentialEndpoints }, messages) => {
    const results: RuleResult[] = [];
    // Path operations only: a callback's or webhook's requirement is how the API authenticates to the receiver.
    const inheriting = index.operations.find(op => op.security.source === 'root');
    const rootEntry = inheriting?.security.requirements.flatMap(r => r.schemes).find(isScopeless);
    if (rootEntry !== undefined) results.push({ message: messages.rootNoScope({ name: rootEntry.name }), path: rootEntry.path });
    // The root list as an operation would restate it, once it is reported.
    const rootKey = results.length > 0 && inheriting !== undefined ? requirementsKey(inheriting) : undefined;
    // A scheme with one scope or none leaves nothing to require: one finding for it, not one per operation.
    const unscopable = new Map<SecuritySchemeEntry, OperationEntry[]>();
    for (const op of index.operations) {
      if (op.security.source !== 'operation' || aboutTheCaller(op) || aboutTheToken(op) || isCredentialEndpoint(op, credentialEndpoints))
        continue;
      // A list written word for word like the root's: the root finding already covers it.
      if (rootKey !== undefined && requirementsKey(op) === rootKey) continue;
      // One finding per operation: its other scopeless alternatives share the fix.
      const entry = op.security.requirements.flatMap(r => r.schemes).find(isScopeless);
      if (entry === undefined) continue;
      if (entry.scheme !== undefined && offersNoChoice(entry.scheme))
        unscopable.set(entry.scheme, [...(unscopable.get(entry.scheme) ?? []), op]);
      else results.push({ message: messages.operationNoScope({ operation: describeOperation(op), name: entry.name }), path: entry.path });
    }
    for (const [scheme, operations] of unscopable) {
      const names = new Set(scheme.scopes.map(scope => scope.name));
      const declared = names.size === 0 ? 'no scopes' : `only the scope "${[...names][0]}"`;
      const parts = { name: scheme.name, declared, count: String(operations.length), operation: describeOperation(operations[0]) };
      if (operations.length === 1)
        results.push({
          message: messages.operationNoScope({ operation: parts.operation, name: scheme.name }),
          path: firstScopeless(operations[0]),
        });
      else results.push({ message: messages.schemeWithoutScopes(parts), path: scheme.path });
    }
    return results;
  },
);

/** An operation's requirement list as written (scheme names and scopes, in order), to compare lists. */
const requirementsKey = (op: OperationEntry) => JSON.stringify(op.security.requirements.map(r => r.schemes.map(s => [s.name, s.scopes])));

const isScopeless = (entry: RequiredSchemeEntry) => grantsScopes(entry.scheme) && entry.scopes.length === 0;

const firstScopeless = (op: OperationEntry) => op.security.requirements.flatMap(r => r.schemes).find(isScopeless)?.path ?? op.path;

/** An OAuth 2.0 scheme that declares one scope or none: no scope could set one operation apart. (OpenID Connect lists its scopes elsewhere.) */
function offersNoChoice(scheme: SecuritySchemeEntry): boolean {
  return schemeTypeOf(scheme.scheme) === 'oauth2' && new Set(scheme.scopes.map(scope => scope.name)).size <= 1;
}

/**
 * Operations about the token's own caller (`/me`, `/profile/grants`, `/userinfo`, `/getuser`,
 * the tenants a token may reach at `/connections`): any token is meant to call them, so no scope
 * would narrow them.
 */
function aboutTheCaller(op: OperationEntry): boolean {
  const first = literalSegments(op.pathKey).find(segment => !VERSION_SEGMENT.test(segment));
  return first !== undefined && CALLER_NAMES.has(nameWords(first).join(' '));
}

const VERSION_SEGMENT = /^(api|rest|v\d+(\.\d+)*|\d+(\.\d+)*)$/i;
const CALLER_NAMES: ReadonlySet<string> = new Set([
  ...['me', 'self', 'my', 'profile', 'userinfo', 'user info', 'whoami', 'who am i', 'get user', 'current user', 'tokeninfo'],
  ...['getuser', 'token info', 'introspect', 'connections'],
]);

/**
 * Operations on the token itself or on the calling app's own registration: a check that the token
 * works (`/heartbeat/authorized`), and, on a path with no parameter, the app's own webhook or
 * installation (`/dropwebhook`, `DELETE /appstore/v1/installation.json`). Any token of the app is
 * meant to call them.
 */
function aboutTheToken(op: OperationEntry): boolean {
  const last = nameWords(lastLiteralSegment(op.pathKey).replace(/\.(json|xml)$/i, '')).join(' ');
  return TOKEN_CHECKS.has(last) || (!op.pathKey.includes('{') && OWN_REGISTRATION.has(last));
}

const TOKEN_CHECKS: ReadonlySet<string> = new Set([
  'authorized',
  'check token',
  'check auth',
  'verify token',
  'validate token',
  'token check',
]);
const OWN_REGISTRATION: ReadonlySet<string> = new Set([
  ...['installation', 'webhook', 'addwebhook', 'dropwebhook', 'add webhook', 'drop webhook', 'delete webhook', 'remove webhook'],
]);
