import type { JsonObject } from '../document-index/index.js';
import { asArray, isObject } from '../document-index/json.js';

/**
 * The values a response header documents: enum, const, default and example(s), on the header
 * and on its schema (OAS2 keeps them on the header). Read by the CORS and deprecation rules.
 */
export function headerValues(header: JsonObject): unknown[] {
  const values: unknown[] = [];
  for (const holder of [header, isObject(header.schema) ? header.schema : undefined]) {
    if (holder === undefined) continue;
    values.push(...asArray(holder.enum));
    for (const key of ['const', 'default', 'example', 'x-example']) if (key in holder) values.push(holder[key]);
    values.push(...asArray(holder.examples));
    if (isObject(holder.examples)) for (const example of Object.values(holder.examples)) if (isObject(example)) values.push(example.value);
  }
  return values;
}
