import { types } from 'node:util';
import { getOrder } from '@stoplight/ordered-object-literal';
import type { JsonObject } from './types.js';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object or an array: what a JSON path steps into, by key or by index. */
export function isContainer(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * The object's own keys in order, for loops that skip what is not a string themselves. Spectral
 * parses with key order kept: every object is a Proxy whose `ownKeys` trap returns a list the
 * object carries (its library's `getOrder`, which also holds the library's symbol), kept current
 * by the proxy's other traps. `Object.keys` on a Proxy also asks the target for each key's
 * descriptor, a trap call per key; the list is read without a copy. Only a proxy's list
 * is trusted: a plain copy of a proxied object (Spectral's resolver makes some) carries the list
 * too, but nothing keeps it current. Anything else, or a proxy of a copy of the library that
 * picked another symbol (it names it by the hour it loaded), gets `Object.keys`.
 */
export function keyOrder(object: JsonObject): ReadonlyArray<string | symbol> {
  return proxyKeyList(object) ?? Object.keys(object);
}

/** `Object.keys(object)`, fast for Spectral's documents (see keyOrder). */
export function keysOf(object: JsonObject): string[] {
  const list = proxyKeyList(object);
  if (list === undefined) return Object.keys(object);
  const keys: string[] = [];
  for (const key of list) if (typeof key === 'string') keys.push(key);
  return keys;
}

const proxyKeyList = (object: JsonObject) => (types.isProxy(object) ? getOrder(object) : undefined);

/** Own string-keyed entries whose value is an object; anything else is skipped, never thrown on. */
export function objectEntries(value: unknown): Array<[string, JsonObject]> {
  if (!isObject(value)) return [];
  const out: Array<[string, JsonObject]> = [];
  for (const key of keyOrder(value)) {
    if (typeof key !== 'string') continue;
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
