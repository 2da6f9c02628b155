import { MAX_NESTING_DEPTH, nestingDepth } from '../../parse/input-guards.js';
import type { Path, Schema, SourceMap } from './source-map.js';
import { entriesOf, get, plain } from './tree.js';
import type { RNode } from './tree.js';

/*
 * RAML examples as OpenAPI values, so the example rules read them. A RAML 1.0 example may use
 * the explicit form (`value:` beside `displayName`, `description`, `strict`, annotations), and
 * the example of a JSON body is often JSON text (always in 0.8; in 1.0 whenever it is an
 * `!include`d .json file): that text is read as the value it shows.
 */

const EXPLICIT_FACETS = new Set(['value', 'displayName', 'description', 'strict']);

/** The node holding an example's value: the `value` of the explicit form, else the node itself. */
function valueNode(node: RNode): RNode {
  const value = get(node, 'value');
  const explicit =
    value !== undefined && node.kind === 'map' && node.entries.every(([key]) => EXPLICIT_FACETS.has(key) || /^\(.+\)$/.test(key));
  return explicit ? value : node;
}

/**
 * An example's value, placed at `at` in the source map (each key of a value written out in
 * RAML at its own line). `json`: JSON text of an object or array is parsed.
 */
export function exampleValue(node: RNode, at: Path, map: SourceMap, json: boolean): unknown {
  const value = valueNode(node);
  placeValue(value, at, map);
  const data = plain(value);
  return json && typeof data === 'string' ? (parsedJson(data) ?? data) : data;
}

/** RAML 1.0 `examples` (a map of named examples) as an OpenAPI `examples` map of Example Objects; undefined when none. */
export function namedExamples(declaration: RNode | undefined, at: Path, map: SourceMap, json: boolean): Schema | undefined {
  const examples = get(declaration, 'examples');
  const named = entriesOf(examples);
  if (examples === undefined || named.length === 0) return undefined;
  map.set(at, examples.loc);
  const out: Schema = {};
  for (const [name, node] of named) {
    map.set([...at, name], node.loc);
    out[name] = { value: exampleValue(node, [...at, name, 'value'], map, json) };
  }
  return out;
}

function placeValue(node: RNode, at: Path, map: SourceMap): void {
  map.set(at, node.loc);
  if (node.kind === 'map') for (const [key, value] of node.entries) placeValue(value, [...at, key], map);
  else if (node.kind === 'seq') node.items.forEach((item, i) => placeValue(item, [...at, i], map));
}

/** JSON text of an object or array, parsed; undefined for other text, invalid JSON, or nesting too deep to walk. */
function parsedJson(text: string): unknown {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return nestingDepth(parsed) > MAX_NESTING_DEPTH ? undefined : parsed;
  } catch {
    return undefined;
  }
}
