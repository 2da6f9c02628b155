import type {
  DocumentIndex,
  JsonObject,
  JsonPath,
  OperationEntry,
  ResponseEntry,
  SchemaEntry,
  SchemaUsage,
} from '../src/document-index/index.js';
import { hasType } from '../src/document-index/inputs.js';
import { isObject } from '../src/document-index/json.js';
import { isTwin } from '../src/document-index/twins.js';
import { CORRELATION_PROPERTIES, isErrorStatus } from '../src/rule-helpers/error-responses.js';
import { matchingPhrase, nameWords } from '../src/rule-helpers/naming.js';
import { propertyHolder, propertyNeighbours } from '../src/rule-helpers/property-context.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import type { RuleResult } from '../src/rule-kit.js';

interface Options extends Record<string, unknown> {
  internalNames: string[];
}

/** What an example must not show, each with how a message names it. Repetitions are bounded, so a hostile example cannot make a pattern backtrack for long. */
const LEAKS: Array<{ what: string; pattern: RegExp }> = [
  { what: 'an exception class name', pattern: /\b(?:[A-Za-z_]\w{0,60}\.){1,10}[A-Z]\w{0,80}(?:Exception|Error)\b/ },
  {
    what: 'a stack frame',
    pattern: /\bat [\w$.<>]{1,200} ?\([^()\s]{0,300}:\d+(?::\d+)?\)|Traceback \(most recent call last\)|File "[^"]+", line \d+/,
  },
  {
    what: 'an SQL error',
    pattern:
      /\bSQLSTATE\b|\bORA-\d{5}\b|syntax error at or near|error in your SQL syntax|\bSQLException\b|\bduplicate key value violates\b/i,
  },
  { what: 'a server file path', pattern: /(?:^|[\s"'(=:])\/(?:usr|var|home|opt|srv|app|etc|tmp|root)\/[\w.-]+|\b[A-Z]:\\[\w. -]+\\/ },
];

/** Example text is read up to this many characters: enough for any stack trace, bounded for huge examples and alias bombs. */
const MAX_EXAMPLE_TEXT = 100_000;

export default defineRule<Options>(
  {
    code: 'specguard-error-internals',
    description:
      'Error responses must not expose internals: no stack traces, exception, SQL, debug, file or line properties in error schemas, and no exception names, SQL errors, stack frames or file paths in error examples.',
    severity: { recommended: 'warn', strict: 'error' },
    owasp: ['API8:2023'],
    owasp2019: ['API7:2019'],
    cwe: ['CWE-209', 'CWE-497'],
    controls: { nist80053: ['SI-11'], soc2: ['CC7.2'], hipaa: ['164.312(a)(1)'] },
    securitySeverity: 5.0,
    options: {
      internalNames: {
        type: 'array',
        items: { type: 'string' },
        default: ['stack', 'stack trace', 'exception', 'sql', 'query', 'debug', 'file', 'line', 'trace'],
        description:
          'Property name phrases that expose internals in an error body, matched on whole words in any case style (`stack trace` matches `stackTrace`, `stack_trace`). Correlation ids (`traceId`, `requestId`, `spanId`) are never reported. Remove `trace` if your API uses it alone for a request id, `query` if errors echo a search query. Replaces the default.',
      },
    },
    messages: {
      internalProperty: ({ name, phrase }) =>
        `${name} of an error response looks like internal detail ("${phrase}"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.`,
      copiedProperty: ({ name, more, phrase }) =>
        `${name} of an error response, copied into ${more}, looks like internal detail ("${phrase}"): leave stack traces, exceptions, queries and source locations in the server logs and return a correlation id instead.`,
      leakyExample: ({ operation, status, what }) =>
        `The example of the ${status} response of ${operation} shows ${what}: error examples teach implementers what to return; show a generic message and a correlation id.`,
      copiedExample: ({ operation, status, more, what }) =>
        `The example of the ${status} response of ${operation}, copied into ${more}, shows ${what}: error examples teach implementers what to return; show a generic message and a correlation id.`,
    },
  },
  (index, { internalNames }, messages) => {
    const results: RuleResult[] = [];
    const found: Array<{ entry: SchemaEntry; name: string; phrase: string }> = [];
    // Each distinct name is matched once; usages are read only for the few properties whose name matches.
    for (const [propertyName, entries] of index.propertiesByName) {
      const phrase = matchingPhrase(propertyName, internalNames);
      // `traceId` holds the correlation id that replaces internals, even though `trace` is listed.
      if (phrase === undefined || matchingPhrase(propertyName, CORRELATION_PROPERTIES) !== undefined) continue;
      for (const entry of entries)
        if (entry.roles.has('response-body') && isErrorDetail(index, entry, propertyName, phrase))
          found.push({ entry, name: propertyName, phrase });
    }
    // A nested exception (.NET `InnerException: Exception`) whose own internals are reported is the same flaw again.
    const reported = new Set(found.map(({ entry }) => entry.schema));
    const kept = found.filter(({ entry }) => !holdsReported(index.root, entry.schema, reported));
    // The same field copied into each error schema (a wrapper per wrapped type) is one flaw: reported at the copy most error responses use.
    for (const copies of twinGroups(kept, ({ name, entry }) => [name, entry.schema])) {
      const { entry, name, phrase } = copies.reduce((best, copy) => (errorUses(copy.entry) > errorUses(best.entry) ? copy : best));
      const label = entry.label ?? `Property "${name}"`;
      results.push({
        message:
          copies.length > 1
            ? messages.copiedProperty({ name: label, more: plural(copies.length - 1, 'more schema'), phrase })
            : messages.internalProperty({ name: label, phrase }),
        path: entry.path,
      });
    }
    // The same example text written into many responses is one flaw: reported at its first, naming how many repeat it.
    for (const copies of twinGroups(leakyExamples(index), ({ text }) => [text, undefined])) {
      const { op, response, path, leak } = copies[0];
      const others = new Set(copies.map(copy => copy.response.response)).size - 1;
      const parts = { operation: describeOperation(op), status: response.status, what: leak.what };
      results.push({
        message: others > 0 ? messages.copiedExample({ ...parts, more: plural(others, 'more response') }) : messages.leakyExample(parts),
        path,
      });
    }
    return results;
  },
);

/**
 * Whether a property an internal name matched is detail of an error body: returned with an error
 * status, and read as what it is (see meansInternal). Below the body's top level, an object that
 * success responses return too is the API's domain object embedded in the error (a `File` in a
 * 409, Stripe's `error.source`), unless it is named as error detail itself
 * (`ExceptionDetail.stackTrace` inside an `ErrorSummary` that batch results also list).
 */
function isErrorDetail(index: DocumentIndex, entry: SchemaEntry, name: string, phrase: string): boolean {
  const responses = entry.usages.filter(u => u.role === 'response-body' && u.operation.kind === 'path' && u.status !== null);
  const errors = responses.filter(u => isErrorResponse(u.operation, u.status as string));
  if (errors.length === 0 || !meansInternal(index, entry, name, phrase)) return false;
  const successBodies = new Set(responses.filter(u => !errors.includes(u)).map(u => u.schema));
  if (successBodies.size === 0 || holderNamedAsError(index, entry.path)) return true;
  // At the top level of an error body it is error detail, unless that body is a success body too (a 451 reusing the 200's export).
  return errors.some(u => !successBodies.has(u.schema) && isTopLevel(index, u, entry.schema, name));
}

/** The error responses' examples that show internals, each with its text, in document order (a shared response once). */
function leakyExamples(index: DocumentIndex) {
  const found: Array<{ op: OperationEntry; response: ResponseEntry; path: JsonPath; text: string; leak: (typeof LEAKS)[number] }> = [];
  const seen = new Set<unknown>();
  for (const op of index.operations) {
    for (const response of op.responses) {
      if (!isErrorResponse(op, response.status) || seen.has(response.response)) continue;
      seen.add(response.response);
      for (const [value, path] of examplesOf(response, index.version === '2.0')) {
        const text = exampleText(value);
        const leak = LEAKS.find(({ pattern }) => pattern.test(text));
        if (leak !== undefined) found.push({ op, response, path, text, leak });
      }
    }
  }
  return found;
}

/**
 * Items grouped as copies of each other, in order of their first: the same key, and schemas
 * that say the same thing (see isTwin; no schema: the key alone).
 */
function twinGroups<T>(items: readonly T[], keyOf: (item: T) => [string, JsonObject | undefined]): T[][] {
  const byKey = new Map<string, Array<{ schema: JsonObject | undefined; copies: T[] }>>();
  const groups: T[][] = [];
  for (const item of items) {
    const [key, schema] = keyOf(item);
    const known = byKey.get(key) ?? [];
    byKey.set(key, known);
    const twin = known.find(
      group => group.schema === schema || (group.schema !== undefined && schema !== undefined && isTwin(group.schema, schema)),
    );
    if (twin !== undefined) twin.copies.push(item);
    else {
      const copies = [item];
      known.push({ schema, copies });
      groups.push(copies);
    }
  }
  return groups;
}

/** How many error responses use the schema: the API's own error shape is used by the most. */
function errorUses(entry: SchemaEntry): number {
  return entry.usages.filter(u => u.role === 'response-body' && u.status !== null && isErrorResponse(u.operation, u.status)).length;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * Whether the schema, or one of its oneOf/anyOf/allOf branches, has a property already reported.
 * A recursive branch keeps its local `$ref` (the index resolves only acyclic ones), so it is followed here.
 */
function holdsReported(root: JsonObject, schema: JsonObject, reported: ReadonlySet<JsonObject>): boolean {
  const branches = ['oneOf', 'anyOf', 'allOf'].flatMap(key => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
  return [schema, ...branches].some(branch => {
    const member = isObject(branch) && typeof branch.$ref === 'string' ? localTarget(root, branch.$ref) : branch;
    return (
      isObject(member) &&
      isObject(member.properties) &&
      Object.values(member.properties).some(p => isObject(p) && p !== schema && reported.has(p))
    );
  });
}

/** The value a local `#/...` reference points at, or undefined. */
function localTarget(root: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let value: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** Whether the object holding the property is named as error detail (`ExceptionDetail`, `ErrorSummary`, a `fault` property). */
function holderNamedAsError(index: DocumentIndex, path: JsonPath): boolean {
  const name = propertyHolder(index.root, path)?.name;
  return name !== undefined && nameWords(name).some(word => ERROR_WORDS.has(word));
}

/**
 * An error status, but not `default` where the operation declares no 2xx: there `default` is the
 * success response (FEC, Betfair, InfluxDB document their only response so).
 */
function isErrorResponse(op: OperationEntry, status: string): boolean {
  if (!isErrorStatus(status)) return false;
  return status.trim() !== 'default' || op.responses.some(response => /^2(?:\d\d|XX)$/i.test(response.status.trim()));
}

/** Whether the property is its own (or an allOf branch's) property of the body schema the use starts from. */
function isTopLevel(index: DocumentIndex, use: SchemaUsage, property: JsonObject, name: string): boolean {
  return (index.allOfPeers.group(use.schema) ?? [use.schema]).some(
    member => isObject(member.properties) && member.properties[name] === property,
  );
}

/**
 * Names that hold internals only in some shapes: `query` as text (an SQL query), not an object
 * (the request's query parameters, grouped or echoed back); `file` and `line` as source locations:
 * the whole name, or a file name beside a line number (`fileName` and `lineNumber`), never
 * `address_line1`, `file_number` or `last_file_date`.
 */
function meansInternal(index: DocumentIndex, entry: SchemaEntry, name: string, phrase: string): boolean {
  const words = nameWords(phrase).join(' ');
  if (words === 'query') return !hasType(entry.schema, 'object') && !hasType(entry.schema, 'array') && !isObject(entry.schema.properties);
  if (words !== 'file' && words !== 'line') return true;
  // A list or map of messages (`file: ["field errors"]`), or a place in what the client sent, is not the server's code.
  if (hasType(entry.schema, 'array') || hasType(entry.schema, 'object') || isObject(entry.schema.properties)) return false;
  if (typeof entry.schema.description === 'string' && CLIENT_INPUT.test(entry.schema.description)) return false;
  const own = nameWords(name).join(' ');
  if (own === words) return true;
  const [mine, other] = words === 'file' ? [SOURCE_FILE, SOURCE_LINE] : [SOURCE_LINE, SOURCE_FILE];
  return mine.has(own) && propertyNeighbours(index.root, entry.path).some(near => other.has(nameWords(near).join(' ')));
}

/** Descriptions that place a file or line in the client's own input: the request, the sent body, an uploaded document, a policy module. */
const CLIENT_INPUT = /\b(?:request|sent|submitted|uploaded|input|payload|body|fields?|document|policy)\b/i;
const ERROR_WORDS: ReadonlySet<string> = new Set(['error', 'errors', 'exception', 'exceptions', 'fault', 'problem', 'failure']);
const SOURCE_FILE: ReadonlySet<string> = new Set(['file', 'file name', 'filename', 'file path', 'filepath', 'source file']);
const SOURCE_LINE: ReadonlySet<string> = new Set(['line', 'line number', 'lineno', 'line no', 'line num']);

/** A response's example values with their paths: OAS2 `examples.<media type>`, OAS3 each media type's `example` and `examples.<name>.value`. */
function examplesOf(response: ResponseEntry, oas2: boolean): Array<[unknown, JsonPath]> {
  const found: Array<[unknown, JsonPath]> = [];
  if (oas2) {
    if (isObject(response.response.examples))
      for (const [mediaType, value] of Object.entries(response.response.examples))
        found.push([value, [...response.path, 'examples', mediaType]]);
    return found;
  }
  const content = response.response.content;
  if (!isObject(content)) return found;
  for (const [mediaType, media] of Object.entries(content)) {
    if (!isObject(media)) continue;
    const at = [...response.path, 'content', mediaType];
    if (media.example !== undefined) found.push([media.example, [...at, 'example']]);
    if (isObject(media.examples))
      for (const [name, example] of Object.entries(media.examples))
        if (isObject(example) && example.value !== undefined) found.push([example.value, [...at, 'examples', name, 'value']]);
  }
  return found;
}

/** The strings in an example value, depth-first, until MAX_EXAMPLE_TEXT characters have been read. */
function exampleText(value: unknown): string {
  const parts: string[] = [];
  let length = 0;
  const stack = [value];
  while (stack.length > 0 && length < MAX_EXAMPLE_TEXT) {
    const item = stack.pop();
    if (typeof item === 'string') {
      parts.push(item);
      length += item.length;
    } else if (typeof item === 'object' && item !== null) {
      // A cyclic value is not possible in parsed YAML/JSON examples beyond anchors, which the cap bounds.
      const children = Object.values(item);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return parts.join('\n').slice(0, MAX_EXAMPLE_TEXT);
}
