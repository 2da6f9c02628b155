import { isObject, memoizedPerObject } from '../document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, OperationEntry } from '../document-index/index.js';
import { headerValues } from './header-values.js';
import { describeOperation } from '../rule-kit.js';

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

/**
 * Whether the item says when it goes away: its sunset extension, a Sunset response header, a
 * vendor extension's removal date (`x-ms-deprecation.removalDate`, `x-github.removalDate`), or
 * its own words (`will be removed starting May 2021`).
 */
export function documentsSunset(item: DeprecatedItem, sunsetExtension: string): boolean {
  return (
    item.holder[sunsetExtension] !== undefined ||
    responseHeaders(item.operation, 'Sunset').length > 0 ||
    vendorRemovalDates(item.holder).length > 0 ||
    deprecationProse(item.holder).some(text => REMOVAL_DATE.test(text))
  );
}

/**
 * Whether the item names its replacement: its successor extension, a Link response header with
 * rel="successor-version", or its own words (`use /v2/pets instead`, `in favor of sort`).
 */
export function documentsSuccessor(item: DeprecatedItem, successorExtension: string): boolean {
  return (
    item.holder[successorExtension] !== undefined ||
    responseHeaders(item.operation, 'Link').some(
      header =>
        headerValues(header).some(v => typeof v === 'string' && /rel="?successor-version/i.test(v)) ||
        (typeof header.description === 'string' && /successor-version/i.test(header.description)),
    ) ||
    deprecationProse(item.holder).some(text => SUCCESSOR.test(text))
  );
}

/**
 * Removal dates vendors record in their own deprecation extensions. They are plans per release
 * as often as dates of the running API (a GitHub Enterprise Server description keeps the
 * endpoints a later release removes), so they document a sunset but sunsetDates leaves them out.
 */
function vendorRemovalDates(holder: JsonObject): Date[] {
  return VENDOR_REMOVAL_DATES.flatMap(([extension, key]) => {
    const record = holder[extension];
    const date = isObject(record) ? parseDate(record[key]) : undefined;
    return date === undefined ? [] : [date];
  });
}

const VENDOR_REMOVAL_DATES: ReadonlyArray<[extension: string, key: string]> = [
  ['x-ms-deprecation', 'removalDate'],
  ['x-github', 'removalDate'],
];

/** The text that may say when the item goes away and what replaces it, each cut to a length worth reading. */
function deprecationProse(holder: JsonObject): string[] {
  const microsoft = holder['x-ms-deprecation'];
  const texts = [
    holder.summary,
    holder.description,
    holder['x-deprecatedMessage'],
    isObject(microsoft) ? microsoft.description : undefined,
  ];
  return texts.filter((text): text is string => typeof text === 'string').map(text => text.slice(0, MAX_PROSE));
}

const MAX_PROSE = 4_000;

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE = `(?:\\d{4}-\\d{2}-\\d{2}|${MONTH}\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+\\d{4}|q[1-4]\\s+\\d{4})`;

/** A removal and its date in one sentence: `will be removed starting May 2021`, `stop returning data on March 2023`. */
const REMOVAL_DATE = new RegExp(
  `\\b(?:remov(?:ed|al)|retir(?:ed|ement)|discontinu(?:ed|ation)|sunset(?:ted)?|shut\\s?down|decommission(?:ed)?|end[- ]of[- ]life|stop\\s+(?:working|returning|being)|no\\s+longer\\s+(?:be\\s+)?(?:available|supported))\\b[^.]{0,60}?\\b${DATE}\\b`,
  'i',
);

/**
 * A replacement named in so many words: `use X instead`, `in favor of X`, `replaced by X`,
 * `use the new X`, `start using X`, `moved to X`, `successor`. A bare "use" is not one.
 */
const SUCCESSOR =
  /\binstead\b(?!\s+of\b)|\buse\b[^.]{1,80}?\binstead of\b|\bin\s+favou?r\s+of\b|\b(?:replaced|superseded)\s+(?:by|with)\b|\b(?:use|using)\s+the\s+new\b|\bstart\s+using\b|\b(?:moved|migrated)\s+to\b|\bsuccessor\b/i;

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
