import { asArray, isObject, objectEntries } from './json.js';
import { AllOfPeerIndex } from './peers.js';
import type { AllOfPeers, JsonObject, JsonPath, OasVersion, OperationEntry, SchemaEntry, SchemaRole } from './types.js';

/**
 * A path as a chain of links to its parent, so reaching a schema 10,000 levels deep costs one
 * small link, not a copy of a 20,000-element array. Turned into a JsonPath only when read.
 */
interface PathLink {
  parent: PathLink | null;
  keys: JsonPath;
}

interface Visit {
  schema: JsonObject;
  at: PathLink;
  role: SchemaRole;
  propertyName?: string;
  label?: string;
}

/** Keywords whose value is one subschema describing the same value. `not` is left out: its constraints are inverted. */
const SAME_VALUE_SUBSCHEMA = ['if', 'then', 'else'] as const;
/** Keywords whose value is one subschema describing each item of an array. */
const ITEM_SUBSCHEMA = ['items', 'additionalItems', 'contains', 'unevaluatedItems'] as const;
/** Keywords whose value is one subschema describing each value of an object. */
const VALUE_SUBSCHEMA = ['additionalProperties', 'unevaluatedProperties'] as const;
/** Keywords whose value is an array of subschemas describing the same value. */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value maps names to subschemas describing the same value. */
const SAME_VALUE_MAPS = ['dependentSchemas', 'dependencies'] as const;

/**
 * The one schema walker. Finds every schema an operation uses (request bodies, parameters,
 * response bodies, response headers), in every role it is used in, walking each (schema, role)
 * pair once, so shared and circular schemas cost nothing extra. Iterative, and paths are built
 * only when read, so a 10,000-level deep document neither overflows the stack nor costs
 * quadratic memory.
 */
export function collectSchemas(
  operations: OperationEntry[],
  version: OasVersion,
): { schemas: Map<JsonObject, SchemaEntry>; allOfPeers: AllOfPeers } {
  const schemas = new Map<JsonObject, SchemaEntry>();
  const allOfPeers = new AllOfPeerIndex();
  const stack: Visit[] = [];

  for (const op of operations) {
    // Pushed in reverse so the walk visits operations and their parts in document order.
    const roots = operationSchemaRoots(op, version);
    for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]);
    while (stack.length > 0) {
      const visit = stack.pop() as Visit;
      const entry = schemas.get(visit.schema);
      if (entry?.roles.has(visit.role)) continue;
      if (entry) entry.roles.add(visit.role);
      else {
        schemas.set(visit.schema, newEntry(visit));
        if (Array.isArray(visit.schema.allOf)) allOfPeers.addAllOf(visit.schema);
      }
      const children = childVisits(visit);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return { schemas, allOfPeers };
}

function newEntry({ schema, at, role, propertyName, label }: Visit): SchemaEntry {
  const entry = { schema } as SchemaEntry;
  let path: JsonPath | undefined;
  Object.defineProperty(entry, 'path', {
    enumerable: true,
    get: () => (path ??= materialize(at)),
  });
  entry.roles = new Set([role]);
  if (propertyName !== undefined) entry.propertyName = propertyName;
  if (label !== undefined) entry.label = label;
  return entry;
}

function materialize(at: PathLink): JsonPath {
  const chunks: JsonPath[] = [];
  for (let link: PathLink | null = at; link !== null; link = link.parent) chunks.push(link.keys);
  const path: JsonPath = [];
  for (let i = chunks.length - 1; i >= 0; i--) for (const key of chunks[i]) path.push(key);
  return path;
}

const link = (parent: PathLink | null, ...keys: JsonPath): PathLink => ({ parent, keys });

/** `Each item of Property "tags"`; never nested twice, so labels stay short however deep the schema. */
function nestedLabel(prefix: 'Each item of' | 'Each value of', label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (label.startsWith('Each item of ') || label.startsWith('Each value of ')) return label;
  const inner = label === 'Request body' || label === 'Response body' ? `the ${label.toLowerCase()}` : label;
  return `${prefix} ${inner}`;
}

function childVisits({ schema, at, role, label }: Visit): Visit[] {
  const out: Visit[] = [];
  const push = (child: unknown, keys: JsonPath, childLabel: string | undefined, propertyName?: string) => {
    if (!isObject(child)) return; // boolean schemas (3.1) and odd shapes constrain nothing here
    out.push({
      schema: child,
      at: link(at, ...keys),
      role,
      ...(propertyName !== undefined ? { propertyName } : {}),
      ...(childLabel !== undefined ? { label: childLabel } : {}),
    });
  };
  for (const [name, property] of objectEntries(schema.properties)) {
    // A readOnly property is not accepted in a request, a writeOnly one never leaves in a response.
    if ((role === 'request-body' || role === 'parameter') && property.readOnly === true) continue;
    if ((role === 'response-body' || role === 'header') && property.writeOnly === true) continue;
    push(property, ['properties', name], `Property "${name}"`, name);
  }
  for (const keyword of ITEM_SUBSCHEMA) {
    const child = schema[keyword];
    if (keyword === 'items' && Array.isArray(child)) child.forEach((item, i) => push(item, [keyword, i], nestedLabel('Each item of', label)));
    else push(child, [keyword], nestedLabel('Each item of', label));
  }
  asArray(schema.prefixItems).forEach((item, i) => push(item, ['prefixItems', i], nestedLabel('Each item of', label)));
  for (const keyword of VALUE_SUBSCHEMA) push(schema[keyword], [keyword], nestedLabel('Each value of', label));
  for (const [pattern, child] of objectEntries(schema.patternProperties)) {
    push(child, ['patternProperties', pattern], nestedLabel('Each value of', label));
  }
  for (const keyword of SAME_VALUE_SUBSCHEMA) push(schema[keyword], [keyword], label);
  for (const keyword of SAME_VALUE_LISTS) asArray(schema[keyword]).forEach((child, i) => push(child, [keyword, i], label));
  for (const keyword of SAME_VALUE_MAPS) {
    for (const [name, child] of objectEntries(schema[keyword])) push(child, [keyword, name], label);
  }
  return out;
}

/** Where an operation's schemas start, with the role each one plays. */
function operationSchemaRoots(op: OperationEntry, version: OasVersion): Visit[] {
  const roots: Visit[] = [];
  const root = (schema: unknown, path: JsonPath, role: SchemaRole, label: string | undefined) => {
    if (isObject(schema)) roots.push({ schema, at: link(null, ...path), role, ...(label !== undefined ? { label } : {}) });
  };
  for (const { parameter, path } of op.parameters) {
    const label = typeof parameter.name === 'string' ? `Parameter "${parameter.name}"` : undefined;
    if (version === '2.0') {
      if (parameter.in === 'body') root(parameter.schema, [...path, 'schema'], 'request-body', 'Request body');
      // An OAS2 non-body parameter is itself the schema (type, maxLength, items...).
      else root(parameter, path, 'parameter', label);
    } else {
      root(parameter.schema, [...path, 'schema'], 'parameter', label);
      pushContentSchemas(root, parameter.content, path, 'parameter', label);
    }
  }
  const body = op.operation.requestBody;
  if (version !== '2.0' && isObject(body)) pushContentSchemas(root, body.content, [...op.path, 'requestBody'], 'request-body', 'Request body');

  for (const [status, response] of objectEntries(op.operation.responses)) {
    if (status.startsWith('x-')) continue; // a specification extension of the Responses object, not a response
    const responsePath = [...op.path, 'responses', status];
    if (version === '2.0') {
      root(response.schema, [...responsePath, 'schema'], 'response-body', 'Response body');
      for (const [name, header] of objectEntries(response.headers)) {
        root(header, [...responsePath, 'headers', name], 'header', `Header "${name}"`);
      }
    } else {
      pushContentSchemas(root, response.content, responsePath, 'response-body', 'Response body');
      for (const [name, header] of objectEntries(response.headers)) {
        const headerPath = [...responsePath, 'headers', name];
        const label = `Header "${name}"`;
        root(header.schema, [...headerPath, 'schema'], 'header', label);
        pushContentSchemas(root, header.content, headerPath, 'header', label);
      }
    }
  }
  return roots;
}

function pushContentSchemas(
  root: (schema: unknown, path: JsonPath, role: SchemaRole, label: string | undefined) => void,
  content: unknown,
  ownerPath: JsonPath,
  role: SchemaRole,
  label: string | undefined,
): void {
  for (const [mediaType, media] of objectEntries(content)) root(media.schema, [...ownerPath, 'content', mediaType, 'schema'], role, label);
}
