import { requirementLocation } from '../src/auth-facts.js';
import type { OperationEntry, SecurityRequirementEntry } from '../src/document-index/index.js';
import { phraseMatcher } from '../src/naming.js';
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
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API5:2023'],
    owasp2019: ['API5:2019'],
    cwe: ['CWE-285', 'CWE-269'],
    controls: { nist80053: ['AC-3', 'AC-6', 'AC-6(9)'], soc2: ['CC6.1', 'CC6.3'], hipaa: ['164.312(a)(1)', '164.308(a)(4)'] },
    securitySeverity: 8.0,
    options: {
      adminSegments: {
        type: 'array',
        items: { type: 'string' },
        default: ['admin', 'internal', 'management'],
        description:
          'A literal path segment containing one of these as whole words (`/admin/`, `/admin-api/`, `/internal/`) makes an operation administrative. The list replaces the default.',
      },
      adminTags: {
        type: 'array',
        items: { type: 'string' },
        default: ['admin', 'admins', 'administration', 'internal', 'management'],
        description: 'A tag containing one of these as whole words makes an operation administrative. The list replaces the default.',
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
    const adminSegment = phraseMatcher(adminSegments);
    const adminTag = phraseMatcher(adminTags);
    const isAdminSegment = (segment: string) => !segment.includes('{') && adminSegment(segment) !== undefined;
    const whyAdmin = (op: OperationEntry): string | undefined => {
      const marked = op.operation[adminExtension];
      if (marked === true || (typeof marked === 'string' && marked.trim() !== '')) return `marked ${adminExtension}`;
      const segment = op.pathKey.split('/').find(isAdminSegment);
      if (segment !== undefined) return `path segment "${segment}"`;
      const tags = Array.isArray(op.operation.tags) ? op.operation.tags : [];
      const tag = tags.find((t): t is string => typeof t === 'string' && adminTag(t) !== undefined);
      return tag === undefined ? undefined : `tag "${tag}"`;
    };
    // Path operations only: callbacks and webhooks are requests the API sends.
    const admin: Array<[OperationEntry, string]> = [];
    const ordinary = new Set<string>();
    let ordinaryCount = 0;
    for (const op of index.operations) {
      const why = whyAdmin(op);
      if (why !== undefined) admin.push([op, why]);
      else {
        ordinaryCount++;
        for (const requirement of op.security.requirements) for (const credential of grants(requirement)) ordinary.add(credential);
      }
    }
    if (ordinaryCount === 0) return [];
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
