import { keyOrder } from './json.js';
import type { JsonObject } from './types.js';

/*
 * What a schema's keys hold, as bits: which subschema keywords it has and the flags below, found
 * in one pass over its keys (keywordsOf). The index walk and the value groups ask about twenty-odd
 * keywords per schema, and most schemas lack nearly all of them: reading a keyword a schema lacks
 * is the slow case on a large document of differently shaped objects, and on Spectral's proxies
 * slower still.
 */
const keywordBit = new Map<string, number>();
function keywordBits<K extends string>(keywords: readonly K[]): Array<[K, number]> {
  return keywords.map(keyword => {
    const bit = 1 << keywordBit.size;
    keywordBit.set(keyword, bit);
    return [keyword, bit];
  });
}
/** `properties`, walked first. */
export const [[, PROPERTIES]] = keywordBits(['properties']);
/** Keywords whose value is one subschema describing each item of an array. */
export const ITEM_SUBSCHEMA = keywordBits(['items', 'additionalItems', 'contains', 'unevaluatedItems']);
export const [[, PREFIX_ITEMS]] = keywordBits(['prefixItems']);
/** Keywords whose value is one subschema describing each value of an object. */
export const VALUE_SUBSCHEMA = keywordBits(['additionalProperties', 'unevaluatedProperties']);
export const [[, PATTERN_PROPERTIES]] = keywordBits(['patternProperties']);
/** Keywords whose value is one subschema describing the same value. `not` is left out: its constraints are inverted. */
export const SAME_VALUE_SUBSCHEMA = keywordBits(['if', 'then', 'else']);
/** Keywords whose value is an array of subschemas describing the same value. */
export const SAME_VALUE_LISTS = keywordBits(['allOf', 'anyOf', 'oneOf']);
/** Keywords whose value maps names to subschemas describing the same value. */
export const SAME_VALUE_MAPS = keywordBits(['dependentSchemas', 'dependencies']);
export const ALL_OF = keywordBit.get('allOf') as number;
/** Flags: `readOnly: true`, `writeOnly: true`, and the keywords DocumentIndex.schemasWith notes. */
export const READ_ONLY = 1 << keywordBit.size;
export const WRITE_ONLY = READ_ONLY << 1;
export const PATTERN = READ_ONLY << 2;
export const DEPRECATED = READ_ONLY << 3;
export const FORMAT = READ_ONLY << 4;
export const VALUE = READ_ONLY << 5;
/** `$ref` with a string value: in a resolved document, a reference its resolver left in place (a cycle). */
export const REF = READ_ONLY << 6;

/**
 * How a subschema relates to the value of the schema it is written in: it describes one property
 * (`properties`), each item (`items`...), each other value of an object (`additionalProperties`,
 * `patternProperties`), the same value together with it (`allOf`), the same value instead of it
 * (`anyOf`, `oneOf`), or the same value under a condition (`if`/`then`/`else`, `dependentSchemas`).
 */
export type Relation = 'property' | 'item' | 'value' | 'composition' | 'alternative' | 'condition';

/** How a keyword holds its subschemas: one, a list, a map by name, or (`items`) one or a list. */
type Shape = 'one' | 'list' | 'map' | 'one-or-list';

export interface SubschemaKeyword {
  keyword: string;
  bit: number;
  relation: Relation;
  shape: Shape;
}

/**
 * Every keyword that holds subschemas, in the order walks visit them: the one table each schema
 * walk reads (see eachSubschema). `not` is left out: its constraints are inverted.
 */
export const SUBSCHEMA_KEYWORDS: readonly SubschemaKeyword[] = (
  [
    ['properties', 'property', 'map'],
    ...ITEM_SUBSCHEMA.map(([keyword]) => [keyword, 'item', keyword === 'items' ? 'one-or-list' : 'one'] as const),
    ['prefixItems', 'item', 'list'],
    ...VALUE_SUBSCHEMA.map(([keyword]) => [keyword, 'value', 'one'] as const),
    ['patternProperties', 'value', 'map'],
    ...SAME_VALUE_SUBSCHEMA.map(([keyword]) => [keyword, 'condition', 'one'] as const),
    ...SAME_VALUE_LISTS.map(([keyword]) => [keyword, keyword === 'allOf' ? 'composition' : 'alternative', 'list'] as const),
    ...SAME_VALUE_MAPS.map(([keyword]) => [keyword, 'condition', 'map'] as const),
  ] as ReadonlyArray<readonly [string, Relation, Shape]>
).map(([keyword, relation, shape]) => ({ keyword, bit: keywordBit.get(keyword) as number, relation, shape }));

/** What a schema's keys hold, as bits (above): one pass over its keys. */
export function keywordsOf(schema: JsonObject): number {
  let bits = 0;
  for (const key of keyOrder(schema)) {
    switch (key) {
      case 'readOnly':
        if (schema.readOnly === true) bits |= READ_ONLY;
        break;
      case 'writeOnly':
        if (schema.writeOnly === true) bits |= WRITE_ONLY;
        break;
      case 'pattern':
        bits |= PATTERN;
        break;
      case 'deprecated':
        bits |= DEPRECATED;
        break;
      case 'format':
        bits |= FORMAT;
        break;
      case 'example':
      case 'default':
      case 'x-example':
      case 'examples':
        bits |= VALUE;
        break;
      case '$ref':
        if (typeof schema.$ref === 'string') bits |= REF;
        break;
      default: // a symbol in the key list finds no bit
        bits |= keywordBit.get(key as string) ?? 0;
    }
  }
  return bits;
}
