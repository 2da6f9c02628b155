import { getOrder } from '@stoplight/ordered-object-literal';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import { Document } from '@stoplight/spectral-core';
import { describe, expect, it } from 'vitest';
import { keyOrder, keysOf, objectEntries } from '../src/document-index/json.js';
import type { JsonObject } from '../src/document-index/index.js';

/** The data Spectral hands rules: parsed with key order kept, so every object is a Proxy. */
const parsed = (text: string, parser: 'json' | 'yaml') =>
  (parser === 'json' ? new Document(text, Json, 'spec') : new Document(text, Yaml, 'spec')).data as JsonObject;

describe('keysOf on Spectral documents', () => {
  const json = parsed('{"b": {"z": 1, "a": 2, "m": {"x": true}}, "a": [1], "__proto__x": 0}', 'json');
  const yaml = parsed('b:\n  z: 1\n  a: 2\n  m:\n    x: true\na: [1]\n', 'yaml');

  it.each([
    ['JSON', json],
    ['YAML', yaml],
  ])('gives Object.keys in document order for %s', (_, data) => {
    const inner = data.b as JsonObject;
    expect(keysOf(inner)).toEqual(['z', 'a', 'm']);
    expect(keysOf(inner)).toEqual(Object.keys(inner));
    expect(keysOf(data)).toEqual(Object.keys(data));
    expect(objectEntries(inner)).toEqual([['m', inner.m]]);
  });

  it('reads the list the object carries, with no string missing (keyOrder)', () => {
    const inner = json.b as JsonObject;
    expect(getOrder(inner)).toBeDefined();
    expect(keyOrder(inner)).toBe(getOrder(inner)); // the object's own list, not a copy
    expect(keyOrder(inner).filter(key => typeof key === 'string')).toEqual(['z', 'a', 'm']);
  });

  it('keeps the last place of a duplicate key, as Object.keys does', () => {
    const data = parsed('{"a": 1, "b": 2, "a": 3}', 'json');
    expect(keysOf(data)).toEqual(Object.keys(data));
  });

  it('does not trust the list a plain copy of a proxied object carries: nothing keeps it current', () => {
    const proxied = json.b as JsonObject;
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(proxied)) as JsonObject;
    copy.added = 1;
    delete copy.z;
    expect(getOrder(copy)).toBeDefined();
    expect(keysOf(copy)).toEqual(['a', 'm', 'added']);
    expect(keyOrder(copy)).toEqual(['a', 'm', 'added']);
  });

  it('falls back to Object.keys for plain objects and for proxies that carry no list', () => {
    expect(keysOf({ b: 1, a: 2 })).toEqual(['b', 'a']);
    const foreign = new Proxy({ q: 1, p: 2 }, { ownKeys: target => Reflect.ownKeys(target) });
    expect(keysOf(foreign)).toEqual(['q', 'p']);
    expect(keyOrder(Object.create(null) as JsonObject)).toEqual([]);
  });
});
