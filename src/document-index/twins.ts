import { isObject, keysOf } from './json.js';
import type { JsonObject } from './types.js';

/**
 * Whether two schemas say the same thing: equal JSON, compared with shared objects (a `$ref`
 * target both resolve to) equal at once. A body offered as JSON and as XML is often written out
 * twice (converters copy it per media type): one flaw in it is one flaw, not one per media type.
 * Gives up (not twins) past `budget` compared values, so a huge body costs a bounded look.
 */
export function isTwin(a: JsonObject, b: JsonObject, budget = 5_000): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]];
  for (let pair = pending.pop(); pair !== undefined; pair = pending.pop()) {
    const [x, y] = pair;
    if (x === y) continue;
    if (--budget < 0) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i]]);
      continue;
    }
    if (!isObject(x) || !isObject(y)) return false; // distinct scalars, or an object against a scalar
    const keys = keysOf(x);
    if (keys.length !== keysOf(y).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(y, key)) return false;
      pending.push([x[key], y[key]]);
    }
  }
  return true;
}

/**
 * The schemas of a `content` map that describe a value of their own: one per set of twins, the
 * first in document order, so the same body under `application/json` and `application/xml` is
 * judged once.
 */
export function withoutTwins<T>(entries: readonly T[], schemaOf: (entry: T) => unknown): T[] {
  if (entries.length < 2) return [...entries];
  const kept: T[] = [];
  const schemas: JsonObject[] = [];
  for (const entry of entries) {
    const schema = schemaOf(entry);
    if (isObject(schema)) {
      if (schemas.some(other => other !== schema && isTwin(other, schema))) continue;
      schemas.push(schema);
    }
    kept.push(entry);
  }
  return kept;
}
