import type { JsonObject, SchemaEntry } from '../src/document-index/index.js';
import { defineRule } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';
import { canHoldValue, CLASS_SCHEMA, formatReason, PERSONAL_CLASSES, returnedWhere, sensitivePhrase } from '../src/sensitive-data.js';
import type { SensitiveClass } from '../src/sensitive-data.js';

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
    const judge = (entry: SchemaEntry, propertyName: string, byName: readonly boolean[]) => {
      let found: { cls: string; reason: string } | undefined;
      for (let i = 0; i < classList.length && found === undefined; i++) {
        const reason = byName[i] ? '' : formatReason(entry.schema.format, classList[i][1]);
        if (reason !== undefined) found = { cls: classList[i][0], reason };
      }
      if (found === undefined || returnedWhere(entry) === undefined || !canHoldValue(entry.schema)) return;
      // allOf peers describe one property: a classification on any of them holds for all.
      const group = index.allOfPeers.group(entry.schema) ?? [entry.schema];
      if (reportedGroups.has(group)) return;
      reportedGroups.add(group);
      const name = entry.label ?? `Property "${propertyName}"`;
      const marks = group.map(peer => peer[classificationExtension]).filter(mark => mark !== undefined);
      if (marks.some(hasReason)) return;
      results.push({
        message:
          marks.length > 0
            ? messages.noReason({ name, extension: classificationExtension })
            : messages.unclassified({ name, ...found, where: returnedWhere(entry) as string, extension: classificationExtension }),
        path: entry.path,
      });
    };
    const byNameOf = (propertyName: string) =>
      classList.map(([, definition]) => sensitivePhrase(propertyName, definition.names) !== undefined);
    // Each distinct property name is matched once.
    for (const [propertyName, entries] of index.propertiesByName) {
      const byName = byNameOf(propertyName);
      if (!byName.includes(true)) continue;
      for (const entry of entries) judge(entry, propertyName, byName);
    }
    // A name no class matches leaves only formats: only the schemas that have one are read.
    if (anyFormats) {
      for (const entry of index.schemasWith.format) {
        if (entry.propertyName === undefined) continue;
        const byName = byNameOf(entry.propertyName);
        if (!byName.includes(true)) judge(entry, entry.propertyName, byName);
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
