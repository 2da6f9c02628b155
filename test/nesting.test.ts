import { describe, expect, it } from 'vitest';
import { measureNesting } from '../src/document-index/nesting.js';
import type { JsonObject } from '../src/document-index/index.js';

const obj = (properties: JsonObject = {}, extra: JsonObject = {}): JsonObject => ({ type: 'object', properties, ...extra });
const depth = (schema: JsonObject) => measureNesting([schema], {}).depthOf.get(schema);

describe('measureNesting', () => {
  it('counts object levels through properties, maps and array items', () => {
    expect(depth({ type: 'string' })).toBe(0);
    expect(depth(obj({ a: { type: 'string' } }))).toBe(1);
    expect(depth(obj({ a: obj({ b: obj() }) }))).toBe(3);
    expect(depth(obj({ list: { type: 'array', items: obj({ x: obj() }) } }))).toBe(3);
    expect(depth(obj({}, { additionalProperties: obj() }))).toBe(2);
    expect(depth({ type: 'array', items: { type: 'array', items: obj() } })).toBe(1);
  });

  it('reads every subschema keyword: contains, if/then/else and dependentSchemas too', () => {
    expect(depth({ type: 'array', contains: obj({ a: obj() }) })).toBe(2);
    expect(depth({ if: obj(), then: obj({ a: obj({ b: obj() }) }), else: obj() })).toBe(3);
    expect(depth(obj({}, { dependentSchemas: { card: obj({ billing: obj() }) } }))).toBe(2);
    expect(depth(obj({}, { patternProperties: { '^x-': obj() } }))).toBe(2);
  });

  it('puts allOf/anyOf/oneOf branches at their schema level, and leaves readOnly properties out', () => {
    expect(depth({ allOf: [obj({ a: obj() }), obj({ b: { type: 'string' } })] })).toBe(2);
    expect(depth(obj({ a: { oneOf: [obj(), { type: 'string' }] } }))).toBe(2);
    expect(depth(obj({ audit: obj({ x: obj() }, { readOnly: true }) }))).toBe(1);
    expect(depth({ type: ['object', 'null'], properties: { a: obj() } })).toBe(2);
  });

  it('marks recursion as unbounded, at the schema that closes it, and measures shared schemas once', () => {
    const node: JsonObject = obj({ name: { type: 'string' } });
    (node.properties as JsonObject).children = { type: 'array', items: node };
    const shared = obj({ a: obj() });
    const root = obj({ tree: node, x: shared, y: shared });
    const { depthOf, recursive } = measureNesting([root, shared], {});
    expect(depthOf.get(root)).toBe(Infinity);
    expect(depthOf.get(shared)).toBe(2);
    expect([...recursive]).toEqual([node]);
  });

  it('does not overflow the stack on a 10,000-level chain', () => {
    let schema: JsonObject = obj();
    for (let i = 0; i < 10_000; i++) schema = obj({ next: schema });
    expect(depth(schema)).toBe(10_001);
  });

  it('skips odd shapes', () => {
    expect(depth({ properties: [1, 2], items: 5, allOf: 'x', additionalProperties: true })).toBe(0);
  });
});

describe('measureNesting sees through $refs left in place (circular $refs stay {$ref} objects in a resolved document)', () => {
  it('follows a circular $ref to find the recursion', () => {
    const node: JsonObject = obj({ children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } });
    const root = { components: { schemas: { Node: node } } };
    const { depthOf, recursive } = measureNesting([node], root);
    expect(depthOf.get(node)).toBe(Infinity);
    expect([...recursive]).toEqual([node]);
  });

  it('measures a root that is itself a $ref as the schema it names', () => {
    const target = obj({ a: obj() });
    const ref = { $ref: '#/definitions/T' };
    expect(measureNesting([ref], { definitions: { T: target } }).depthOf.get(ref)).toBe(2);
  });

  it('leaves remote or missing references alone', () => {
    expect(depth({ $ref: 'other.yaml#/x' })).toBe(0);
    expect(measureNesting([obj({ a: { $ref: '#/definitions/missing' } })], { definitions: {} }).recursive.size).toBe(0);
  });
});
