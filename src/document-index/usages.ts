import type { JsonObject, JsonPath, OperationEntry, SchemaRole, SchemaUsage } from './types.js';

/** A SchemaUsage that knows its place in document order (the order the walk created it in). */
export class Usage implements SchemaUsage {
  readonly #order: number;
  readonly operation: OperationEntry;
  readonly role: SchemaRole;
  readonly status: string | null;
  readonly mediaType: string | null;
  readonly parameterIn: string | null;
  readonly name: string | null;
  readonly schema: JsonObject;
  readonly path: JsonPath;

  constructor(order: number, use: SchemaUsage) {
    this.#order = order;
    this.operation = use.operation;
    this.role = use.role;
    this.status = use.status;
    this.mediaType = use.mediaType;
    this.parameterIn = use.parameterIn;
    this.name = use.name;
    this.schema = use.schema;
    this.path = use.path;
  }

  static inDocumentOrder(usages: Usage[]): Usage[] {
    return usages.sort((a, b) => a.#order - b.#order);
  }
}

/**
 * Where one schema sits in the usage graph for one (role, direction) slot: the usages that start
 * at it, and the schemas it was reached from. The walk records these links instead of copying
 * every usage down to every nested schema, so the graph stays linear in the document's size; a
 * schema's usages are derived from it on first read. Most schemas have one parent and start no
 * usage, so both lists are allocated only when needed.
 */
export class UsageNode {
  private roots: Usage[] | undefined;
  private parent: UsageNode | undefined;
  private moreParents: UsageNode[] | undefined;
  private memo: readonly Usage[] | undefined;

  /** `next`: the schema's node for another slot (a short list, at most one node per slot). */
  constructor(
    readonly slot: number,
    readonly next: UsageNode | undefined,
  ) {}

  addRoot(usage: Usage): void {
    (this.roots ??= []).push(usage);
  }

  addParent(parent: UsageNode): void {
    if (this.parent === undefined) this.parent = parent;
    else if (parent !== this.parent) (this.moreParents ??= []).push(parent);
  }

  /** Every usage of this schema in this slot, in document order. */
  usages(): readonly Usage[] {
    if (this.memo !== undefined) return this.memo;
    // A chain of schemas each reached from one parent and starting no usage of its own shares the
    // usages of the chain's top: walk up iteratively (chains can be 10,000 deep), share one array.
    // Such a chain cannot loop: the first node of a loop to be reached was reached from outside it.
    const chain: UsageNode[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts here and moves up
    let top: UsageNode = this;
    while (top.memo === undefined && top.roots === undefined && top.moreParents === undefined && top.parent !== undefined) {
      chain.push(top);
      top = top.parent;
    }
    const found = top.memo ?? (top.memo = top.collect());
    for (const node of chain) node.memo = found;
    return found;
  }

  /** Everything reachable upwards, stopping at nodes already derived. */
  private collect(): readonly Usage[] {
    const found = new Set<Usage>();
    const seen = new Set<UsageNode>([this]);
    const pending: UsageNode[] = [this];
    const reach = (parent: UsageNode) => {
      if (!seen.has(parent)) {
        seen.add(parent);
        pending.push(parent);
      }
    };
    let node: UsageNode | undefined;
    while ((node = pending.pop()) !== undefined) {
      if (node !== this && node.memo !== undefined) {
        for (const usage of node.memo) found.add(usage);
        continue;
      }
      for (const usage of node.roots ?? []) found.add(usage);
      if (node.parent !== undefined) reach(node.parent);
      for (const parent of node.moreParents ?? []) reach(parent);
    }
    return Usage.inDocumentOrder([...found]);
  }
}
