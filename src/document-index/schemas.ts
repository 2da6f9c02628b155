import { asArray, isObject, objectEntries } from './json.js';
import { AllOfPeerIndex } from './peers.js';
import { mediaTypes } from './responses.js';
import type {
  AllOfPeers,
  JsonObject,
  JsonPath,
  OasVersion,
  OperationEntry,
  SchemaEntry,
  SchemaRole,
  SchemaUsage,
  ValueGroups,
} from './types.js';
import { Usage, UsageNode } from './usages.js';
import { ROLE_BIT, UNREACHED_BIT, ValueGroupIndex } from './value-groups.js';
import type { ValueRoot } from './value-groups.js';

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
  /** Where a usage starts: the usage. Below it: the node of the schema it was reached from. */
  usage?: Usage;
  parent?: UsageNode;
  propertyName?: string;
  label: string | undefined;
}

/** Usage nodes per schema: one slot per role, for path operations, then for outbound ones. */
const ROLE_SLOT: Record<SchemaRole, number> = { 'request-body': 0, 'response-body': 1, parameter: 2, header: 3 };
const OUTBOUND_SLOTS = 4;
/** The slot of definitions no operation reaches, walked as possible request bodies. */
const UNREACHED_SLOT = 8;
type Direction = 'path' | 'outbound' | 'unreached';

class IndexedSchema implements SchemaEntry {
  declare readonly path: JsonPath;
  readonly roles = new Set<SchemaRole>();
  declare outboundRoles?: Set<SchemaRole>;
  declare unreached?: true;
  declare propertyName?: string;
  declare label?: string;
  /** Its usage nodes, one per slot it was reached in, as a linked list. */
  #nodes: UsageNode | undefined;
  #usages: readonly SchemaUsage[] | undefined;

  constructor(
    readonly schema: JsonObject,
    { at, propertyName, label }: Visit,
  ) {
    let path: JsonPath | undefined;
    // An own enumerable property, so the entry reads (and compares) like a plain object.
    Object.defineProperty(this, 'path', { enumerable: true, get: () => (path ??= materialize(at)) });
    if (propertyName !== undefined) this.propertyName = propertyName;
    if (label !== undefined) this.label = label;
  }

  get usages(): readonly SchemaUsage[] {
    if (this.#usages === undefined) {
      const nodes: UsageNode[] = [];
      for (let node = this.#nodes; node !== undefined; node = node.next) nodes.push(node);
      this.#usages = nodes.length === 1 ? nodes[0].usages() : Usage.inDocumentOrder(nodes.flatMap(node => [...node.usages()]));
    }
    return this.#usages;
  }

  node(slot: number): UsageNode | undefined {
    let node = this.#nodes;
    while (node !== undefined && node.slot !== slot) node = node.next;
    return node;
  }

  addNode(slot: number, role: SchemaRole, direction: Direction): UsageNode {
    const node = (this.#nodes = new UsageNode(slot, this.#nodes));
    if (direction === 'path') this.roles.add(role);
    else if (direction === 'outbound') (this.outboundRoles ??= new Set()).add(role);
    return node;
  }
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
 * response bodies, response headers), in every role it is used in, walking each (schema, role,
 * path-or-outbound) once, so shared and circular schemas cost nothing extra; where the walk meets
 * a schema it has walked, it records only the link (see UsageNode). Iterative, and paths are
 * built only when read, so a 10,000-level deep document neither overflows the stack nor costs
 * quadratic memory.
 */
export function collectSchemas(
  root: JsonObject,
  operations: OperationEntry[],
  version: OasVersion,
): { schemas: Map<JsonObject, SchemaEntry>; allOfPeers: AllOfPeers; valueGroups: ValueGroups } {
  const schemas = new Map<JsonObject, IndexedSchema>();
  const allOfPeers = new AllOfPeerIndex();
  const valueRoots: ValueRoot[] = [];
  const stack: Visit[] = [];
  const usageCount = { value: 0 };
  const definitionsPath = version === '2.0' ? ['definitions'] : ['components', 'schemas'];
  const definitions = version === '2.0' ? root.definitions : isObject(root.components) ? root.components.schemas : undefined;
  const definitionNames = new Map(objectEntries(definitions).map(([name, schema]) => [schema, name]));
  const walk = (direction: Direction) => {
    while (stack.length > 0) {
      const visit = stack.pop() as Visit;
      const slot = direction === 'unreached' ? UNREACHED_SLOT : ROLE_SLOT[visit.role] + (direction === 'outbound' ? OUTBOUND_SLOTS : 0);
      let entry = schemas.get(visit.schema);
      let node = entry?.node(slot);
      const walked = node !== undefined;
      if (entry === undefined) {
        entry = new IndexedSchema(visit.schema, visit);
        // A body's label names the role it was first reached in; a named definition is used in others too.
        const name = definitionNames.get(visit.schema);
        if (name !== undefined && (entry.label === undefined || isBodyLabel(entry.label))) entry.label = `Schema "${name}"`;
        if (direction === 'unreached') entry.unreached = true;
        schemas.set(visit.schema, entry);
        if (Array.isArray(visit.schema.allOf)) allOfPeers.addAllOf(visit.schema);
      }
      node ??= entry.addNode(slot, visit.role, direction);
      // Unreached definitions have no usages; linking them would also let a cycle of them form a
      // parent chain with no root, which UsageNode.usages() must never meet.
      if (visit.usage) node.addRoot(visit.usage);
      else if (visit.parent && direction !== 'unreached') node.addParent(visit.parent);
      if (walked) continue;
      const children = childVisits(visit, node);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  };

  for (const op of operations) {
    const outbound = op.kind !== 'path';
    // Pushed in reverse so the walk visits operations and their parts in document order.
    const roots = operationSchemaRoots(root, op, version, usageCount);
    for (let i = roots.length - 1; i >= 0; i--) {
      stack.push(roots[i]);
      valueRoots.push({ schema: roots[i].schema, bits: outbound ? 0 : ROLE_BIT[roots[i].role] });
    }
    walk(outbound ? 'outbound' : 'path');
  }
  // Definitions no operation reaches (a shared schema library, a spec being designed): walked as
  // possible request bodies, so readOnly properties are left out as they would be in a request.
  const unreached = objectEntries(definitions).filter(([, schema]) => !schemas.has(schema));
  for (const [name, schema] of unreached) {
    valueRoots.push({ schema, bits: UNREACHED_BIT });
    stack.push({ schema, at: link(null, ...definitionsPath, name), role: 'request-body', label: `Schema "${name}"` });
    walk('unreached');
  }
  return { schemas, allOfPeers, valueGroups: new ValueGroupIndex(valueRoots, schemas, allOfPeers) };
}

/** `Request body`, `Each item of the response body`...: labels that name a role. */
const isBodyLabel = (label: string) => /(^|the )(request|response) body$/i.test(label);

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

function childVisits({ schema, at, role, label }: Visit, parent: UsageNode): Visit[] {
  const out: Visit[] = [];
  const push = (child: unknown, keys: JsonPath, childLabel: string | undefined, propertyName?: string) => {
    if (!isObject(child)) return; // boolean schemas (3.1) and odd shapes constrain nothing here
    const visit: Visit = { schema: child, at: { parent: at, keys }, role, parent, label: childLabel };
    if (propertyName !== undefined) visit.propertyName = propertyName;
    out.push(visit);
  };
  for (const [name, property] of objectEntries(schema.properties)) {
    // A readOnly property is not accepted in a request, a writeOnly one never leaves in a response.
    if ((role === 'request-body' || role === 'parameter') && property.readOnly === true) continue;
    if ((role === 'response-body' || role === 'header') && property.writeOnly === true) continue;
    push(property, ['properties', name], `Property "${name}"`, name);
  }
  for (const keyword of ITEM_SUBSCHEMA) {
    const child = schema[keyword];
    if (child === undefined) continue; // most schemas have none: spare building their label
    if (keyword === 'items' && Array.isArray(child))
      child.forEach((item, i) => push(item, [keyword, i], nestedLabel('Each item of', label)));
    else push(child, [keyword], nestedLabel('Each item of', label));
  }
  asArray(schema.prefixItems).forEach((item, i) => push(item, ['prefixItems', i], nestedLabel('Each item of', label)));
  for (const keyword of VALUE_SUBSCHEMA) {
    if (schema[keyword] !== undefined) push(schema[keyword], [keyword], nestedLabel('Each value of', label));
  }
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

/** Where an operation's schemas start, each with its usage. */
function operationSchemaRoots(document: JsonObject, op: OperationEntry, version: OasVersion, usageCount: { value: number }): Visit[] {
  const roots: Visit[] = [];
  // Positional, not an options object: this runs for every parameter and body of a 13 MB spec.
  const root = (
    schema: unknown,
    path: JsonPath,
    role: SchemaRole,
    label: string | undefined,
    status: string | null,
    mediaType: string | null,
    parameterIn: string | null,
    name: string | null,
  ) => {
    if (!isObject(schema)) return;
    const usage = new Usage(usageCount.value++, op, role, status, mediaType, parameterIn, name, schema, path);
    roots.push({ schema, at: link(null, ...path), role, usage, label });
  };
  const fromContent = (
    content: unknown,
    ownerPath: JsonPath,
    role: SchemaRole,
    label: string | undefined,
    status: string | null,
    parameterIn: string | null,
    name: string | null,
  ) => {
    for (const [mediaType, media] of objectEntries(content)) {
      root(media.schema, [...ownerPath, 'content', mediaType, 'schema'], role, label, status, mediaType, parameterIn, name);
    }
  };
  for (const { parameter, path } of op.parameters) {
    const name = typeof parameter.name === 'string' ? parameter.name : null;
    const label = name !== null ? `Parameter "${name}"` : undefined;
    const location = typeof parameter.in === 'string' ? parameter.in : null;
    if (version === '2.0') {
      if (parameter.in === 'body') {
        for (const mediaType of mediaTypes(op.operation.consumes, document.consumes)) {
          root(parameter.schema, [...path, 'schema'], 'request-body', 'Request body', null, mediaType, location, null);
        }
      }
      // An OAS2 non-body parameter is itself the schema (type, maxLength, items...).
      else root(parameter, path, 'parameter', label, null, null, location, name);
    } else {
      root(parameter.schema, [...path, 'schema'], 'parameter', label, null, null, location, name);
      fromContent(parameter.content, path, 'parameter', label, null, location, name);
    }
  }
  const body = op.operation.requestBody;
  if (version !== '2.0' && isObject(body))
    fromContent(body.content, [...op.path, 'requestBody'], 'request-body', 'Request body', null, null, null);

  for (const { status, content, headers } of op.responses) {
    for (const { mediaType, path, schema } of content)
      root(schema, [...path, 'schema'], 'response-body', 'Response body', status, mediaType, null, null);
    for (const { name, path, header } of headers) {
      const label = `Header "${name}"`;
      // An OAS2 header is itself the schema.
      if (version === '2.0') root(header, path, 'header', label, status, null, null, name);
      else {
        root(header.schema, [...path, 'schema'], 'header', label, status, null, null, name);
        fromContent(header.content, path, 'header', label, status, null, name);
      }
    }
  }
  return roots;
}
