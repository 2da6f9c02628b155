import type { JsonObject, SchemaEntry } from '../src/document-index/index.js';
import { propertyNeighbours } from '../src/rule-helpers/property-context.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import {
  canHoldValue,
  CLASS_SCHEMA,
  formatReason,
  meansSomethingElse,
  PERSONAL_CLASSES,
  returnedWhere,
  sensitivePhrase,
} from '../src/rule-helpers/sensitive-data.js';
import type { SensitiveClass } from '../src/rule-helpers/sensitive-data.js';

interface Options extends Record<string, unknown> {
  classes: Record<string, SensitiveClass>;
  classificationExtension: string;
}

export default defineRule<Options>(
  {
    code: 'specguard-sensitive-data-in-responses',
    description:
      'National ids, payment data, health data and birth dates in responses must be classified: masked or returned with intent, said with a reason.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API3:2023'],
    owasp2019: ['API3:2019'],
    cwe: ['CWE-359', 'CWE-200'],
    controls: { nist80053: ['SC-28', 'AC-3'], soc2: ['C1.1', 'P4.1'], hipaa: ['164.312(a)(1)', '164.514(d)'] },
    securitySeverity: 5.5,
    options: {
      classes: {
        type: 'object',
        additionalProperties: CLASS_SCHEMA,
        default: PERSONAL_CLASSES,
        description:
          'The classes of sensitive data, by class name (used in messages): `names` are name phrases matched on whole words in any case style, followed by nothing or by value words such as `number`, `last4` (`dob` matches `ownerDob`, `pan` does not match `company`); `formats` are string formats. Replaces the default.',
      },
      classificationExtension: {
        type: 'string',
        pattern: '^x-',
        default: 'x-specguard-classification',
        description:
          'The extension that says a field is returned with intent, with a non-empty reason as its value (`x-specguard-classification: "masked: last 4 digits only"`). A field that carries it with a reason is not reported.',
      },
    },
    messages: {
      unclassified: ({ name, reason, cls, where, extension }) =>
        `${name}${reason} looks like ${cls} data and is returned in ${where}: leave it out, mask it, or say why it is returned with ${extension}: "<reason>".`,
      noReason: ({ name, extension }) =>
        `${name} has ${extension} without a reason: give a non-empty reason (for example "masked: last 4 digits only").`,
    },
  },
  (index, { classes, classificationExtension }, messages) => {
    const results: RuleResult[] = [];
    const reportedGroups = new Set<readonly JsonObject[]>();
    const classList = Object.entries(classes);
    const anyFormats = classList.some(([, definition]) => (definition.formats ?? []).length > 0);
    const judge = (entry: SchemaEntry, propertyName: string, byName: ReadonlyArray<string | undefined>) => {
      if (returnedWhere(entry) === undefined || !canHoldValue(entry.schema)) return;
      const field = {
        schema: entry.schema,
        description: entry.schema.description,
        neighbours: () => propertyNeighbours(index.root, entry.path),
      };
      let found: { cls: string; reason: string } | undefined;
      for (let i = 0; i < classList.length && found === undefined; i++) {
        const phrase = byName[i];
        const reason =
          phrase === undefined
            ? formatReason(entry.schema.format, classList[i][1], propertyName)
            : meansSomethingElse(phrase, propertyName, field)
              ? undefined
              : '';
        if (reason !== undefined) found = { cls: classList[i][0], reason };
      }
      if (found === undefined) return;
      // allOf peers describe one property: a classification on any of them holds for all.
      const group = index.allOfPeers.group(entry.schema) ?? [entry.schema];
      if (reportedGroups.has(group)) return;
      reportedGroups.add(group);
      const name = entry.label ?? `Property "${propertyName}"`;
      const marks = group.map(peer => peer[classificationExtension]).filter(mark => mark !== undefined);
      // A masked value (`maskedPan`, `iban_last4`) is what the message asks for; a mark without a reason is still a slip.
      if (marks.some(hasReason) || (marks.length === 0 && saysMasked(propertyName))) return;
      results.push({
        message:
          marks.length > 0
            ? messages.noReason({ name, extension: classificationExtension })
            : messages.unclassified({ name, ...found, where: returnedWhere(entry) as string, extension: classificationExtension }),
        path: entry.path,
      });
    };
    const byNameOf = (propertyName: string) => classList.map(([, definition]) => sensitivePhrase(propertyName, definition.names));
    const matchesAny = (byName: ReadonlyArray<string | undefined>) => byName.some(phrase => phrase !== undefined);
    // Each distinct property name is matched once.
    for (const [propertyName, entries] of index.propertiesByName) {
      const byName = byNameOf(propertyName);
      if (!matchesAny(byName)) continue;
      for (const entry of entries) judge(entry, propertyName, byName);
    }
    // A name no class matches leaves only formats: only the schemas that have one are read.
    if (anyFormats) {
      for (const entry of index.schemasWith.format) {
        if (entry.propertyName === undefined) continue;
        const byName = byNameOf(entry.propertyName);
        if (!matchesAny(byName)) judge(entry, entry.propertyName, byName);
      }
    }
    return results;
  },
);

/** A reason is a non-empty string, or an object with a non-empty string `reason`. */
function hasReason(mark: unknown): boolean {
  const reason = typeof mark === 'object' && mark !== null ? (mark as { reason?: unknown }).reason : mark;
  return typeof reason === 'string' && reason.trim() !== '';
}

/** A name that says its value is masked or cut: `maskedPan`, `iban_last4`, `redactedSsn`. */
function saysMasked(name: string): boolean {
  return nameWords(name).some(word => MASKED_WORDS.has(word));
}

const MASKED_WORDS: ReadonlySet<string> = new Set(['masked', 'mask', 'redacted', 'obfuscated', 'truncated', 'last', 'partial']);
