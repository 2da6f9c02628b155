import { isObject } from './json.js';
import type { OasVersion } from './types.js';

/**
 * The OpenAPI major.minor a document declares, from content alone. An unquoted YAML version
 * (`swagger: 2.0`, `openapi: 3.1`) parses as a number; Spectral's oas2/oas3 formats accept it, so
 * the index does too, or every index rule would silently skip a document Spectral lints.
 */
export function oasVersionOf(root: unknown): OasVersion | null {
  if (!isObject(root)) return null;
  const swagger = versionText(root.swagger);
  if (swagger !== null && /^2(\.0(\.\d+)?)?$/.test(swagger)) return '2.0';
  const openapi = versionText(root.openapi);
  if (openapi !== null) {
    if (/^3(\.0(\.\d+)?(-.+)?)?$/.test(openapi)) return '3.0';
    if (/^3\.1(\.\d+)?(-.+)?$/.test(openapi)) return '3.1';
  }
  return null;
}

function versionText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
