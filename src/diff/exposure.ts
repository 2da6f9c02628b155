import type { DocumentIndex, OperationEntry, SchemaEntry } from '../document-index/index.js';
import type { Finding } from '../findings/findings.js';
import { propertyNeighbours } from '../rule-helpers/property-context.js';
import { describeOperation } from '../rule-kit.js';
import {
  canHoldValue,
  formatReason,
  meansSomethingElse,
  PERSONAL_CLASSES,
  SECRET_CLASS,
  sensitivePhrase,
} from '../rule-helpers/sensitive-data.js';
import type { SensitiveClass } from '../rule-helpers/sensitive-data.js';
import type { DiffDocument } from './document.js';
import { REGRESSION_KINDS } from './kinds.js';
import type { OperationPair } from './match.js';
import { regression } from './regression.js';

/*
 * Sensitive fields a response returns in NEW and did not in OLD, for the same operation and
 * status. Fields are classified as the sensitive-data rules classify them (src/rule-helpers/sensitive-data.ts)
 * and found through the index's property lists and usages, so a field that moved to another
 * component, or is reached through another $ref, is the same field.
 */

const CLASSES: ReadonlyArray<[string, SensitiveClass]> = [['secret', SECRET_CLASS], ...Object.entries(PERSONAL_CLASSES)];

/** The extension specguard-sensitive-data-in-responses reads: a field returned with intent, and said so. */
const CLASSIFICATION_EXTENSION = 'x-specguard-classification';

export function exposureRegressions(pairs: readonly OperationPair[], old: DiffDocument, current: DiffDocument): Finding[] {
  const oldOf = new Map(pairs.map(pair => [pair.new, pair.old]));
  const found: Finding[] = [];
  const returned = returnedFields(old.index);
  for (const [name, entries] of current.index.propertiesByName) {
    for (const entry of entries) {
      if (!canHoldValue(entry.schema) || isClassified(entry)) continue;
      const cls = classOf(name, entry, current.index);
      if (cls === undefined) continue;
      // The first response that returns it and did not before: one finding per field, at its place.
      const usage = entry.usages.find(u => {
        const was = oldOf.get(u.operation);
        return u.role === 'response-body' && was !== undefined && u.status !== null && !returned().has(fieldKey(was, u.status, name));
      });
      if (usage !== undefined) {
        const was = oldOf.get(usage.operation)!;
        const response = was.responses.find(r => r.status === usage.status);
        found.push(
          regression(
            REGRESSION_KINDS.sensitiveExposed,
            `${entry.label ?? `Property "${name}"`} (${cls} data) is now returned in response ${usage.status} of ${describeOperation(usage.operation)}: leave it out or mask it, or mark it ${CLASSIFICATION_EXTENSION}: "<reason>".`,
            old.locate(response?.path ?? was.path),
            current.locate(entry.path),
          ),
        );
      }
    }
  }
  return found;
}

/** The class a field's name (or format) puts it in, as the sensitive-data rules decide it. */
function classOf(name: string, entry: SchemaEntry, index: DocumentIndex): string | undefined {
  const field = {
    schema: entry.schema,
    description: entry.schema.description,
    neighbours: () => propertyNeighbours(index.root, entry.path),
  };
  for (const [cls, definition] of CLASSES) {
    const phrase = sensitivePhrase(name, definition.names);
    if (phrase !== undefined ? !meansSomethingElse(phrase, name, field) : formatReason(entry.schema.format, definition, name) !== undefined)
      return cls;
  }
  return undefined;
}

/** Every field OLD returned, by operation, status and name: read once, and only when a sensitive field is found. */
function returnedFields(index: DocumentIndex): () => Set<string> {
  let fields: Set<string> | undefined;
  return () => {
    if (fields !== undefined) return fields;
    fields = new Set();
    for (const [name, entries] of index.propertiesByName)
      for (const entry of entries)
        for (const u of entry.usages)
          if (u.role === 'response-body' && u.status !== null) fields.add(fieldKey(u.operation, u.status, name));
    return fields;
  };
}

/** A field returned by an operation's response of a status. */
const fieldKey = (op: OperationEntry, status: string, name: string): string => JSON.stringify([op.path, status, name]);

function isClassified(entry: SchemaEntry): boolean {
  const mark = entry.schema[CLASSIFICATION_EXTENSION];
  return typeof mark === 'string' && mark.trim() !== '';
}
