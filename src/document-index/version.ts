import { isObject } from './json.js';
import type { OasVersion } from './types.js';

/** The OpenAPI major.minor a document declares, from content alone. */
export function oasVersionOf(root: unknown): OasVersion | null {
  if (!isObject(root)) return null;
  if (typeof root.swagger === 'string' && /^2\.0(\.\d+)?$/.test(root.swagger.trim())) return '2.0';
  if (typeof root.openapi === 'string') {
    if (/^3\.0(\.\d+)?(-.+)?$/.test(root.openapi.trim())) return '3.0';
    if (/^3\.1(\.\d+)?(-.+)?$/.test(root.openapi.trim())) return '3.1';
  }
  return null;
}
