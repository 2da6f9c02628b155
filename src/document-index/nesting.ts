import { asArray, isObject } from './json.js';
import type { JsonObject } from './types.js';

/**
 * How deeply request objects nest: the object levels a value can stack, through properties,
 * additionalProperties, patternProperties and array items (an array is not a level of its own),
 * with allOf/anyOf/oneOf branches at the level of the schema they belong to. readOnly properties
 * are left out, as in requests. A schema that can contain itself has no bound: Infinity.
 *
 * One iterative pass over the schemas reachable from the roots, each measured once, so shared
 * and recursive schemas cost nothing extra and a 10,000-level document cannot overflow the stack.
 * The resolved document keeps a circular `$ref` as a `{$ref}` object: `resolveRef` turns its
 * reference into the schema it names, which is how recursion shows up.
 */
export interface Nesting {
  /** The depth of each schema measured (1 for a flat object, 0 for a scalar). */
  depthOf: Map<JsonObject, number>;
  /** Schemas met again while being measured: where a recursion closes (`Node.children.items` -> `Node`). */
  recursive: Set<JsonObject>;
}

interface Frame {
  schema: JsonObject;
  /** [child, whether it is one level down (a property or item) rather than a branch at this level]. */
  edges: Array<[JsonObject, boolean]>;
  next: number;
  nested: number;
  branches: number;
}

export function measureNesting(
  roots: Iterable<JsonObject>,
  resolveRef: (ref: string) => JsonObject | undefined = () => undefined,
): Nesting {
  const depthOf = new Map<JsonObject, number>();
  const recursive = new Set<JsonObject>();
  const inProgress = new Set<JsonObject>();
  const stack: Frame[] = [];
  const add = (frame: Frame, depth: number, nested: boolean) => {
    if (nested) frame.nested = Math.max(frame.nested, depth);
    else frame.branches = Math.max(frame.branches, depth);
  };
  const open = (schema: JsonObject) => {
    inProgress.add(schema);
    stack.push({ schema, edges: edgesOf(schema, resolveRef), next: 0, nested: 0, branches: 0 });
  };
  for (const root of roots) {
    if (depthOf.has(root)) continue;
    open(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next < frame.edges.length) {
        const [child, nested] = frame.edges[frame.next++];
        const known = depthOf.get(child);
        if (known !== undefined) add(frame, known, nested);
        else if (inProgress.has(child)) {
          recursive.add(child);
          add(frame, Infinity, nested);
        } else open(child);
        continue;
      }
      stack.pop();
      inProgress.delete(frame.schema);
      const own = isObjectLevel(frame.schema) ? 1 : 0;
      const depth = Math.max(own + frame.nested, frame.branches);
      depthOf.set(frame.schema, depth);
      const parent = stack[stack.length - 1];
      if (parent !== undefined) add(parent, depth, parent.edges[parent.next - 1][1]);
    }
  }
  return { depthOf, recursive };
}

const isObjectLevel = (schema: JsonObject) =>
  schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || isObject(schema.properties);

const NESTED_ONE = ['additionalProperties', 'unevaluatedProperties', 'items', 'additionalItems', 'unevaluatedItems'] as const;
const BRANCH_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

function edgesOf(schema: JsonObject, resolveRef: (ref: string) => JsonObject | undefined): Array<[JsonObject, boolean]> {
  const edges: Array<[JsonObject, boolean]> = [];
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref);
    if (target !== undefined) edges.push([target, false]);
  }
  const nested = (child: unknown, throughArray: boolean) => {
    if (!isObject(child)) return;
    // Array items sit at the array's level: the array is not an object level of its own.
    edges.push([child, !throughArray]);
  };
  if (isObject(schema.properties)) {
    for (const property of Object.values(schema.properties)) {
      if (isObject(property) && property.readOnly !== true) nested(property, false);
    }
  }
  if (isObject(schema.patternProperties)) for (const child of Object.values(schema.patternProperties)) nested(child, false);
  for (const keyword of NESTED_ONE) {
    const child = schema[keyword];
    const isItems = keyword.endsWith('Items') || keyword === 'items';
    if (Array.isArray(child)) for (const item of child) nested(item, isItems);
    else nested(child, isItems);
  }
  for (const item of asArray(schema.prefixItems)) nested(item, true);
  for (const keyword of BRANCH_LISTS) for (const branch of asArray(schema[keyword])) if (isObject(branch)) edges.push([branch, false]);
  return edges;
}

/** Resolves a local `#/a/b` reference in `root` (JSON pointer, `~1` and `~0` unescaped); anything else is undefined. */
export function localRefResolver(root: JsonObject): (ref: string) => JsonObject | undefined {
  const known = new Map<string, JsonObject | undefined>();
  return ref => {
    if (known.has(ref)) return known.get(ref);
    let target: unknown = ref.startsWith('#/') ? root : undefined;
    if (target !== undefined) {
      for (const key of ref.slice(2).split('/')) {
        const name = safeDecode(key).replace(/~1/g, '/').replace(/~0/g, '~');
        target = isObject(target) && Object.hasOwn(target, name) ? target[name] : undefined;
      }
    }
    const found = isObject(target) ? target : undefined;
    known.set(ref, found);
    return found;
  };
}

/** A malformed `%` escape is read as written rather than thrown on. */
function safeDecode(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}
