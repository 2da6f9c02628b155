import { CREDENTIAL_ENDPOINTS_OPTION, isCredentialEndpoint, schemeTypeOf } from '../src/rule-helpers/auth-facts.js';
import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, OperationEntry, ResponseEntry } from '../src/document-index/index.js';
import { phraseMatcher } from '../src/rule-helpers/naming.js';
import { IDENTIFIER_OPTIONS, objectIdentifiers } from '../src/rule-helpers/object-identifiers.js';
import type { IdentifierOptions } from '../src/rule-helpers/object-identifiers.js';
import { isWriteOperation } from '../src/rule-helpers/operation-intent.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

/** Statuses that show the API refuses an object the caller may not access; `default` is the error contract of many APIs. */
const DENIAL = new Set(['403', '404', '4XX', '4xx', 'default']);

/** What a non-standard 4xx must be named to be a denial (AWS's `482: ForbiddenException`, `485: NotFoundException`). */
const namesDenial = phraseMatcher(['forbidden', 'not found', 'notfound', 'access denied', 'permission denied', 'no permission']);

interface Options extends IdentifierOptions {
  credentialEndpoints: string[];
}

export default defineRule<Options>(
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
    options: {
      ...IDENTIFIER_OPTIONS,
      credentialEndpoints: {
        ...CREDENTIAL_ENDPOINTS_OPTION,
        description: `${CREDENTIAL_ENDPOINTS_OPTION.description} Such an operation is not reported: its path key names what the client logs into (\`POST /devices/{systemKey}/auth\`), not an object it reads or changes.`,
      },
    },
    messages: {
      noDenial: ({ operation, parameter }) =>
        `${operation} addresses one object by path parameter "${parameter}" but declares neither 403 nor 404: check that the caller may access that object and document the response it gets when not.`,
    },
  },
  (index, options, messages) => {
    const results: RuleResult[] = [];
    const openData = isOpenDataApi(index);
    // Path operations only: a callback's URL is a runtime expression, not an object the API serves.
    for (const op of index.operations) {
      // A CORS preflight carries no credentials and returns no object.
      if (op.method === 'options' || (openData && noPerUserIdentity(op)) || isCredentialEndpoint(op, options.credentialEndpoints)) continue;
      const [first] = objectIdentifiers(op, options);
      if (first === undefined || op.responses.some(isDenial)) continue;
      results.push({
        message: messages.noDenial({ operation: describeOperation(op), parameter: first.name }),
        path: isObject(op.operation.responses) ? [...op.path, 'responses'] : op.path,
      });
    }
    return results;
  },
);

function isDenial(response: ResponseEntry): boolean {
  if (DENIAL.has(response.status)) return true;
  const { description } = response.response;
  return /^4\d\d$/.test(response.status) && typeof description === 'string' && namesDenial(description) !== undefined;
}

/**
 * An API that only reads and lets anyone read (airports by ICAO code, a game's rule book), or
 * anyone with an API key (a sports-data feed's team by its key): its objects belong to no one, so
 * there is no owner to check the caller against. An anonymous or API-key operation in an API that
 * also writes is reported: its data likely has owners, and its missing authentication is
 * specguard-operation-security's finding.
 */
function isOpenDataApi(index: DocumentIndex): boolean {
  return !index.operations.some((op: OperationEntry) => isWriteOperation(op));
}

/**
 * Whether an operation identifies no user: it allows anonymous calls, or each alternative is made
 * of API keys in a header or query (a subscription key). OAuth, OpenID Connect, HTTP
 * authentication and cookies identify a user, whose objects may be someone else's.
 */
function noPerUserIdentity(op: OperationEntry): boolean {
  const { security } = op;
  if (security.allowsAnonymous) return true;
  return (
    security.requirements.length > 0 &&
    security.requirements.every(r =>
      r.schemes.every(s => s.scheme !== undefined && schemeTypeOf(s.scheme.scheme) === 'apikey' && s.scheme.scheme.in !== 'cookie'),
    )
  );
}
