import { memoizedPerObject } from './document-index/index.js';
import type { DocumentIndex, JsonObject, JsonPath, OperationEntry } from './document-index/index.js';
import { headerValues } from './header-values.js';
import { describeOperation } from './rule-kit.js';

/*
 * What the document says about the retirement of its deprecated operations, parameters and
 * schemas: a sunset date (RFC 8594 `Sunset` header, or an extension), a `Deprecation` header
 * (RFC 9745) and a successor (`Link` header, or an extension). Read by
 * specguard-deprecation-metadata and specguard-sunset-passed.
 */

export interface DeprecatedItem {
  /** `Operation GET /v1/pets`, `Parameter "sort" of Operation GET /pets`, `Property "legacyId"`. */
  name: string;
  path: JsonPath;
  /** Set for operations: their responses may carry the headers. */
  operation?: OperationEntry;
  /** The object that may carry the extensions. */
  holder: JsonObject;
}

// Two rules ask for the same document.
export const deprecatedItems: (index: DocumentIndex) => readonly DeprecatedItem[] = memoizedPerObject(collectDeprecatedItems);

function collectDeprecatedItems(index: DocumentIndex): DeprecatedItem[] {
  const items: DeprecatedItem[] = [];
  const seenParameters = new Set<JsonObject>();
  for (const op of index.operations) {
    if (op.operation.deprecated === true)
      items.push({ name: describeOperation(op), path: [...op.path, 'deprecated'], operation: op, holder: op.operation });
    for (const { parameter, path } of op.parameters) {
      if (parameter.deprecated !== true || seenParameters.has(parameter)) continue;
      seenParameters.add(parameter);
      items.push({
        name: `Parameter "${String(parameter.name)}" of ${describeOperation(op)}`,
        path: [...path, 'deprecated'],
        holder: parameter,
      });
    }
  }
  for (const entry of index.schemasWith.deprecated) {
    // A Swagger 2.0 non-body parameter is its own schema: it is reported as the parameter.
    if (entry.schema.deprecated === true && !seenParameters.has(entry.schema))
      items.push({ name: entry.label ?? 'Schema', path: [...entry.path, 'deprecated'], holder: entry.schema });
  }
  return items;
}

/** The response headers named `name` (case-insensitive) across an operation's responses. */
export function responseHeaders(op: OperationEntry | undefined, name: string): JsonObject[] {
  if (op === undefined) return [];
  const lower = name.toLowerCase();
  return op.responses.flatMap(r => r.headers.filter(h => h.name.toLowerCase() === lower).map(h => h.header));
}

/** A sunset date written as an ISO date or an HTTP-date; undefined when it is not a date. */
export function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/\d{4}/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** The item's sunset dates: from its sunset extension, and for operations from Sunset response headers. */
export function sunsetDates(item: DeprecatedItem, sunsetExtension: string): Array<{ date: Date; text: string }> {
  const values = [item.holder[sunsetExtension], ...responseHeaders(item.operation, 'Sunset').flatMap(headerValues)];
  return values.flatMap(value => {
    const date = parseDate(value);
    return date === undefined ? [] : [{ date, text: String(value) }];
  });
}
