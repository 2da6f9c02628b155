import { isObject, keysOf, memoizedPerObject } from './json.js';
import { REF, SUBSCHEMA_KEYWORDS } from './keywords.js';
import type { Relation } from './keywords.js';
import type { JsonObject, JsonPath } from './types.js';

export type { Relation } from './keywords.js';

/**
 * Calls `visit` with each subschema written in `schema`, in the order of SUBSCHEMA_KEYWORDS and,
 * within a keyword, in document order: the keyword, and the property name, pattern or index it
 * sits under (none for a keyword that holds one subschema). `keywords` are the schema's bits
 * (keywordsOf), so keywords it lacks cost nothing. Boolean schemas (3.1) and odd shapes are
 * skipped: they constrain nothing a rule asks about.
 */
export function eachSubschema(
  schema: JsonObject,
  keywords: number,
  visit: (child: JsonObject, relation: Relation, keyword: string, key: string | number | undefined) => void,
): void {
  for (const { keyword, bit, relation, shape } of SUBSCHEMA_KEYWORDS) {
    if (!(keywords & bit)) continue;
    const value = schema[keyword];
    if (shape === 'map') {
      if (isObject(value)) for (const name of keysOf(value)) if (isObject(value[name])) visit(value[name], relation, keyword, name);
    } else if (Array.isArray(value)) {
      if (shape !== 'one')
        for (let i = 0; i < value.length; i++) if (isObject(value[i])) visit(value[i] as JsonObject, relation, keyword, i);
    } else if (shape !== 'list' && isObject(value)) visit(value, relation, keyword, undefined);
  }
}

/** A schema a `$ref` names, with where it is written. */
export interface RefTarget {
  schema: JsonObject;
  path: JsonPath;
}

/**
 * Spectral's resolver leaves a `$ref` in place where resolving it would close a cycle (Stripe's
 * charge -> customer -> charge): the resolved document then holds `{$ref: '#/components/...'}`
 * objects. A walk that stopped there would never reach the schemas behind them, and would take
 * them for unused. `seeThrough(schema, keywords)` gives the schema such a local `$ref` names
 * (following a chain of them), with its path; undefined for anything else (no `$ref`, a remote
 * or broken one, a chain that only loops). One per document root, shared by every walk.
 */
export const refLens = memoizedPerObject((root: JsonObject): ((schema: JsonObject, keywords: number) => RefTarget | undefined) => {
  const known = new Map<string, RefTarget | null>();
  const resolve = (ref: string): RefTarget | undefined => {
    const cached = known.get(ref);
    if (cached !== undefined) return cached ?? undefined;
    known.set(ref, null); // a chain that comes back here resolves to nothing
    const path = pointerPath(ref);
    let target: unknown = path === undefined ? undefined : root;
    for (const key of path ?? []) target = isObject(target) && Object.hasOwn(target, key) ? target[key] : undefined;
    let found: RefTarget | undefined;
    if (isObject(target)) {
      found = typeof target.$ref === 'string' ? resolve(target.$ref) : { schema: target, path: path as JsonPath };
    }
    known.set(ref, found ?? null);
    return found;
  };
  return (schema, keywords) => (keywords & REF ? resolve(schema.$ref as string) : undefined);
});

/** The keys of a local reference (`#/components/schemas/a~1b` -> components, schemas, a/b); undefined for any other. */
function pointerPath(ref: string): string[] | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map(key => safeDecode(key).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A malformed `%` escape is read as written rather than thrown on. */
function safeDecode(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}
