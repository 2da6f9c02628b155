import { keyOrder } from './json.js';
import type { JsonObject } from './types.js';

/*
 * What a schema's keys hold, as bits: which subschema keywords it has and the flags below, found
 * in one pass over its keys (keywordsOf). The index walk and the value groups ask about twenty-odd
 * keywords per schema, and most schemas lack nearly all of them: reading a keyword a schema lacks
 * is the slow case on a document of 40,000 differently shaped objects, and on Spectral's proxies
 * slower still.
 */
const keywordBit = new Map<string, number>();
function keywordBits<K extends string>(keywords: readonly K[]): Array<[K, number]> {
  return keywords.map(keyword => {
    keywordBit.set(keyword, 1 << keywordBit.size);
    return [keyword, keywordBit.get(keyword) as number];
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
      default: // a symbol in the key list finds no bit
        bits |= keywordBit.get(key as string) ?? 0;
    }
  }
  return bits;
}
