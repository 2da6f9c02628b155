import type { JsonObject } from './document-index/index.js';
import { isObject } from './document-index/index.js';

/**
 * The values a response header documents: enum, const, default and example(s), on the header
 * and on its schema (OAS2 keeps them on the header). Read by the CORS and deprecation rules.
 */
export function headerValues(header: JsonObject): unknown[] {
  const values: unknown[] = [];
  for (const holder of [header, isObject(header.schema) ? header.schema : undefined]) {
    if (holder === undefined) continue;
    if (Array.isArray(holder.enum)) values.push(...holder.enum);
    for (const key of ['const', 'default', 'example', 'x-example']) if (key in holder) values.push(holder[key]);
    if (Array.isArray(holder.examples)) values.push(...holder.examples);
    else if (isObject(holder.examples))
      for (const example of Object.values(holder.examples)) if (isObject(example)) values.push(example.value);
  }
  return values;
}
