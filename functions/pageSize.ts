import { hasType } from '../src/document-index/inputs.js';
import { isObject } from '../src/document-index/json.js';
import type { DocumentIndex, JsonObject, JsonPath, OperationEntry } from '../src/document-index/index.js';
import { nameWords } from '../src/rule-helpers/naming.js';
import { defineRule, describeOperation } from '../src/rule-kit.js';
import numberRange from './numberRange.js';

interface Options extends Record<string, unknown> {
  pageSizeParameters: string[];
  pageItemProperties: string[];
  pageMetadataProperties: string[];
}

const SUCCESS = /^2(\d\d|XX)$/i;

/** A name as whole words, so `per_page`, `perPage` and `page[size]` compare equal to their list entry. */
const normalized = (name: string) => nameWords(name).join(' ');
const asNameSet = (names: string[]) => new Set(names.map(normalized));

export default defineRule<Options>(
  {
    code: 'specguard-page-size',
    description:
      'List operations (a GET returning an array, or a page object holding one) must bound the page size: a limit-like parameter with a maximum, or maxItems on the array.',
    // Info: a list without a page-size parameter is as often a short server-defined list as a
    // growing collection (see the docs page); an unbounded page-size parameter is number-range's, at warn.
    severity: { recommended: 'info', strict: 'warn' },
    owasp: ['API4:2023'],
    owasp2019: ['API4:2019'],
    cwe: ['CWE-770'],
    controls: { nist80053: ['SC-5', 'SI-10'], soc2: ['A1.1'], hipaa: ['164.312(c)(1)'] },
    securitySeverity: 4.0,
    defersTo: [
      {
        owner: () => numberRange,
        why: 'an integer or number page-size parameter without a maximum is its finding, which names huge page sizes',
      },
    ],
    options: {
      pageSizeParameters: {
        type: 'array',
        items: { type: 'string' },
        default: [
          'limit',
          'pageSize',
          'perPage',
          'size',
          'pageLimit',
          'maxResults',
          'maxItems',
          'maxPageSize',
          'top',
          'first',
          'last',
          'take',
          'count',
          'pagelen',
          'itemsPerPage',
          'resultsPerPage',
        ],
        description:
          'Query parameter names that set how many items a list returns. A name matches in any case style (`per_page`, `PerPage`, `page[size]` match `perPage` / `pageSize`) but only as the whole name. The list replaces the default.',
      },
      pageItemProperties: {
        type: 'array',
        items: { type: 'string' },
        default: ['items', 'data', 'results', 'records', 'entries', 'content', 'values', 'elements', 'hits', 'nodes', 'edges', 'rows'],
        description:
          'Property names under which a page object holds its items (`{"items": [...], "next": ...}`). Matched like `pageSizeParameters`. The list replaces the default.',
      },
      pageMetadataProperties: {
        type: 'array',
        items: { type: 'string' },
        default: ['total', 'totalCount', 'count', 'next', 'nextCursor', 'cursor', 'nextPageToken', 'nextToken', 'hasMore', 'page'],
        description:
          'Property names that mark an object as a page: an object with one of these (a string, number or boolean) and exactly one array property is a page of that array, whatever the array is called (`{"total_count": 2, "repositories": [...]}`). The list replaces the default.',
      },
    },
    messages: {
      unboundedParameter: ({ name, operation }) =>
        `${name} sets the page size of ${operation} without a maximum: add maximum (and a default) so one request cannot pull the whole collection.`,
      noPageSize: ({ operation }) =>
        `${operation} returns a list with no bounded page size: add a page-size query parameter (such as limit) with a maximum, or maxItems on this array, so one request cannot pull the whole collection.`,
    },
  },
  (index, options, messages) => {
    const pageSizeNames = asNameSet(options.pageSizeParameters);
    const itemNames = asNameSet(options.pageItemProperties);
    const metadataNames = asNameSet(options.pageMetadataProperties);
    const membersOf = (schema: JsonObject) => index.allOfPeers.group(schema) ?? [schema];
    const reported = new Set<JsonObject>();
    const results: Array<{ message: string; path: JsonPath }> = [];
    const report = (schema: JsonObject, fallback: JsonPath, message: string) => {
      if (reported.has(schema)) return;
      reported.add(schema);
      results.push({ message, path: index.schemas.get(schema)?.path ?? fallback });
    };
    for (const op of index.operations) {
      if (op.method !== 'get') continue;
      const list = listArrayOf(op, index, membersOf, itemNames, metadataNames);
      if (list === undefined) continue;
      const pageSizes = pageSizeParameters(op, index, pageSizeNames);
      // A page-size parameter says the operation pages, whatever its path looks like.
      if (pageSizes.length === 0 && readsOneByKey(op.pathKey)) continue;
      if (pageSizes.some(p => membersOf(p.schema).some(hasMaximum)) || membersOf(list.schema).some(hasMaxItems)) continue;
      const operation = describeOperation(op);
      if (pageSizes.length === 0) report(list.schema, list.path, messages.noPageSize({ operation }));
      for (const { schema, path, name } of pageSizes) {
        report(schema, path, messages.unboundedParameter({ name: `Parameter "${name}"`, operation }));
      }
    }
    return results;
  },
);

const SCALAR_TYPES = ['string', 'integer', 'number', 'boolean'];
const hasMaximum = (schema: JsonObject) =>
  typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number' || Array.isArray(schema.enum) || 'const' in schema;
const hasMaxItems = (schema: JsonObject) => typeof schema.maxItems === 'number';
const isArraySchema = (schema: JsonObject) => hasType(schema, 'array') || (schema.type === undefined && isObject(schema.items));

/** An array of values from a fixed set (items with an enum or const): a server-defined list, not a growing collection. */
function holdsFixedValues(array: JsonObject, membersOf: (schema: JsonObject) => readonly JsonObject[]): boolean {
  const items = membersOf(array)
    .map(member => member.items)
    .find(isObject);
  return items !== undefined && membersOf(items).some(item => Array.isArray(item.enum) || 'const' in item);
}

/** Words a path parameter ends with when it names one item: `orderId`, `user_name`, `{key}`. */
const IDENTIFIER_WORDS: ReadonlySet<string> = new Set(['id', 'ids', 'key', 'keys', 'uuid', 'guid', 'slug', 'name', 'number', 'code']);
/** Words of a path segment that make the parameter after it a filter: `/edges/from/{id}`. */
const FILTER_WORDS: ReadonlySet<string> = new Set(['by', 'from', 'for', 'of', 'in', 'per', 'with', 'since', 'until']);
/** The same, run together with the item's name in one lowercase word: `strategyid`, `filename`. */
const GLUED_IDENTIFIER = /^([a-z]+?)(id|key|uuid|name)$/;

/**
 * Whether a GET path reads one item by its key: it ends in a path parameter that is the only
 * segment (`/{bin}`), or that names an item of the collection before it (`/orders/{orderId}`,
 * `/suffixes/{suffix}`, `/users/{id}`). An array such a lookup returns wraps what was looked up,
 * not a page of a collection. A parameter that filters a collection (`/apis/{owner}`,
 * `/PlayersByTeam/{teamId}`, `/games/{season}`) is not a key, nor is one after a version
 * (`/v1/{name}`, a resource name of any kind).
 */
function readsOneByKey(pathKey: string): boolean {
  const segments = pathKey.split('/').filter(segment => segment !== '');
  const key = /^\{([^{}]+)\}$/.exec(segments[segments.length - 1] ?? '')?.[1];
  if (key === undefined) return false;
  if (segments.length === 1) return true;
  const before = segments[segments.length - 2];
  const collection = nameWords(before);
  const last = collection[collection.length - 1];
  // `/{season}/{week}`, `/PlayersByTeam/{team}` and `/edges/from/{id}` narrow a collection down; they name no item of it.
  if (
    before.includes('{') ||
    /^v\d/i.test(before) ||
    last === undefined ||
    FILTER_WORDS.has(last) ||
    collection[collection.length - 2] === 'by'
  )
    return false;
  const item = itemNameOf(key);
  return item === '' || last === item || [`${item}s`, `${item}es`, item.replace(/y$/, 'ies')].includes(last);
}

/** The item a key parameter names: `orderId` -> `order`, `strategyid` -> `strategy`, `suffix` -> `suffix`, `id` -> ''. */
function itemNameOf(key: string): string {
  const words = nameWords(key);
  const last = words[words.length - 1] ?? '';
  if (IDENTIFIER_WORDS.has(last)) return words[words.length - 2] ?? '';
  return GLUED_IDENTIFIER.exec(last)?.[1] ?? last;
}

/** The page-size query parameters of an operation (path-level ones included), with the schema that would carry the maximum. */
function pageSizeParameters(op: OperationEntry, index: DocumentIndex, names: ReadonlySet<string>) {
  const found: Array<{ schema: JsonObject; path: JsonPath; name: string }> = [];
  for (const { parameter, path } of op.parameters) {
    if (parameter.in !== 'query' || typeof parameter.name !== 'string' || !names.has(normalized(parameter.name))) continue;
    // An OAS2 parameter is its own schema.
    const schema = index.version === '2.0' ? parameter : parameter.schema;
    if (isObject(schema)) found.push({ schema, path: index.version === '2.0' ? path : [...path, 'schema'], name: parameter.name });
  }
  return found;
}

/**
 * The array a GET's success response lists, if it returns one: the body itself, or the items
 * property of a page object (a property named like `items`, or the one array beside a scalar
 * `total` or `next` property).
 */
function listArrayOf(
  op: OperationEntry,
  index: DocumentIndex,
  membersOf: (schema: JsonObject) => readonly JsonObject[],
  itemNames: ReadonlySet<string>,
  metadataNames: ReadonlySet<string>,
): { schema: JsonObject; path: JsonPath } | undefined {
  for (const response of op.responses) {
    if (!SUCCESS.test(response.status)) continue;
    for (const { schema, path } of response.content) {
      if (schema === undefined) continue;
      const members = membersOf(schema);
      const array = members.find(isArraySchema);
      if (array !== undefined) {
        if (holdsFixedValues(array, membersOf)) continue;
        return { schema: array, path: [...path, 'schema'] };
      }
      const page = pageItems(members, membersOf, itemNames, metadataNames);
      if (page !== undefined && !holdsFixedValues(page, membersOf))
        return { schema: page, path: index.schemas.get(page)?.path ?? [...path, 'schema'] };
    }
  }
  return undefined;
}

function pageItems(
  members: readonly JsonObject[],
  membersOf: (schema: JsonObject) => readonly JsonObject[],
  itemNames: ReadonlySet<string>,
  metadataNames: ReadonlySet<string>,
): JsonObject | undefined {
  const arrays: JsonObject[] = [];
  let named: JsonObject | undefined;
  let hasMetadata = false;
  for (const member of members) {
    if (!isObject(member.properties)) continue;
    for (const [name, property] of Object.entries(member.properties)) {
      if (!isObject(property)) continue;
      const key = normalized(name);
      const array = membersOf(property).find(isArraySchema);
      // A cursor or count is a scalar: `next: {$ref: Node}` is a linked node, not a page marker.
      if (array === undefined) hasMetadata ||= metadataNames.has(key) && SCALAR_TYPES.some(type => hasType(property, type));
      else {
        arrays.push(array);
        if (named === undefined && itemNames.has(key)) named = array;
      }
    }
  }
  return named ?? (hasMetadata && arrays.length === 1 ? arrays[0] : undefined);
}
