import type { JsonObject, OperationEntry, SchemaEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { propertyNeighbours } from '../src/rule-helpers/property-context.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import {
  canHoldValue,
  CLASS_SCHEMA,
  formatReason,
  meansSomethingElse,
  SECRET_CLASS,
  returnedWhere,
  sensitivePhrase,
} from '../src/rule-helpers/sensitive-data.js';
import type { SensitiveClass } from '../src/rule-helpers/sensitive-data.js';

interface Options extends Record<string, unknown> {
  secrets: SensitiveClass;
}

export default defineRule<Options>(
  {
    code: 'specguard-no-secrets-in-responses',
    description: 'Passwords and secrets must never be part of a response; in schemas shared with requests they must be writeOnly.',
    severity: { recommended: 'error', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API3:2019'],
    cwe: ['CWE-200', 'CWE-522'],
    controls: { nist80053: ['IA-5(1)', 'SC-28'], soc2: ['CC6.1'], hipaa: ['164.312(a)(1)', '164.312(d)'] },
    securitySeverity: 7.5,
    options: {
      secrets: {
        ...CLASS_SCHEMA,
        default: SECRET_CLASS,
        description:
          'What counts as a password or secret: `names` are name phrases matched on whole words in any case style (`client secret` matches `clientSecret`, `client_secret`, `client-secret`), followed by nothing or by value words such as `hash`, `code`, `last4` (`passwordPolicy` is not a password); `formats` are string formats (`password`). Replaces the default.',
      },
    },
    messages: {
      inResponse: ({ name, reason, where }) =>
        `${name}${reason} looks like a password or secret and is returned in ${where}: remove it from the response schema; a client never needs to read it back.`,
      shared: ({ name, reason, where }) =>
        `${name}${reason} looks like a password or secret and its schema is shared by requests and ${where}: mark it writeOnly: true so it is accepted but never returned.`,
      sharedOas2: ({ name, reason, where }) =>
        `${name}${reason} looks like a password or secret and its schema is shared by requests and ${where}: Swagger 2.0 has no writeOnly, so give the request its own schema and leave the secret out of the response.`,
    },
  },
  (index, { secrets }, messages) => {
    const results: RuleResult[] = [];
    const reportedGroups = new Set<readonly JsonObject[]>();
    const report = (entry: SchemaEntry, propertyName: string, reason: string, phrase?: string) => {
      if (returnedWhere(entry) === undefined || !canHoldValue(entry.schema) || onlyIssued(entry)) return;
      const field = {
        schema: entry.schema,
        description: entry.schema.description,
        neighbours: () => propertyNeighbours(index.root, entry.path),
      };
      if (phrase !== undefined && meansSomethingElse(phrase, propertyName, field)) return;
      // allOf peers describe one property: writeOnly on any of them holds for all, and one finding is enough.
      const group = index.allOfPeers.group(entry.schema);
      if (group !== undefined) {
        if (reportedGroups.has(group) || group.some(peer => peer.writeOnly === true)) return;
        reportedGroups.add(group);
      }
      const parts = { name: entry.label ?? `Property "${propertyName}"`, reason, where: returnedWhere(entry) as string };
      const message = !entry.roles.has('request-body')
        ? messages.inResponse(parts)
        : index.version === '2.0'
          ? messages.sharedOas2(parts)
          : messages.shared(parts);
      results.push({ message, path: entry.path });
    };
    // Each distinct property name is matched once.
    for (const [propertyName, entries] of index.propertiesByName) {
      const phrase = sensitivePhrase(propertyName, secrets.names);
      if (phrase === undefined) continue;
      for (const entry of entries) report(entry, propertyName, '', phrase);
    }
    // Then the properties whose name does not match, by format: only the few schemas that have one are read.
    if ((secrets.formats ?? []).length > 0) {
      for (const entry of index.schemasWith.format) {
        const { propertyName } = entry;
        if (propertyName === undefined || sensitivePhrase(propertyName, secrets.names) !== undefined) continue;
        const reason = formatReason(entry.schema.format, secrets, propertyName);
        if (reason !== undefined) report(entry, propertyName, reason);
      }
    }
    return results;
  },
);

/**
 * Whether every response the API returns a schema in comes from an operation that exists to
 * issue a credential: an OAuth token endpoint, or a POST that creates (or rotates) a key, secret,
 * token or credential. There the secret is the point of the response; read back by a GET or a
 * list, it is a leak.
 */
function onlyIssued(entry: SchemaEntry): boolean {
  let any = false;
  for (const usage of entry.usages) {
    if (usage.role !== 'response-body' || usage.operation.kind !== 'path') continue;
    if (!issuesCredential(usage.operation)) return false;
    any = true;
  }
  return any;
}

const issuing = new WeakMap<OperationEntry, boolean>();

function issuesCredential(op: OperationEntry): boolean {
  let answer = issuing.get(op);
  if (answer === undefined) issuing.set(op, (answer = op.method === 'post' && namesCredentialIssue(op.pathKey)));
  return answer;
}

/**
 * `/oauth/access_token`, `/v2/credentials/secrets`, `/api-keys`, `/apps/{id}/secret/rotate`:
 * the path's last literal segment names a credential, or an action on the one before it.
 */
function namesCredentialIssue(pathKey: string): boolean {
  const literals = pathKey
    .split('/')
    .map(segment => segment.replace(/\{[^{}]*\}/g, ''))
    .filter(segment => segment !== '');
  const last = nameWords(literals[literals.length - 1] ?? '');
  if (last.some(word => CREDENTIALS.has(word))) return true;
  return last.some(word => ISSUING_ACTIONS.has(word)) && nameWords(literals[literals.length - 2] ?? '').some(word => CREDENTIALS.has(word));
}

const CREDENTIALS: ReadonlySet<string> = new Set([
  'token',
  'tokens',
  'secret',
  'secrets',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'credential',
  'credentials',
]);
const ISSUING_ACTIONS: ReadonlySet<string> = new Set([
  'regenerate',
  'rotate',
  'reset',
  'renew',
  'refresh',
  'generate',
  'issue',
  'new',
  'create',
  'roll',
]);
