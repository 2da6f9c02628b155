import { describe, expect, it } from 'vitest';
import { keywordsOf } from '../src/document-index/keywords.js';
import { eachSubschema, refLens } from '../src/document-index/subschemas.js';
import type { JsonObject } from '../src/document-index/index.js';

/** What eachSubschema visits, as [relation, keyword, key] in visit order. */
function visits(schema: JsonObject): Array<[string, string, string | number | undefined]> {
  const out: Array<[string, string, string | number | undefined]> = [];
  eachSubschema(schema, keywordsOf(schema), (_child, relation, keyword, key) => out.push([relation, keyword, key]));
  return out;
}

describe('eachSubschema: the one table of subschema keywords', () => {
  const s = { type: 'string' };
  it('visits every keyword that holds subschemas, with its relation, in table order', () => {
    expect(
      visits({
        oneOf: [s],
        allOf: [s, s],
        properties: { a: s, b: s },
        items: s,
        prefixItems: [s],
        contains: s,
        additionalProperties: s,
        patternProperties: { '^x': s },
        if: s,
        then: s,
        else: s,
        dependentSchemas: { a: s },
        not: s,
      }),
    ).toEqual([
      ['property', 'properties', 'a'],
      ['property', 'properties', 'b'],
      ['item', 'items', undefined],
      ['item', 'contains', undefined],
      ['item', 'prefixItems', 0],
      ['value', 'additionalProperties', undefined],
      ['value', 'patternProperties', '^x'],
      ['condition', 'if', undefined],
      ['condition', 'then', undefined],
      ['condition', 'else', undefined],
      ['composition', 'allOf', 0],
      ['composition', 'allOf', 1],
      ['alternative', 'oneOf', 0],
      ['condition', 'dependentSchemas', 'a'],
    ]);
  });
  it('reads items as one schema or a list (draft 4 tuples), and skips boolean schemas and odd shapes', () => {
    expect(visits({ items: [s, true, s] })).toEqual([
      ['item', 'items', 0],
      ['item', 'items', 2],
    ]);
    expect(visits({ properties: [s], additionalProperties: true, allOf: s, contains: [s], dependencies: { a: ['b'] } })).toEqual([]);
  });
});

describe('refLens: $refs the resolver left in place', () => {
  const target = { type: 'object' };
  const root = {
    components: { schemas: { 'a/b': target, Alias: { $ref: '#/components/schemas/a~1b' }, Loop: { $ref: '#/components/schemas/Loop' } } },
  };
  const see = (schema: JsonObject) => refLens(root)(schema, keywordsOf(schema));
  it('names the target and where it is written, through escaped pointers and chains of $refs', () => {
    expect(see({ $ref: '#/components/schemas/a~1b' })).toEqual({ schema: target, path: ['components', 'schemas', 'a/b'] });
    expect(see({ $ref: '#/components/schemas/Alias' })?.schema).toBe(target);
  });
  it('sees nothing through remote, missing, malformed or looping references, or a schema without $ref', () => {
    expect(see({ $ref: 'other.yaml#/x' })).toBeUndefined();
    expect(see({ $ref: '#/components/schemas/missing' })).toBeUndefined();
    expect(see({ $ref: '#/components/schemas/%E0%A4%A' })).toBeUndefined();
    expect(see({ $ref: '#/components/schemas/Loop' })).toBeUndefined();
    expect(see({ $ref: 7 })).toBeUndefined();
    expect(see(target)).toBeUndefined();
  });
});
