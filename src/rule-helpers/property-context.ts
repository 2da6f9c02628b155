import { isContainer, isObject, memoizedPerObject } from '../document-index/json.js';
import type { JsonObject, JsonPath } from '../document-index/index.js';

/*
 * What surrounds a property, for rules whose reading of a name depends on it (an `account_number`
 * beside a `sortCode`, a `pin` in an address, a `stackTrace` in an `ExceptionDetail`): the object
 * holding it, that object's name and its other properties. Read from the resolved document at the
 * property's path, only for the few properties a rule asks about.
 */

/**
 * The object holding a property reached at `path` (its last two keys `properties`, name), and
 * how it is named: as a component (`BankFeedAccount`), or else by the key it sits under. A path
 * through a `$ref` left in place (a cycle) gives none.
 */
export function propertyHolder(root: JsonObject, path: JsonPath): { holder: JsonObject; name: string | undefined } | undefined {
  if (path.length < 2 || path[path.length - 2] !== 'properties') return undefined;
  let value: unknown = root;
  for (const key of path.slice(0, -2)) {
    if (!isContainer(value)) return undefined;
    value = value[key];
  }
  if (!isObject(value) || !isObject(value.properties)) return undefined;
  const key = path[path.length - 3];
  return { holder: value, name: componentNames(root).get(value) ?? (typeof key === 'string' ? key : undefined) };
}

/** The names around a property: its holder's other properties, and the holder's name (see propertyHolder). */
export function propertyNeighbours(root: JsonObject, path: JsonPath): string[] {
  const found = propertyHolder(root, path);
  if (found === undefined) return [];
  return [...Object.keys(found.holder.properties as JsonObject), ...(found.name === undefined ? [] : [found.name])];
}

/** The document's named schemas (OAS3 `components.schemas`, OAS2 `definitions`) by identity: $refs to them are resolved to the same objects. */
const componentNames = memoizedPerObject((root: JsonObject): ReadonlyMap<unknown, string> => {
  const names = new Map<unknown, string>();
  const lists = [isObject(root.components) ? root.components.schemas : undefined, root.definitions];
  for (const list of lists)
    if (isObject(list)) for (const [name, schema] of Object.entries(list)) if (isObject(schema)) names.set(schema, name);
  return names;
});
