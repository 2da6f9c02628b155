import type { JsonObject } from './types.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Own string-keyed entries whose value is an object; anything else is skipped, never thrown on. */
export function objectEntries(value: unknown): Array<[string, JsonObject]> {
  if (!isObject(value)) return [];
  const out: Array<[string, JsonObject]> = [];
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (isObject(child)) out.push([key, child]);
  }
  return out;
}

/**
 * Entries of a map that allows specification extensions beside its names (Paths, Responses,
 * Callback, OAuth Flows): `x-` keys are extensions, not names.
 */
export function namedEntries(value: unknown): Array<[string, JsonObject]> {
  return objectEntries(value).filter(([key]) => !key.startsWith('x-'));
}

/**
 * `compute`, remembered per key object (a document's index, an option's list): rules that ask
 * for the same derived view of the same object get one computation. Kept only while the key lives.
 */
export function memoizedPerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return key => {
    if (known.has(key)) return known.get(key) as V;
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}

/**
 * Gives `target` a `key` computed on first read and then kept. Not enumerable: a derived view,
 * so printing or comparing an entry shows what the document says, and the build pays nothing
 * for views no rule reads.
 */
export function defineLazy<T extends object, V>(target: T, key: string, compute: () => V): void {
  let value: V;
  let computed = false;
  Object.defineProperty(target, key, {
    enumerable: false,
    configurable: true,
    get: () => {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
  });
}
