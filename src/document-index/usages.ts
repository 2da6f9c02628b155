import type { SchemaUsage } from './types.js';

/**
 * Where one schema sits in the usage graph for one (role, direction) slot: the usages that start
 * at it, and the schemas it was reached from. The walk records these links instead of copying
 * every usage down to every nested schema, so the graph stays linear in the document's size; a
 * schema's usages are derived from it on first read. Most schemas have one parent and start no
 * usage, so both lists are allocated only when needed.
 */
export class UsageNode {
  private roots: SchemaUsage[] | undefined;
  private parent: UsageNode | undefined;
  private moreParents: UsageNode[] | undefined;
  private memo: readonly SchemaUsage[] | undefined;

  /** `next`: the schema's node for another slot (a short list, at most one node per slot). */
  constructor(
    readonly slot: number,
    readonly next: UsageNode | undefined,
  ) {}

  addRoot(usage: SchemaUsage): void {
    (this.roots ??= []).push(usage);
  }

  addParent(parent: UsageNode): void {
    if (this.parent === undefined) this.parent = parent;
    else if (parent !== this.parent) (this.moreParents ??= []).push(parent);
  }

  /** Every usage of this schema in this slot, in document order. */
  usages(graph: UsageGraph): readonly SchemaUsage[] {
    if (this.memo !== undefined) return this.memo;
    // A chain of schemas each reached from one parent and starting no usage of its own shares the
    // usages of the chain's top: walk up iteratively (chains can be 10,000 deep), share one array.
    // Such a chain cannot loop: the first node of a loop to be reached was reached from outside it.
    const chain: UsageNode[] = [];
    let top: UsageNode = this;
    while (top.memo === undefined && top.roots === undefined && top.moreParents === undefined && top.parent !== undefined) {
      chain.push(top);
      top = top.parent;
    }
    const found = top.memo ?? (top.memo = top.collect(graph));
    for (const node of chain) node.memo = found;
    return found;
  }

  /** Everything reachable upwards, stopping at nodes already derived. */
  private collect(graph: UsageGraph): readonly SchemaUsage[] {
    const found = new Set<SchemaUsage>();
    const seen = new Set<UsageNode>([this]);
    const pending: UsageNode[] = [this];
    const reach = (parent: UsageNode) => {
      if (!seen.has(parent)) {
        seen.add(parent);
        pending.push(parent);
      }
    };
    while (pending.length > 0) {
      const node = pending.pop() as UsageNode;
      if (node !== this && node.memo !== undefined) {
        for (const usage of node.memo) found.add(usage);
        continue;
      }
      for (const usage of node.roots ?? []) found.add(usage);
      if (node.parent !== undefined) reach(node.parent);
      for (const parent of node.moreParents ?? []) reach(parent);
    }
    return graph.inDocumentOrder([...found]);
  }
}

/** The usages of one document, numbered in the order the walk created them (document order). */
export class UsageGraph {
  private readonly order = new Map<SchemaUsage, number>();

  add(usage: SchemaUsage): SchemaUsage {
    this.order.set(usage, this.order.size);
    return usage;
  }

  inDocumentOrder(usages: SchemaUsage[]): SchemaUsage[] {
    return usages.sort((a, b) => (this.order.get(a) as number) - (this.order.get(b) as number));
  }
}
