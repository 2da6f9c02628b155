import { requirementLocation } from '../src/rule-helpers/auth-facts.js';
import { isObject } from '../src/document-index/json.js';
import type { JsonObject, OperationEntry, SecurityRequirementEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  adminSegments: string[];
  adminTags: string[];
  adminExtension: string;
}

/** What a requirement entry grants: the scheme alone when it names no scope, else one credential per scope. */
const grants = (requirement: SecurityRequirementEntry) =>
  requirement.schemes
    .flatMap(s => (s.scopes.length === 0 ? [[s.name]] : s.scopes.map(scope => [s.name, scope])))
    .map(c => JSON.stringify(c));

export default defineRule<Options>(
  {
    code: 'specguard-admin-authorization',
    description: 'Administrative operations must require a scope or scheme that no ordinary operation uses.',
    // Info in recommended: see "Precision on real APIs" on the docs page.
    severity: { recommended: 'info', strict: 'error' },
    owasp: ['API5:2023'],
    owasp2019: ['API5:2019'],
    cwe: ['CWE-285', 'CWE-269'],
    controls: { nist80053: ['AC-3', 'AC-6', 'AC-6(9)'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)', '164.308(a)(4)'] },
    securitySeverity: 8.0,
    options: {
      adminSegments: {
        type: 'array',
        items: { type: 'string' },
        default: ['admin', 'admins', 'administration', 'administrator', 'internal', 'management'],
        description:
          'A literal path segment that is one of these words (any case style), alone or with words that name an area (`api`, `service`, `tools`...), makes an operation administrative: `/admin/`, `/admin-api/`, `/internal/`; not a longer name that holds one (`/adminDivisions`, `/internal_numbers`, `/asset-management`). The list replaces the default.',
      },
      adminTags: {
        type: 'array',
        items: { type: 'string' },
        default: ['admin', 'admins', 'administration', 'administrator', 'internal', 'management'],
        description:
          'A tag that is one of these words, alone or with words that name an area, makes an operation administrative: `Admin`, `Admin Tools`, `AdminService`, `x-internal`; not `Client Management` or `PracticeManagement`. The list replaces the default.',
      },
      adminExtension: {
        type: 'string',
        pattern: '^x-',
        default: 'x-specguard-admin',
        description: 'Extension that marks an operation as administrative when `true` or a non-empty string. Must start with `x-`.',
      },
    },
    messages: {
      sharedCredentials: ({ operation, why }) =>
        `${operation} is administrative (${why}) but one of its security requirements is met by credentials ordinary operations accept: require a scope or scheme that only administrative operations use.`,
    },
  },
  (index, { adminSegments, adminTags, adminExtension }, messages) => {
    // An admin API as a whole (`Keycloak Admin REST API`) has no ordinary operations to set apart.
    if (isAdminApi(index.root)) return [];
    const isAdminSegment = namesArea(adminSegments);
    const isAdminTag = namesArea(adminTags);
    const whyAdmin = (op: OperationEntry): string | undefined => {
      const marked = op.operation[adminExtension];
      if (marked === true || (typeof marked === 'string' && marked.trim() !== '')) return `marked ${adminExtension}`;
      const segment = op.pathKey.split('/').find(s => !s.includes('{') && isAdminSegment(s));
      if (segment !== undefined) return `path segment "${segment}"`;
      const tags = Array.isArray(op.operation.tags) ? op.operation.tags : [];
      const tag = tags.find((t): t is string => typeof t === 'string' && isAdminTag(t));
      return tag === undefined ? undefined : `tag "${tag}"`;
    };
    // Path operations only: callbacks and webhooks are requests the API sends.
    const admin: Array<[OperationEntry, string]> = [];
    const ordinary = new Set<string>();
    let ordinaryCount = 0;
    for (const op of index.operations) {
      // `/admin/user/self/access_tokens`, `/me`: the caller's own account, neither admin nor a yardstick.
      if (isSelfService(op)) continue;
      const why = whyAdmin(op);
      if (why !== undefined) admin.push([op, why]);
      else {
        ordinaryCount++;
        for (const requirement of op.security.requirements) for (const credential of grants(requirement)) ordinary.add(credential);
      }
    }
    // More than two thirds administrative: the word names the API itself (Google Analytics'
    // `/management/`, a control plane under `/admin/`), and its few other operations are no yardstick.
    if (ordinaryCount === 0 || admin.length > 2 * ordinaryCount) return [];
    const ordinarySchemes = new Set([...ordinary].map(c => (JSON.parse(c) as string[])[0]));
    const results: RuleResult[] = [];
    for (const [op, why] of admin) {
      // An anonymous one is specguard-operation-security's finding.
      if (op.security.allowsAnonymous) continue;
      // A requirement is admin-only when it asks for something ordinary operations never do.
      const shared = op.security.requirements.find(requirement =>
        requirement.schemes.every(s =>
          s.scopes.length === 0 ? ordinarySchemes.has(s.name) : s.scopes.every(scope => ordinary.has(JSON.stringify([s.name, scope]))),
        ),
      );
      if (shared === undefined) continue;
      results.push({
        message: messages.sharedCredentials({ operation: describeOperation(op), why }),
        path: requirementLocation(op, shared),
      });
    }
    return results;
  },
);

/** Words that name an area beside an admin word without changing it: `/admin-api/`, `AdminService`, `Admin Tools`, `x-internal`. */
const AREA_WORDS: ReadonlySet<string> = new Set([
  'api',
  'apis',
  'service',
  'services',
  'tool',
  'tools',
  'console',
  'panel',
  'area',
  'endpoints',
  'operations',
  'only',
  'x',
]);

/** A matcher of names that are one of `words`, alone or with area words: `admin-api` and `Admin Tools`, not `adminDivisions`. */
function namesArea(words: readonly string[]): (name: string) => boolean {
  const wanted = new Set(words.map(word => word.toLowerCase()));
  return name => {
    const own = nameWords(name).filter(word => !AREA_WORDS.has(word));
    return own.length === 1 && wanted.has(own[0]);
  };
}

const SELF_SEGMENTS: ReadonlySet<string> = new Set(['self', 'me', 'my']);

function isSelfService(op: OperationEntry): boolean {
  return op.pathKey.split('/').some(segment => SELF_SEGMENTS.has(segment.toLowerCase()));
}

const ADMIN_TITLE_WORDS: ReadonlySet<string> = new Set(['admin', 'administration', 'administrator', 'administrative']);

function isAdminApi(root: JsonObject): boolean {
  const title = isObject(root.info) ? root.info.title : undefined;
  return typeof title === 'string' && nameWords(title).some(word => ADMIN_TITLE_WORDS.has(word));
}
