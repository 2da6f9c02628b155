import type { JsonObject, OperationEntry, ParameterEntry } from '../document-index/index.js';

/*
 * One flaw, one finding, for parameters: the same parameter (same name, same location) written
 * out inline in every operation is one design decision, not a flaw per operation (Trello declares
 * `?token=` 334 times). Read by specguard-credential-in-url and specguard-sensitive-data-in-url,
 * which must agree on where such a parameter is reported: the one defers to the other there.
 */

/** One name and location, as the operations declare it: where it is reported and how widely it is taken. */
export interface ParameterGroup<T> {
  /** The first declaration (document order of the operations given), with what the rule found there. */
  first: ParameterEntry;
  operation: OperationEntry;
  found: T;
  /** Distinct Parameter objects of this name and location: 1 when one definition is shared through $ref or the path item. */
  declarations: number;
  /** The operations that take it. */
  operations: number;
}

/**
 * The parameters of `operations` that `judge` finds something in, grouped by name and location
 * (`in`, case as written). `judge` is asked once per Parameter object, with the first operation
 * that takes it (a shared definition is judged where first used).
 */
export function parameterGroups<T>(
  operations: readonly OperationEntry[],
  judge: (parameter: JsonObject, operation: OperationEntry) => T | undefined,
): Array<ParameterGroup<T>> {
  const judged = new Map<JsonObject, T | undefined>();
  const groups = new Map<string, ParameterGroup<T> & { seen: Set<JsonObject>; ops: Set<OperationEntry> }>();
  for (const operation of operations) {
    for (const entry of operation.parameters) {
      const { parameter } = entry;
      let found = judged.get(parameter);
      if (!judged.has(parameter)) judged.set(parameter, (found = judge(parameter, operation)));
      if (found === undefined) continue;
      const key = `${String(parameter.in)}\u0000${String(parameter.name)}`;
      let group = groups.get(key);
      if (group === undefined) {
        group = { first: entry, operation, found, declarations: 0, operations: 0, seen: new Set(), ops: new Set() };
        groups.set(key, group);
      }
      group.seen.add(parameter);
      group.ops.add(operation);
    }
  }
  return [...groups.values()].map(({ seen, ops, ...group }) => ({ ...group, declarations: seen.size, operations: ops.size }));
}
