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
