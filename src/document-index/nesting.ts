import { isObject } from './json.js';
import { keywordsOf } from './keywords.js';
import { eachSubschema, refLens } from './subschemas.js';
import type { JsonObject } from './types.js';

/**
 * How deeply request objects nest: the object levels a value can stack, through properties,
 * additionalProperties, patternProperties and array items (an array is not a level of its own),
 * with allOf/anyOf/oneOf branches at the level of the schema they belong to. readOnly properties
 * are left out, as in requests. A schema that can contain itself has no bound: Infinity.
 *
 * One iterative pass over the schemas reachable from the roots, each measured once, so shared
 * and recursive schemas cost nothing extra and a 10,000-level document cannot overflow the stack.
 * The resolved document keeps a circular `$ref` as a `{$ref}` object: seen through (refLens of
 * the document's `root`), it is the schema it names, which is how recursion shows up.
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

export function measureNesting(roots: Iterable<JsonObject>, root: JsonObject): Nesting {
  const seeThrough = refLens(root);
  const through = (schema: JsonObject) => seeThrough(schema, keywordsOf(schema))?.schema ?? schema;
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
    stack.push({ schema, edges: edgesOf(schema, through), next: 0, nested: 0, branches: 0 });
  };
  for (const start of roots) {
    const schema = through(start);
    if (!depthOf.has(schema)) measureFrom(schema);
    // A root that is a $ref left in place measures as what it names.
    if (schema !== start) depthOf.set(start, depthOf.get(schema) as number);
  }
  return { depthOf, recursive };

  function measureFrom(schema: JsonObject): void {
    open(schema);
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
}

const isObjectLevel = (schema: JsonObject) =>
  schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object')) || isObject(schema.properties);

/**
 * A schema's children: [child, one object level down]. Properties (readOnly ones are left out, as
 * in requests) and other values of an object are a level down; array items sit at the array's
 * level (an array is not an object level of its own), and so do compositions, alternatives and
 * conditions.
 */
function edgesOf(schema: JsonObject, through: (schema: JsonObject) => JsonObject): Array<[JsonObject, boolean]> {
  const edges: Array<[JsonObject, boolean]> = [];
  eachSubschema(schema, keywordsOf(schema), (part, relation) => {
    const child = through(part);
    // readOnly said on a $ref left in place, or on the schema it names.
    if (relation === 'property' && (part.readOnly === true || child.readOnly === true)) return;
    edges.push([child, relation === 'property' || relation === 'value']);
  });
  return edges;
}
