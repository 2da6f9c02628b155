import { isObject, objectEntries } from './json.js';
import { ALL_OF, DEPRECATED, FORMAT, keywordsOf, PATTERN, READ_ONLY, VALUE, WRITE_ONLY } from './keywords.js';
import { AllOfPeerIndex } from './peers.js';
import { mediaTypes } from './responses.js';
import { eachSubschema, refLens } from './subschemas.js';
import { withoutTwins } from './twins.js';
import type { RefTarget, Relation } from './subschemas.js';
import { INPUT_ROLES } from './types.js';
import type {
  AllOfPeers,
  JsonObject,
  JsonPath,
  NotedKeyword,
  OasVersion,
  OperationEntry,
  SchemaEntry,
  SchemaRole,
  SchemaUsage,
  ValueGroups,
} from './types.js';
import { Usage, UsageNode } from './usages.js';
import { ROLE_BIT, ROLE_SETS, UNREACHED_BIT, ValueGroupIndex } from './value-groups.js';
import type { ValueRoot } from './value-groups.js';

/**
 * A path as a chain of links to its parent, so reaching a schema 10,000 levels deep costs one
 * small link, not a copy of a 20,000-element array. Turned into a JsonPath only when read.
 */
interface PathLink {
  /** The schema it is below; at the top of a chain, the path where the walk started (a usage's own). */
  parent: PathLink | JsonPath;
  /** One or two keys: a schema's child is one or two keys below it (`items`, `properties/name`). */
  first: string | number;
  second: string | number | undefined;
}

/** Where a visit is: below a schema, or (where a walk starts) a path. */
type Place = PathLink | JsonPath;

/** How a visit's label follows from the label of the schema it was reached from. */
const SAME_LABEL = 0;
const PROPERTY_LABEL = 1;
const ITEM_LABEL = 2;
const VALUE_LABEL = 3;
const LABEL_OF: Record<Relation, number> = {
  property: PROPERTY_LABEL,
  item: ITEM_LABEL,
  value: VALUE_LABEL,
  composition: SAME_LABEL,
  alternative: SAME_LABEL,
  condition: SAME_LABEL,
};

/** A schema to walk. Short-lived: only its path link is kept, by the entry it creates. */
interface Visit {
  schema: JsonObject;
  at: Place;
  role: SchemaRole;
  /** Where a usage starts: the usage. Below it: the node of the schema it was reached from. */
  usage: Usage | undefined;
  from: UsageNode | undefined;
  propertyName: string | undefined;
  /** The label of the schema this one was reached from (for a root, its own), and how this one's follows from it. */
  label: string | undefined;
  labelFrom: number;
  /** What the schema's keys hold (see keywordsOf), read once when it was pushed. */
  keywords: number;
}

/** Usage nodes per schema: one slot per role, for path operations, then for outbound ones. */
const ROLE_SLOT: Record<SchemaRole, number> = { 'request-body': 0, 'response-body': 1, parameter: 2, header: 3 };
const OUTBOUND_SLOTS = 4;
/** The slot of definitions no operation reaches, walked as possible request bodies. */
const UNREACHED_SLOT = 8;
type Direction = 'path' | 'outbound' | 'unreached';

class IndexedSchema implements SchemaEntry {
  // Every field is set in the constructor, in one order: one object shape for all entries, so
  // rules reading entry fields stay fast. `path` is a getter: most entries' paths are never read.
  roles: ReadonlySet<SchemaRole> = ROLE_SETS[0];
  outboundRoles: ReadonlySet<SchemaRole> | undefined = undefined;
  unreached: true | undefined = undefined;
  propertyName: string | undefined;
  label: string | undefined;
  #at: Place;
  #path: JsonPath | undefined = undefined;
  /** Its usage nodes, one per slot it was reached in, as a linked list. */
  #nodes: UsageNode | undefined = undefined;
  #usages: readonly SchemaUsage[] | undefined = undefined;
  #keywords: number;

  constructor(
    readonly schema: JsonObject,
    at: Place,
    propertyName: string | undefined,
    label: string | undefined,
    keywords: number,
  ) {
    this.#at = at;
    this.propertyName = propertyName;
    this.label = label;
    this.#keywords = keywords;
  }

  /** What the schema's keys hold (see keywordsOf). A getter, so copies of an entry show only what the document says. */
  get keywords(): number {
    return this.#keywords;
  }

  get path(): JsonPath {
    return (this.#path ??= materialize(this.#at));
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
    // Role sets are shared by every entry with the same roles, not one set per schema.
    if (direction === 'path') this.roles = ROLE_SETS[bitsOf(this.roles) | ROLE_BIT[role]];
    else if (direction === 'outbound') this.outboundRoles = ROLE_SETS[bitsOf(this.outboundRoles) | ROLE_BIT[role]];
    return node;
  }
}

/** Role sets are ROLE_SETS' own, indexed by their bits. */
const bitsOf = (roles: ReadonlySet<SchemaRole> | undefined): number => (roles === undefined ? 0 : ROLE_SETS.indexOf(roles));

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
): {
  schemas: Map<JsonObject, SchemaEntry>;
  allOfPeers: AllOfPeers;
  valueGroups: ValueGroups;
  schemasWith: Record<NotedKeyword, readonly SchemaEntry[]>;
} {
  const valueRoots: ValueRoot[] = [];
  const usageCount = { value: 0 };
  const definitionsPath = version === '2.0' ? ['definitions'] : ['components', 'schemas'];
  const definitions = version === '2.0' ? root.definitions : isObject(root.components) ? root.components.schemas : undefined;
  const seeThrough = refLens(root);
  const walk = new SchemaWalk(new Map(objectEntries(definitions).map(([name, schema]) => [schema, name])), seeThrough);
  const { schemas, allOfPeers, noted } = walk;
  // A schema the walk has an entry for has had its keys read; others (a readOnly property of a request, a new root) are read now.
  const keywordsAt = (schema: JsonObject) => schemas.get(schema)?.keywords ?? keywordsOf(schema);
  for (const op of operations) {
    const outbound = op.kind !== 'path';
    // Pushed in reverse so the walk visits operations and their parts in document order.
    const roots = operationSchemaRoots(root, op, version, usageCount, keywordsAt, seeThrough);
    for (let i = roots.length - 1; i >= 0; i--) {
      walk.stack.push(roots[i]);
      // Value groups serve the input rules: only what the API accepts starts one (a callback's or
      // webhook's payload, a response, a response header never do).
      if (!outbound && INPUT_ROLES.has(roots[i].role)) valueRoots.push({ schema: roots[i].schema, bits: ROLE_BIT[roots[i].role] });
    }
    walk.run(outbound ? 'outbound' : 'path');
  }
  // Definitions no operation reaches (a shared schema library, a spec being designed): walked as
  // possible request bodies, so readOnly properties are left out as they would be in a request.
  const unreached = objectEntries(definitions).filter(([, schema]) => !schemas.has(schema));
  for (const [name, schema] of unreached) {
    valueRoots.push({ schema, bits: UNREACHED_BIT });
    walk.stack.push(rootVisit(schema, [...definitionsPath, name], 'request-body', undefined, `Schema "${name}"`, keywordsOf(schema)));
    walk.run('unreached');
  }
  return {
    schemas,
    allOfPeers,
    valueGroups: new ValueGroupIndex(valueRoots, schemas, allOfPeers, keywordsAt, seeThrough),
    schemasWith: noted,
  };
}

/**
 * The walk's state, as a class so walking a schema allocates only what it keeps (its entry and
 * node) and one visit per child: no closures per schema.
 */
class SchemaWalk {
  readonly schemas = new Map<JsonObject, IndexedSchema>();
  readonly allOfPeers: AllOfPeerIndex;
  readonly stack: Visit[] = [];
  readonly noted: Record<NotedKeyword, IndexedSchema[]> = { pattern: [], deprecated: [], format: [], value: [] };
  /** `Property "id"`, one string per name: most property names recur across the document's schemas. */
  readonly propertyLabels = new Map<string, string>();
  /** The direction and slot being walked, and the node of the schema whose children are being pushed. */
  #direction: Direction = 'path';
  #slot = 0;
  #node: UsageNode | undefined;

  constructor(
    private readonly definitionNames: ReadonlyMap<JsonObject, string>,
    private readonly seeThrough: (schema: JsonObject, keywords: number) => RefTarget | undefined,
  ) {
    this.allOfPeers = new AllOfPeerIndex(
      schema => seeThrough(schema, this.schemas.get(schema)?.keywords ?? keywordsOf(schema))?.schema ?? schema,
    );
  }

  run(direction: Direction): void {
    const { schemas, stack } = this;
    this.#direction = direction;
    let visit: Visit | undefined;
    while ((visit = stack.pop()) !== undefined) {
      const slot = direction === 'unreached' ? UNREACHED_SLOT : ROLE_SLOT[visit.role] + (direction === 'outbound' ? OUTBOUND_SLOTS : 0);
      let entry = schemas.get(visit.schema);
      let node = entry?.node(slot);
      const walked = node !== undefined;
      // Labels are built only for schemas walked here, not for every link to one walked before.
      const label = walked ? undefined : labelOf(visit, this.propertyLabels);
      if (entry === undefined) {
        entry = new IndexedSchema(visit.schema, visit.at, visit.propertyName, label, visit.keywords);
        // A body's label names the role it was first reached in; a named definition is used in others too.
        const name = this.definitionNames.get(visit.schema);
        if (name !== undefined && (entry.label === undefined || isBodyLabel(entry.label))) entry.label = `Schema "${name}"`;
        if (direction === 'unreached') entry.unreached = true;
        schemas.set(visit.schema, entry);
        if (visit.keywords & ALL_OF && Array.isArray(visit.schema.allOf)) this.allOfPeers.addAllOf(visit.schema);
        this.note(entry);
      }
      node ??= entry.addNode(slot, visit.role, direction);
      // Unreached definitions have no usages; linking them would also let a cycle of them form a
      // parent chain with no root, which UsageNode.usages() must never meet.
      if (visit.usage) node.addRoot(visit.usage);
      else if (visit.from && direction !== 'unreached') node.addParent(visit.from);
      if (walked) continue;
      const first = stack.length;
      this.#slot = slot;
      this.#node = node;
      this.pushChildren(visit, label);
      reverseFrom(stack, first); // popped in document order
    }
  }

  /** Notes the keywords of DocumentIndex.schemasWith while the walk has the schema at hand: a later scan would read every schema again. */
  private note(entry: IndexedSchema): void {
    const { keywords } = entry;
    if (keywords & PATTERN) this.noted.pattern.push(entry);
    if (keywords & DEPRECATED) this.noted.deprecated.push(entry);
    if (keywords & FORMAT) this.noted.format.push(entry);
    if (keywords & VALUE) this.noted.value.push(entry);
  }

  /** Pushes the schemas directly below a walked one, in document order; `label` is the walked one's. */
  private pushChildren(visit: Visit, label: string | undefined): void {
    eachSubschema(visit.schema, visit.keywords, (child, relation, keyword, key) =>
      this.push(child, visit, keyword, key, label, LABEL_OF[relation], relation === 'property' ? (key as string) : undefined),
    );
  }

  private push(
    child: JsonObject,
    parent: Visit,
    first: string | number,
    second: string | number | undefined,
    label: string | undefined,
    labelFrom: number,
    propertyName?: string,
  ): void {
    let entry = this.schemas.get(child);
    let keywords = entry !== undefined ? entry.keywords : keywordsOf(child);
    // A readOnly property is not accepted in a request, a writeOnly one never leaves in a response
    // (said on a $ref left in place, or on the schema it names).
    let flags = keywords;
    // A $ref the resolver left in place (a cycle) stands for the schema it names, walked where that is written.
    const target = this.seeThrough(child, keywords);
    if (target !== undefined) {
      child = target.schema;
      entry = this.schemas.get(child);
      keywords = entry !== undefined ? entry.keywords : keywordsOf(child);
      flags |= keywords;
    }
    if (propertyName !== undefined && flags & (parent.role === 'request-body' || parent.role === 'parameter' ? READ_ONLY : WRITE_ONLY))
      return;
    // A child already walked in this slot needs only the link, not a visit: shared schemas (a
    // user object referenced thousands of times) are linked without allocating.
    const walkedNode = entry?.node(this.#slot);
    if (walkedNode !== undefined) {
      if (this.#direction !== 'unreached') walkedNode.addParent(this.#node as UsageNode);
      return;
    }
    this.stack.push({
      schema: child,
      at: target !== undefined ? target.path : { parent: parent.at, first, second },
      role: parent.role,
      usage: undefined,
      from: this.#node,
      propertyName,
      label,
      labelFrom,
      keywords,
    });
  }
}

/** A visit where a walk starts. */
function rootVisit(
  schema: JsonObject,
  path: JsonPath,
  role: SchemaRole,
  usage: Usage | undefined,
  label: string | undefined,
  keywords: number,
): Visit {
  return {
    schema,
    at: path,
    role,
    usage,
    from: undefined,
    propertyName: undefined,
    label,
    labelFrom: SAME_LABEL,
    keywords,
  };
}

/** `Request body`, `Each item of the response body`...: labels that name a role. */
const isBodyLabel = (label: string) => /(^|the )(request|response) body$/i.test(label);

function materialize(at: Place): JsonPath {
  const below: JsonPath = [];
  let place = at;
  for (; !Array.isArray(place); place = place.parent) {
    if (place.second !== undefined) below.push(place.second);
    below.push(place.first);
  }
  return [...place, ...below.reverse()];
}

function reverseFrom<T>(items: T[], start: number): void {
  for (let i = start, j = items.length - 1; i < j; i++, j--) [items[i], items[j]] = [items[j], items[i]];
}

function labelOf({ label, labelFrom, propertyName }: Visit, propertyLabels: Map<string, string>): string | undefined {
  if (labelFrom === PROPERTY_LABEL) {
    const name = propertyName as string;
    let named = propertyLabels.get(name);
    if (named === undefined) propertyLabels.set(name, (named = `Property "${name}"`));
    return named;
  }
  if (labelFrom === ITEM_LABEL) return nestedLabel('Each item of', label);
  if (labelFrom === VALUE_LABEL) return nestedLabel('Each value of', label);
  return label;
}

/** `Each item of Property "tags"`; never nested twice, so labels stay short however deep the schema. */
function nestedLabel(prefix: 'Each item of' | 'Each value of', label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  if (label.startsWith('Each item of ') || label.startsWith('Each value of ')) return label;
  const inner = label === 'Request body' || label === 'Response body' ? `the ${label.toLowerCase()}` : label;
  return `${prefix} ${inner}`;
}

/** Where a use of a schema starts, beside its operation: what SchemaUsage records, and the label its schema gets. */
interface UseStart {
  role: SchemaRole;
  label: string | undefined;
  status?: string | null;
  mediaType?: string | null;
  parameterIn?: string | null;
  name?: string | null;
}

/** Where an operation's schemas start, each with its usage. */
function operationSchemaRoots(
  document: JsonObject,
  op: OperationEntry,
  version: OasVersion,
  usageCount: { value: number },
  keywordsAt: (schema: JsonObject) => number,
  seeThrough: (schema: JsonObject, keywords: number) => RefTarget | undefined,
): Visit[] {
  const roots: Visit[] = [];
  const root = (schema: unknown, path: JsonPath, start: UseStart) => {
    if (!isObject(schema)) return;
    let keywords = keywordsAt(schema);
    // A body that is a $ref the resolver left in place is the schema it names, walked where that is written.
    const target = seeThrough(schema, keywords);
    if (target !== undefined) keywords = keywordsAt(target.schema);
    const walked = target?.schema ?? schema;
    const usage = new Usage(usageCount.value++, {
      operation: op,
      role: start.role,
      status: start.status ?? null,
      mediaType: start.mediaType ?? null,
      parameterIn: start.parameterIn ?? null,
      name: start.name ?? null,
      schema: walked,
      path,
    });
    roots.push(rootVisit(walked, target?.path ?? path, start.role, usage, start.label, keywords));
  };
  // One use per media type of a `content` map (twins, the same schema under several types, once).
  const fromContent = (content: unknown, ownerPath: JsonPath, start: UseStart) => {
    for (const [mediaType, media] of withoutTwins(objectEntries(content), ([, media]) => media.schema)) {
      root(media.schema, [...ownerPath, 'content', mediaType, 'schema'], { ...start, mediaType });
    }
  };
  for (const { parameter, path } of op.parameters) {
    const name = typeof parameter.name === 'string' ? parameter.name : null;
    const label = name !== null ? `Parameter "${name}"` : undefined;
    const parameterIn = typeof parameter.in === 'string' ? parameter.in : null;
    if (version === '2.0') {
      if (parameter.in === 'body') {
        for (const mediaType of mediaTypes(op.operation.consumes, document.consumes)) {
          root(parameter.schema, [...path, 'schema'], { role: 'request-body', label: 'Request body', mediaType, parameterIn });
        }
      }
      // An OAS2 non-body parameter is itself the schema (type, maxLength, items...).
      else root(parameter, path, { role: 'parameter', label, parameterIn, name });
    } else {
      root(parameter.schema, [...path, 'schema'], { role: 'parameter', label, parameterIn, name });
      fromContent(parameter.content, path, { role: 'parameter', label, parameterIn, name });
    }
  }
  const body = op.operation.requestBody;
  if (version !== '2.0' && isObject(body))
    fromContent(body.content, [...op.path, 'requestBody'], { role: 'request-body', label: 'Request body' });

  for (const { status, content, headers } of op.responses) {
    for (const { mediaType, path, schema } of withoutTwins(content, entry => entry.schema))
      root(schema, [...path, 'schema'], { role: 'response-body', label: 'Response body', status, mediaType });
    for (const { name, path, header } of headers) {
      const start: UseStart = { role: 'header', label: `Header "${name}"`, status, name };
      // An OAS2 header is itself the schema.
      if (version === '2.0') root(header, path, start);
      else {
        root(header.schema, [...path, 'schema'], start);
        fromContent(header.content, path, start);
      }
    }
  }
  return roots;
}
